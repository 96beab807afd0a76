// Lateral paths (diffraction around vertical edges), CNOSSOS-EU Directive 2015/996 Annex II §2.5.7:
// the obstacles are cut by the plane Π that contains the source and the receiver and is
// perpendicular to their vertical plane; the shortest paths from S to R around those sections on
// either side are the two chains of their convex hull. Obstacles met by a chain join the set and
// the hull is taken again, until no chain crosses a new obstacle.
#include "path_finder_internal.hpp"

#include <citynoise/core/geometry2d.hpp>

#include <algorithm>
#include <cmath>

namespace citynoise::raytrace {
namespace {

/// The inclined plane Π through S and R: altitude above a plan point.
struct InclinedPlane {
  Vec2 s;
  Vec2 dir;
  double length;
  double zS, zR;
  [[nodiscard]] double z(const Vec2& p) const { return zS + (zR - zS) * dot(p - s, dir) / length; }
};

/// Obstacle ids: buildings first, then walls.
struct ObstacleView {
  const Obstacles& obstacles;
  [[nodiscard]] std::uint32_t buildingCount() const { return static_cast<std::uint32_t>(obstacles.buildings().size()); }
  [[nodiscard]] bool isWall(std::uint32_t id) const { return id >= buildingCount(); }

  /// Plan outline of the obstacle with its top altitude per vertex (a closed ring for buildings).
  void outline(std::uint32_t id, std::vector<Vec3>& out, bool& closed) const {
    out.clear();
    if (!isWall(id)) {
      const Building& b = obstacles.buildings()[id];
      for (const Vec2& p : b.footprint) out.push_back({p.x, p.y, b.roofAltitude});
      closed = true;
    } else {
      out = obstacles.walls()[id - buildingCount()].polyline;
      closed = false;
    }
  }
};

/// The part of the outline below its top on Π (where Π passes through the obstacle): the
/// vertices below the top and the points where Π meets the top. For buildings, the section is a
/// polygon (Sutherland–Hodgman clip); for walls, a polyline whose pieces are separated by NaN.
void section(const ObstacleView& view, std::uint32_t id, const InclinedPlane& pi, std::vector<Vec2>& out,
             bool& closed) {
  thread_local std::vector<Vec3> outline;
  view.outline(id, outline, closed);
  out.clear();
  const std::size_t n = outline.size();
  const std::size_t edges = closed ? n : n - 1;
  auto below = [&](const Vec3& v) { return v.z - pi.z(plan(v)); };  // > 0: Π passes under the top
  if (n == 0) return;
  if (!closed && below(outline[0]) > 0.0) out.push_back(plan(outline[0]));
  for (std::size_t i = 0; i < edges; ++i) {
    const Vec3& v = outline[i];
    const Vec3& w = outline[(i + 1) % n];
    const double fv = below(v), fw = below(w);
    if (closed && fv > 0.0) out.push_back(plan(v));
    if ((fv > 0.0) != (fw > 0.0)) {
      const Vec2 p = plan(v) + (plan(w) - plan(v)) * (fv / (fv - fw));
      out.push_back(p);
      if (!closed && fv > 0.0) out.push_back({NAN, NAN});  // the wall piece ends here
    }
    if (!closed && fw > 0.0) out.push_back(plan(w));
  }
}

bool segmentCrossesSection(const std::vector<Vec2>& sec, bool closed, const Vec2& u, const Vec2& v) {
  if (sec.size() < 2) return false;
  const std::size_t n = sec.size();
  const std::size_t edges = closed ? n : n - 1;
  constexpr double eps = 1e-9;
  for (std::size_t i = 0; i < edges; ++i) {
    const Vec2& a = sec[i];
    const Vec2& b = sec[(i + 1) % n];
    if (std::isnan(a.x) || std::isnan(b.x)) continue;
    if (const auto x = intersectSegments(u, v, a, b); x && x->t > eps && x->t < 1.0 - eps) return true;
  }
  if (closed && n >= 3) {
    const Vec2 mid = (u + v) * 0.5;
    if (insideRing(sec, mid)) return true;
  }
  return false;
}

int indexOf(const std::vector<Vec2>& hull, const Vec2& p) {
  for (std::size_t i = 0; i < hull.size(); ++i)
    if (hull[i].x == p.x && hull[i].y == p.y) return static_cast<int>(i);
  return -1;
}

/// Corner vertices of one chain, pushed 1 cm outwards so the legs clear the obstacle.
std::vector<Vec2> chainCorners(const std::vector<Vec2>& hull, int from, int to) {
  std::vector<Vec2> corners;
  const int n = static_cast<int>(hull.size());
  for (int i = (from + 1) % n; i != to; i = (i + 1) % n) {
    const Vec2& prev = hull[static_cast<std::size_t>((i - 1 + n) % n)];
    const Vec2& next = hull[static_cast<std::size_t>((i + 1) % n)];
    const Vec2& p = hull[static_cast<std::size_t>(i)];
    const Vec2 a = p - prev, b = p - next;
    Vec2 out = a * (1.0 / length(a)) + b * (1.0 / length(b));
    const double l = length(out);
    corners.push_back(l > 1e-12 ? p + out * (0.01 / l) : p);
  }
  return corners;
}

}  // namespace

void findLateralPaths(const Scene& scene, const Vec3& source, const Vec3& receiver,
                      std::span<const ObstacleEvent> directEvents, bool favourable, PathFinderScratch& sc) {
  const Obstacles& obstacles = scene.obstacles();
  const ObstacleView view{obstacles};
  const Vec2 s = plan(source), r = plan(receiver);
  const double len = length(r - s);
  if (len <= 0.0) return;
  const InclinedPlane pi{s, (r - s) * (1.0 / len), len, source.z, receiver.z};

  // Start from the obstacles that block the straight line S–R.
  std::vector<std::uint32_t>& set = sc.lateralSet;
  set.clear();
  for (const ObstacleEvent& e : directEvents) {
    const double zLine = source.z + (receiver.z - source.z) * e.t;
    if (zLine >= e.top) continue;
    set.push_back(e.kind == ObstacleEventKind::Wall ? view.buildingCount() + e.object : e.object);
  }
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  if (set.empty()) return;

  bool closed = false;
  int iS = -1, iR = -1;
  // Section points of the obstacles in the set, added as the set grows.
  sc.hullInput.assign({s, r});
  auto addSection = [&](std::uint32_t id) {
    section(view, id, pi, sc.section, closed);
    for (const Vec2& p : sc.section)
      if (!std::isnan(p.x)) sc.hullInput.push_back(p);
  };
  for (std::uint32_t id : set) addSection(id);
  thread_local std::vector<std::uint32_t> pending;
  for (int round = 0; round < 32; ++round) {
    convexHull(sc.hullInput, sc.hull);
    iS = indexOf(sc.hull, s);
    iR = indexOf(sc.hull, r);
    if (iS < 0 || iR < 0) return;  // S or R enclosed by the obstacles: no way around
    // Every obstacle whose section a hull edge cuts joins the set; then the hull is taken again.
    pending.clear();
    const int n = static_cast<int>(sc.hull.size());
    for (int i = 0; i < n; ++i) {
      const Vec2& u = sc.hull[static_cast<std::size_t>(i)];
      const Vec2& v = sc.hull[static_cast<std::size_t>((i + 1) % n)];
      obstacles.segmentsAlong(u, v, sc.ids);
      for (std::uint32_t segId : sc.ids) {
        const ObstacleSegment& seg = obstacles.segments()[segId];
        const std::uint32_t id = seg.isWall ? view.buildingCount() + seg.object : seg.object;
        if (std::binary_search(set.begin(), set.end(), id) ||
            std::find(pending.begin(), pending.end(), id) != pending.end())
          continue;
        if (!intersectSegments(u, v, seg.a, seg.b)) continue;  // cheap test before the section
        section(view, id, pi, sc.section, closed);
        if (segmentCrossesSection(sc.section, closed, u, v)) pending.push_back(id);
      }
    }
    if (pending.empty()) break;
    for (std::uint32_t id : pending) {
      set.insert(std::lower_bound(set.begin(), set.end(), id), id);
      addSection(id);
    }
  }

  // Counter-clockwise from S to R runs on the right of S→R, from R back to S on the left.
  std::vector<Vec2> right = chainCorners(sc.hull, iS, iR);
  std::vector<Vec2> left = chainCorners(sc.hull, iR, iS);
  std::reverse(left.begin(), left.end());
  using Side = std::pair<PathType, const std::vector<Vec2>*>;
  for (const auto& [type, corners] : {Side{PathType::LateralLeft, &left}, Side{PathType::LateralRight, &right}}) {
    if (corners->empty()) continue;
    const auto first = static_cast<std::uint32_t>(sc.corners.size());
    for (const Vec2& c : *corners)
      sc.corners.push_back(pointVertex(scene, ProfilePointKind::VerticalEdge, {c.x, c.y, pi.z(c)}));
    sc.skeletons.push_back({0, type, favourable, first, static_cast<std::uint32_t>(corners->size())});
  }
}

}  // namespace citynoise::raytrace
