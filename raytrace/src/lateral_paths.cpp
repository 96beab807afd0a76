// Lateral paths (diffraction around vertical edges), CNOSSOS-EU Directive 2015/996 Annex II §2.5.7:
// shortest paths around the obstacles cut by the plane Π through S and R, on a growing obstacle
// set (see lateral_paths.hpp for why the result is exact).
#include <citynoise/raytrace/lateral_paths.hpp>

#include "path_finder_internal.hpp"

#include <citynoise/core/geometry2d.hpp>

#include <algorithm>
#include <cmath>

namespace citynoise::raytrace {
namespace {

constexpr double kTouch = 1e-3;   ///< m: a leg this close to an obstacle brings it into the set
constexpr int kMaxRounds = 64;    ///< set growths before giving up (the legs are ray-checked anyway)

/// The inclined plane Π through S and R: altitude above a plan point.
struct InclinedPlane {
  Vec2 s;
  Vec2 dir;
  double length;
  double zS, zR;
  [[nodiscard]] double z(const Vec2& p) const { return zS + (zR - zS) * dot(p - s, dir) / length; }
};

InclinedPlane planeThrough(const Vec3& source, const Vec3& receiver) {
  const Vec2 s = plan(source), r = plan(receiver);
  const double len = length(r - s);
  return {s, (r - s) * (1.0 / len), len, source.z, receiver.z};
}

/// Distance between the plan segments ab and cd.
double segmentDistance(const Vec2& a, const Vec2& b, const Vec2& c, const Vec2& d) {
  if (const auto x = intersectSegments(a, b, c, d)) return 0.0;
  return std::min({distanceToSegment(a, c, d), distanceToSegment(b, c, d), distanceToSegment(c, a, b),
                   distanceToSegment(d, a, b)});
}

bool legTouches(const Vec2& a, const Vec2& b, const PlanarObstacle& o) {
  if (segmentCrossesObstacle(a, b, o)) return true;
  const std::size_t n = o.points.size();
  const std::size_t edges = o.closed ? n : n - 1;
  for (std::size_t i = 0; i < edges; ++i)
    if (segmentDistance(a, b, o.points[i], o.points[(i + 1) % n]) <= kTouch) return true;
  return false;
}

std::uint32_t obstacleId(const Obstacles& obstacles, const ObstacleSegment& seg) {
  return seg.isWall ? static_cast<std::uint32_t>(obstacles.buildings().size()) + seg.object : seg.object;
}

/// The obstacle set and its sections, kept in id order so the search is deterministic.
struct ObstacleSet {
  std::vector<std::uint32_t> ids;
  std::vector<std::pair<std::uint32_t, PlanarObstacle>> sections;
  std::vector<PlanarObstacle> flat;

  [[nodiscard]] bool contains(std::uint32_t id) const { return std::binary_search(ids.begin(), ids.end(), id); }
  void add(std::uint32_t id, std::vector<PlanarObstacle>& cut, int generation) {
    ids.insert(std::lower_bound(ids.begin(), ids.end(), id), id);
    for (PlanarObstacle& o : cut) o.generation = generation, sections.emplace_back(id, o);
    std::stable_sort(sections.begin(), sections.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    flat.clear();
    for (const auto& [_, o] : sections) flat.push_back(o);
  }
};

/// Obstacles not yet in the set that the plan segment ab crosses or touches (in Π).
void obstaclesMetBy(const Scene& scene, const Vec3& source, const Vec3& receiver, const Vec2& a, const Vec2& b,
                    const ObstacleSet& set, bool touch, std::vector<std::uint32_t>& out) {
  const Obstacles& obstacles = scene.obstacles();
  thread_local std::vector<std::uint32_t> segs;
  thread_local std::vector<PlanarObstacle> cut;
  obstacles.segmentsAlong(a, b, segs);
  for (std::uint32_t segId : segs) {
    const std::uint32_t id = obstacleId(obstacles, obstacles.segments()[segId]);
    if (set.contains(id) || std::find(out.begin(), out.end(), id) != out.end()) continue;
    cut.clear();
    obstacleSections(scene, id, source, receiver, cut);
    const bool met = std::any_of(cut.begin(), cut.end(), [&](const PlanarObstacle& o) {
      return touch ? legTouches(a, b, o) : segmentCrossesObstacle(a, b, o);
    });
    if (met) out.push_back(id);
  }
}


}  // namespace

void obstacleSections(const Scene& scene, std::uint32_t id, const Vec3& source, const Vec3& receiver,
                      std::vector<PlanarObstacle>& out) {
  const Obstacles& obstacles = scene.obstacles();
  const InclinedPlane pi = planeThrough(source, receiver);
  const auto buildings = static_cast<std::uint32_t>(obstacles.buildings().size());
  thread_local std::vector<Vec3> outline;
  bool closed = id < buildings;
  if (closed) {
    const Building& b = obstacles.buildings()[id];
    outline.clear();
    for (const Vec2& p : b.footprint) outline.push_back({p.x, p.y, b.roofAltitude});
  } else {
    outline = obstacles.walls()[id - buildings].polyline;
  }
  const std::size_t n = outline.size();
  if (n < 2) return;
  auto above = [&](const Vec3& v) { return v.z - pi.z(plan(v)); };  // > 0: Π passes under the top
  auto crossing = [&](const Vec3& v, const Vec3& w) {
    const double fv = above(v), fw = above(w);
    return plan(v) + (plan(w) - plan(v)) * (fv / (fv - fw));
  };
  if (closed) {
    // The footprint, kept where the roof is above Π: roof − z_Π(p) > 0 is linear in p.
    PlanarObstacle ring;
    const double slope = (pi.zR - pi.zS) / pi.length;
    const double roof = outline.front().z;
    ring.clipNormal = pi.dir * -slope;
    ring.clipOffset = roof - pi.zS + slope * dot(pi.s, pi.dir);
    bool anyAbove = false, allAbove = true;
    for (const Vec3& v : outline) {
      ring.points.push_back(plan(v));
      const bool above = ring.keep(plan(v)) > 0.0;
      anyAbove = anyAbove || above;
      allAbove = allAbove && above;
    }
    if (!anyAbove) return;
    if (allAbove) ring.clipNormal = {}, ring.clipOffset = 1.0;
    out.push_back(std::move(ring));
    return;
  }
  // A wall: its pieces whose top is above Π.
  PlanarObstacle piece;
  piece.closed = false;
  for (std::size_t i = 0; i < n; ++i) {
    const Vec3& v = outline[i];
    if (above(v) > 0.0) piece.points.push_back(plan(v));
    if (i + 1 == n) break;
    const Vec3& w = outline[i + 1];
    if ((above(v) > 0.0) != (above(w) > 0.0)) {
      piece.points.push_back(crossing(v, w));
      if (above(v) > 0.0) {
        if (piece.points.size() >= 2) out.push_back(piece);
        piece.points.clear();
      }
    }
  }
  if (piece.points.size() >= 2) out.push_back(std::move(piece));
}

LateralChains findLateralChains(const Scene& scene, const Vec3& source, const Vec3& receiver) {
  LateralChains out;
  const Vec2 s = plan(source), r = plan(receiver);
  if (length(r - s) <= 0.0) return out;
  const InclinedPlane pi = planeThrough(source, receiver);
  const InclinedMetric metric{pi.dir, (receiver.z - source.z) / pi.length};

  // Start from the obstacles that block the straight line S–R; each side then grows its own set.
  ObstacleSet blocking;
  thread_local std::vector<std::uint32_t> met;
  thread_local std::vector<PlanarObstacle> cut;
  met.clear();
  obstaclesMetBy(scene, source, receiver, s, r, blocking, false, met);
  if (met.empty()) return out;
  auto addAll = [&](ObstacleSet& set, int generation) {
    for (std::uint32_t id : met) {
      cut.clear();
      obstacleSections(scene, id, source, receiver, cut);
      set.add(id, cut, generation);
    }
  };
  addAll(blocking, 0);
  thread_local LateralPathScratch scratch;
  for (const LateralSide side : {LateralSide::Left, LateralSide::Right}) {
    ObstacleSet set = blocking;
    LateralChain& chain = side == LateralSide::Left ? out.left : out.right;
    scratch.visibility.clear();
    for (int round = 0; round < kMaxRounds; ++round) {
      chain = shortestLateralPath(s, r, side, set.flat, metric, scratch);
      if (!chain.found) break;
      // Every obstacle a leg crosses or touches joins the set; then the path is sought again.
      met.clear();
      Vec2 prev = s;
      for (std::size_t i = 0; i <= chain.corners.size(); ++i) {
        const Vec2& next = i == chain.corners.size() ? r : chain.corners[i];
        obstaclesMetBy(scene, source, receiver, prev, next, set, true, met);
        prev = next;
      }
      if (met.empty()) break;
      std::sort(met.begin(), met.end());
      addAll(set, round + 1);
    }
    out.obstaclesUsed += static_cast<int>(set.ids.size());
  }
  return out;
}

namespace {

/// Corner moved 1 cm off the obstacle, away from the inside of the path's turn, so the legs clear
/// it in the ray checks; at the altitude of Π.
PathVertex offsetCorner(const Scene& scene, const InclinedPlane& pi, const Vec2& prev, const Vec2& p,
                        const Vec2& next) {
  const Vec2 a = p - prev, b = p - next;
  const double la = length(a), lb = length(b);
  Vec2 out = (la > 0.0 ? a * (1.0 / la) : Vec2{}) + (lb > 0.0 ? b * (1.0 / lb) : Vec2{});
  const double l = length(out);
  const Vec2 c = l > 1e-12 ? p + out * (0.01 / l) : p;
  return pointVertex(scene, ProfilePointKind::VerticalEdge, {c.x, c.y, pi.z(c)});
}

}  // namespace

void findLateralPaths(const Scene& scene, const Vec3& source, const Vec3& receiver, bool favourable,
                      PathFinderScratch& sc) {
  const LateralChains chains = findLateralChains(scene, source, receiver);
  if (!chains.left.found && !chains.right.found) return;
  const InclinedPlane pi = planeThrough(source, receiver);
  const Vec2 s = plan(source), r = plan(receiver);
  using Side = std::pair<PathType, const LateralChain*>;
  for (const auto& [type, chain] : {Side{PathType::LateralLeft, &chains.left}, Side{PathType::LateralRight, &chains.right}}) {
    if (!chain->found || chain->corners.empty()) continue;
    const auto first = static_cast<std::uint32_t>(sc.corners.size());
    const std::vector<Vec2>& c = chain->corners;
    for (std::size_t i = 0; i < c.size(); ++i)
      sc.corners.push_back(offsetCorner(scene, pi, i == 0 ? s : c[i - 1], c[i], i + 1 == c.size() ? r : c[i + 1]));
    sc.skeletons.push_back({0, type, favourable, first, static_cast<std::uint32_t>(c.size())});
  }
}

}  // namespace citynoise::raytrace
