#include <citynoise/raytrace/ground_map.hpp>

#include "uniform_grid.hpp"

#include <algorithm>

namespace citynoise::raytrace {

struct GroundMap::Impl {
  double defaultG = 0.0;
  std::vector<GroundArea> areas;
  std::vector<Box2> areaBoxes;
  struct Edge {
    Vec2 a, b;
  };
  std::vector<Edge> edges;
  UniformGrid edgeGrid, areaGrid;
};

GroundMap::GroundMap(double defaultG, std::vector<GroundArea> areas) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.defaultG = defaultG;
  m.areas = std::move(areas);
  for (const GroundArea& a : m.areas) {
    Box2 box;
    for (const Vec2& p : a.polygon) box.extend(p);
    m.areaBoxes.push_back(box);
    for (std::size_t i = 0; i < a.polygon.size(); ++i)
      m.edges.push_back({a.polygon[i], a.polygon[(i + 1) % a.polygon.size()]});
  }
  m.edgeGrid.build(m.edges.size(), [&](std::size_t i) {
    Box2 b;
    b.extend(m.edges[i].a), b.extend(m.edges[i].b);
    return b;
  });
  m.areaGrid.build(m.areas.size(), [&](std::size_t i) { return m.areaBoxes[i]; }, 1.0);
}

GroundMap::~GroundMap() = default;
GroundMap::GroundMap(GroundMap&&) noexcept = default;
GroundMap& GroundMap::operator=(GroundMap&&) noexcept = default;

double GroundMap::defaultG() const { return impl_->defaultG; }

double GroundMap::gAt(const Vec2& p) const {
  const Impl& m = *impl_;
  thread_local std::vector<std::uint32_t> ids;
  m.areaGrid.queryBox(Box2{p, p}, ids);
  // Ids come sorted: the last area containing p wins.
  for (auto it = ids.rbegin(); it != ids.rend(); ++it)
    if (m.areaBoxes[*it].contains(p) && insideRing(m.areas[*it].polygon, p)) return m.areas[*it].g;
  return m.defaultG;
}

void GroundMap::changes(const Vec2& a, const Vec2& b, std::vector<GroundChange>& out) const {
  const Impl& m = *impl_;
  out.clear();
  thread_local std::vector<std::uint32_t> ids;
  thread_local std::vector<double> ts;
  thread_local UniformGrid::Seen seen;
  m.edgeGrid.querySegment(a, b, ids, seen);
  ts.clear();
  for (std::uint32_t i : ids)
    if (const auto x = intersectSegments(a, b, m.edges[i].a, m.edges[i].b); x && x->t > 0.0 && x->t < 1.0)
      ts.push_back(x->t);
  std::sort(ts.begin(), ts.end());
  ts.erase(std::unique(ts.begin(), ts.end(), [](double l, double r) { return r - l < 1e-12; }), ts.end());
  // G on each stretch is the G at its middle; a change is recorded where it differs.
  double current = gAt(a);
  for (std::size_t k = 0; k < ts.size(); ++k) {
    const double next = k + 1 < ts.size() ? ts[k + 1] : 1.0;
    const double mid = 0.5 * (ts[k] + next);
    const double g = gAt(a + (b - a) * mid);
    if (g != current) out.push_back({ts[k], g}), current = g;
  }
}

}  // namespace citynoise::raytrace
