#include <citynoise/raytrace/obstacles.hpp>

#include "segment_grid.hpp"

#include <algorithm>
#include <cmath>

namespace citynoise::raytrace {

struct Obstacles::Impl {
  std::vector<Building> buildings;
  std::vector<Wall> walls;
  std::vector<Box2> buildingBoxes;
  std::vector<ObstacleSegment> segments;
  SegmentGrid segmentGrid;
  UniformGrid buildingGrid;

  bool inside(std::uint32_t b, const Vec2& p) const {
    if (!buildingBoxes[b].contains(p) || !insideRing(buildings[b].footprint, p)) return false;
    for (const Ring2& h : buildings[b].holes)
      if (insideRing(h, p)) return false;
    return true;
  }
};

namespace {
/// A crossing of a plan segment with a façade: direction +1 entering, −1 leaving, 0 unclear.
struct BuildingCrossing {
  std::uint32_t building = 0;
  double t = 0.0;
  int direction = 0;
};

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
  std::vector<SegmentGrid::Item> items;
  for (std::uint32_t i = 0; i < m.segments.size(); ++i) items.push_back({m.segments[i].a, m.segments[i].b, i});
  m.segmentGrid.build(items);
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
  impl_->segmentGrid.grid().queryBox(box, out);
}

void Obstacles::segmentsAlong(const Vec2& a, const Vec2& b, std::vector<std::uint32_t>& out) const {
  impl_->segmentGrid.grid().querySegment(a, b, out);
}

void Obstacles::crossings(const Vec2& a, const Vec2& b, std::vector<ObstacleEvent>& out) const {
  const Impl& m = *impl_;
  out.clear();
  thread_local std::vector<BuildingCrossing> buildingTs;
  thread_local UniformGrid::Seen seen;
  buildingTs.clear();
  const Vec2 ab = b - a;
  m.segmentGrid.forEachCrossing(a, b, seen, [&](std::uint32_t i, const SegmentCrossing& x) {
    const ObstacleSegment& s = m.segments[i];
    if (s.isWall) {
      if (x.t > 0.0 && x.t < 1.0) out.push_back({x.t, ObstacleEventKind::Wall, s.object, s.topA + x.u * (s.topB - s.topA)});
      return;
    }
    // Through the inside of a façade segment and clearly across it: the outward normal says
    // whether ab enters or leaves. At a corner or along a façade it takes the robust way below.
    const double across = dot(s.outward, ab) / length(ab);
    const bool clean = x.u > 1e-9 && x.u < 1.0 - 1e-9 && std::abs(across) > 1e-6;
    buildingTs.push_back({s.object, x.t, clean ? (across < 0.0 ? 1 : -1) : 0});
  });
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
  // exits. When every crossing of a building is clean, the crossing directions give the states
  // directly; otherwise (a corner, an edge followed) the midpoint of each stretch is tested,
  // which stays right whatever the segment grazes.
  std::sort(buildingTs.begin(), buildingTs.end(), [](const BuildingCrossing& l, const BuildingCrossing& r) {
    return l.building != r.building ? l.building < r.building : l.t < r.t;
  });
  thread_local std::vector<BuildingCrossing> ts;
  for (std::size_t k = 0; k < buildingTs.size();) {
    const std::uint32_t bId = buildingTs[k].building;
    ts.clear();
    bool allClean = true;
    for (; k < buildingTs.size() && buildingTs[k].building == bId; ++k) {
      if (!ts.empty() && buildingTs[k].t - ts.back().t <= 1e-12) {
        allClean = false;  // two façades crossed at one point: a corner
        continue;
      }
      ts.push_back(buildingTs[k]);
      allClean = allClean && buildingTs[k].direction != 0;
    }
    // Clean crossings alternate enter/exit; anything else is settled by the robust test.
    for (std::size_t j = 1; allClean && j < ts.size(); ++j) allClean = ts[j].direction != ts[j - 1].direction;
    bool inside = allClean ? ts.front().direction < 0 : m.inside(bId, a);
    for (std::size_t j = 0; j < ts.size(); ++j) {
      const double next = j + 1 < ts.size() ? ts[j + 1].t : 1.0;
      const bool after = allClean ? ts[j].direction > 0 : m.inside(bId, a + (b - a) * (0.5 * (ts[j].t + next)));
      if (after != inside && ts[j].t > 0.0 && ts[j].t < 1.0)
        out.push_back({ts[j].t, after ? ObstacleEventKind::BuildingEnter : ObstacleEventKind::BuildingExit, bId,
                       m.buildings[bId].roofAltitude});
      inside = after;
    }
  }
  std::sort(out.begin(), out.end(), [](const ObstacleEvent& l, const ObstacleEvent& r) {
    return l.t != r.t ? l.t < r.t : l.object < r.object;
  });
}

}  // namespace citynoise::raytrace
