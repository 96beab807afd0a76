#include <citynoise/raytrace/obstacles.hpp>

#include "uniform_grid.hpp"

#include <algorithm>
#include <cmath>

namespace citynoise::raytrace {

struct Obstacles::Impl {
  std::vector<Building> buildings;
  std::vector<Wall> walls;
  std::vector<Box2> buildingBoxes;
  std::vector<ObstacleSegment> segments;
  UniformGrid segmentGrid, buildingGrid;

  bool inside(std::uint32_t b, const Vec2& p) const {
    if (!buildingBoxes[b].contains(p) || !insideRing(buildings[b].footprint, p)) return false;
    for (const Ring2& h : buildings[b].holes)
      if (insideRing(h, p)) return false;
    return true;
  }
};

namespace {
void addRing(std::vector<ObstacleSegment>& out, const Ring2& ring, double top, std::uint32_t building,
             bool solidOnLeft) {
  for (std::size_t i = 0; i < ring.size(); ++i) {
    ObstacleSegment s;
    s.a = ring[i];
    s.b = ring[(i + 1) % ring.size()];
    s.topA = s.topB = top;
    s.object = building;
    const Vec2 d = s.b - s.a;
    const double len = length(d);
    // The solid lies on the left of a counter-clockwise outer ring: outward is to the right.
    const Vec2 right{d.y / len, -d.x / len};
    s.outward = solidOnLeft ? right : Vec2{-right.x, -right.y};
    out.push_back(s);
  }
}
}  // namespace

Obstacles::Obstacles(std::vector<Building> buildings, std::vector<Wall> walls) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.buildings = std::move(buildings);
  m.walls = std::move(walls);
  for (std::uint32_t b = 0; b < m.buildings.size(); ++b) {
    const Building& bd = m.buildings[b];
    Box2 box;
    for (const Vec2& p : bd.footprint) box.extend(p);
    m.buildingBoxes.push_back(box);
    addRing(m.segments, bd.footprint, bd.roofAltitude, b, signedArea(bd.footprint) > 0.0);
    // A courtyard's solid is outside the hole ring.
    for (const Ring2& h : bd.holes) addRing(m.segments, h, bd.roofAltitude, b, signedArea(h) < 0.0);
  }
  for (std::uint32_t w = 0; w < m.walls.size(); ++w) {
    const Wall& wall = m.walls[w];
    for (std::size_t i = 0; i + 1 < wall.polyline.size(); ++i) {
      ObstacleSegment s;
      s.a = plan(wall.polyline[i]);
      s.b = plan(wall.polyline[i + 1]);
      s.topA = wall.polyline[i].z;
      s.topB = wall.polyline[i + 1].z;
      s.object = w;
      s.isWall = true;
      m.segments.push_back(s);
    }
  }
  m.segmentGrid.build(m.segments.size(), [&](std::size_t i) {
    Box2 b;
    b.extend(m.segments[i].a), b.extend(m.segments[i].b);
    return b;
  });
  m.buildingGrid.build(m.buildings.size(), [&](std::size_t i) { return m.buildingBoxes[i]; }, 1.0);
}

Obstacles::~Obstacles() = default;
Obstacles::Obstacles(Obstacles&&) noexcept = default;
Obstacles& Obstacles::operator=(Obstacles&&) noexcept = default;

const std::vector<Building>& Obstacles::buildings() const { return impl_->buildings; }
const std::vector<Wall>& Obstacles::walls() const { return impl_->walls; }
const std::vector<ObstacleSegment>& Obstacles::segments() const { return impl_->segments; }

bool Obstacles::insideBuilding(std::uint32_t building, const Vec2& p) const { return impl_->inside(building, p); }

int Obstacles::buildingAt(const Vec2& p) const {
  thread_local std::vector<std::uint32_t> ids;
  impl_->buildingGrid.queryBox(Box2{p, p}, ids);
  for (std::uint32_t b : ids)
    if (impl_->inside(b, p)) return static_cast<int>(b);
  return -1;
}

void Obstacles::segmentsInBox(const Box2& box, std::vector<std::uint32_t>& out) const {
  impl_->segmentGrid.queryBox(box, out);
}

void Obstacles::segmentsAlong(const Vec2& a, const Vec2& b, std::vector<std::uint32_t>& out) const {
  impl_->segmentGrid.querySegment(a, b, out);
}

void Obstacles::crossings(const Vec2& a, const Vec2& b, std::vector<ObstacleEvent>& out) const {
  const Impl& m = *impl_;
  out.clear();
  thread_local std::vector<std::uint32_t> ids;
  thread_local std::vector<std::pair<std::uint32_t, double>> buildingTs;  // (building, t)
  thread_local UniformGrid::Seen seen;
  m.segmentGrid.querySegment(a, b, ids, seen);
  buildingTs.clear();
  const double minX = std::min(a.x, b.x), maxX = std::max(a.x, b.x), minY = std::min(a.y, b.y), maxY = std::max(a.y, b.y);
  for (std::uint32_t i : ids) {
    const ObstacleSegment& s = m.segments[i];
    // Boxes first: most segments of the cells along ab are nowhere near it.
    if (std::max(s.a.x, s.b.x) < minX || std::min(s.a.x, s.b.x) > maxX || std::max(s.a.y, s.b.y) < minY ||
        std::min(s.a.y, s.b.y) > maxY)
      continue;
    const auto x = intersectSegments(a, b, s.a, s.b);
    if (!x) continue;
    if (s.isWall) {
      if (x->t <= 0.0 || x->t >= 1.0) continue;
      out.push_back({x->t, ObstacleEventKind::Wall, s.object, s.topA + x->u * (s.topB - s.topA)});
    } else {
      buildingTs.emplace_back(s.object, x->t);
    }
  }
  // A wall crossed at a joint of two of its segments is one crossing.
  std::sort(out.begin(), out.end(), [](const ObstacleEvent& l, const ObstacleEvent& r) {
    return l.object != r.object ? l.object < r.object : l.t < r.t;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const ObstacleEvent& l, const ObstacleEvent& r) {
                          return l.object == r.object && std::abs(l.t - r.t) < 1e-9;
                        }),
            out.end());
  // Buildings: the state (inside/outside) on each stretch between crossings decides entries and
  // exits, which stays right when the segment passes through a corner or along an edge.
  std::sort(buildingTs.begin(), buildingTs.end());
  thread_local std::vector<double> ts;
  for (std::size_t k = 0; k < buildingTs.size();) {
    const std::uint32_t bId = buildingTs[k].first;
    ts.clear();
    for (; k < buildingTs.size() && buildingTs[k].first == bId; ++k)
      if (ts.empty() || buildingTs[k].second - ts.back() > 1e-12) ts.push_back(buildingTs[k].second);
    bool inside = m.inside(bId, a);
    for (std::size_t j = 0; j < ts.size(); ++j) {
      const double next = j + 1 < ts.size() ? ts[j + 1] : 1.0;
      const bool after = m.inside(bId, a + (b - a) * (0.5 * (ts[j] + next)));
      if (after != inside && ts[j] > 0.0 && ts[j] < 1.0)
        out.push_back({ts[j], after ? ObstacleEventKind::BuildingEnter : ObstacleEventKind::BuildingExit, bId,
                       m.buildings[bId].roofAltitude});
      inside = after;
    }
  }
  std::sort(out.begin(), out.end(), [](const ObstacleEvent& l, const ObstacleEvent& r) {
    return l.t != r.t ? l.t < r.t : l.object < r.object;
  });
}

}  // namespace citynoise::raytrace
