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
  std::vector<std::uint32_t> ids;        ///< sorted
  std::vector<std::uint32_t> owner;      ///< the obstacle of each section, non-decreasing
  std::vector<PlanarObstacle> sections;

  [[nodiscard]] bool contains(std::uint32_t id) const { return std::binary_search(ids.begin(), ids.end(), id); }
  void add(std::uint32_t id, PlanarObstacle section, int generation) {
    if (!contains(id)) ids.insert(std::lower_bound(ids.begin(), ids.end(), id), id);
    const auto at = std::upper_bound(owner.begin(), owner.end(), id) - owner.begin();
    section.generation = generation;
    owner.insert(owner.begin() + at, id);
    sections.insert(sections.begin() + at, std::move(section));
  }
};

/// A section of an obstacle a segment met, not yet in the set.
struct MetSection {
  std::uint32_t id;
  PlanarObstacle section;
};

/// Obstacles not yet in the set that the plan segment ab crosses (or, with `touch`, comes within
/// kTouch of) in Π: their sections are appended to `met`. Each obstacle is cut once per call.
void obstaclesMetBy(const Scene& scene, const Vec3& source, const Vec3& receiver, const Vec2& a, const Vec2& b,
                    const ObstacleSet& set, bool touch, std::vector<MetSection>& met) {
  const Obstacles& obstacles = scene.obstacles();
  thread_local std::vector<std::uint32_t> segs, tested;
  thread_local std::vector<PlanarObstacle> cut;
  obstacles.segmentsAlong(a, b, segs);
  tested.clear();
  for (std::uint32_t segId : segs) {
    const std::uint32_t id = obstacleId(obstacles, obstacles.segments()[segId]);
    if (set.contains(id) || std::find(tested.begin(), tested.end(), id) != tested.end() ||
        std::any_of(met.begin(), met.end(), [id](const MetSection& m) { return m.id == id; }))
      continue;
    tested.push_back(id);
    cut.clear();
    obstacleSections(scene, id, source, receiver, cut);
    const bool hit = std::any_of(cut.begin(), cut.end(), [&](const PlanarObstacle& o) {
      return touch ? legTouches(a, b, o) : segmentCrossesObstacle(a, b, o);
    });
    if (hit)
      for (PlanarObstacle& o : cut) met.push_back({id, std::move(o)});
  }
}

}  // namespace

void obstacleSections(const Scene& scene, std::uint32_t id, const Vec3& source, const Vec3& receiver,
                      std::vector<PlanarObstacle>& out) {
  const Obstacles& obstacles = scene.obstacles();
  const InclinedPlane pi = planeThrough(source, receiver);
  const auto buildings = static_cast<std::uint32_t>(obstacles.buildings().size());
  if (id < buildings) {
    // The footprint, kept where the roof is above Π: roof − z_Π(p) > 0 is linear in p.
    const Building& b = obstacles.buildings()[id];
    PlanarObstacle ring;
    const double slope = (pi.zR - pi.zS) / pi.length;
    ring.clipNormal = pi.dir * -slope;
    ring.clipOffset = b.roofAltitude - pi.zS + slope * dot(pi.s, pi.dir);
    ring.points = b.footprint;
    const auto above = [&](const Vec2& p) { return ring.keep(p) > 0.0; };
    if (std::none_of(ring.points.begin(), ring.points.end(), above)) return;
    if (std::all_of(ring.points.begin(), ring.points.end(), above)) ring.clipNormal = {}, ring.clipOffset = 1.0;
    out.push_back(std::move(ring));
    return;
  }
  const std::vector<Vec3>& outline = obstacles.walls()[id - buildings].polyline;
  const std::size_t n = outline.size();
  if (n < 2) return;
  auto above = [&](const Vec3& v) { return v.z - pi.z(plan(v)); };  // > 0: Π passes under the top
  auto crossing = [&](const Vec3& v, const Vec3& w) {
    const double fv = above(v), fw = above(w);
    return plan(v) + (plan(w) - plan(v)) * (fv / (fv - fw));
  };
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
  thread_local std::vector<MetSection> met;
  met.clear();
  ObstacleSet blocking;
  obstaclesMetBy(scene, source, receiver, s, r, blocking, false, met);
  if (met.empty()) return out;
  for (MetSection& m : met) blocking.add(m.id, std::move(m.section), 0);
  thread_local LateralPathScratch scratch;
  for (const LateralSide side : {LateralSide::Left, LateralSide::Right}) {
    ObstacleSet set = blocking;
    LateralChain& chain = side == LateralSide::Left ? out.left : out.right;
    scratch.visibility.clear();
    for (int round = 0; round < kMaxRounds; ++round) {
      chain = shortestLateralPath(s, r, side, set.sections, metric, scratch);
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
      for (MetSection& m : met) set.add(m.id, std::move(m.section), round + 1);
    }
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
