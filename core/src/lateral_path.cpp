#include <citynoise/core/lateral_path.hpp>

#include <citynoise/core/geometry2d.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace citynoise {
namespace {

constexpr double kOnLine = 1e-7;     ///< m: a point this close to a line lies on it
constexpr double kInside = 1e-6;     ///< m: strictly inside means farther than this from the outline

/// Signed distance of c from the line through a and b (positive on the left of a→b).
double sideOf(const Vec2& a, const Vec2& b, const Vec2& c) {
  const Vec2 d = b - a;
  const double l = length(d);
  return l > 0.0 ? cross(d, c - a) / l : 0.0;
}

bool opposite(double u, double v) { return (u > kOnLine && v < -kOnLine) || (u < -kOnLine && v > kOnLine); }

/// ab and cd cross at a point interior to both.
bool properCrossing(const Vec2& a, const Vec2& b, const Vec2& c, const Vec2& d) {
  return opposite(sideOf(a, b, c), sideOf(a, b, d)) && opposite(sideOf(c, d, a), sideOf(c, d, b));
}

/// Parameter of p's projection on ab if p lies on the segment ab (within kOnLine), else −1.
double onSegment(const Vec2& a, const Vec2& b, const Vec2& p) {
  const Vec2 d = b - a;
  const double l2 = dot(d, d);
  if (l2 <= 0.0 || std::abs(sideOf(a, b, p)) > kOnLine) return -1.0;
  const double t = dot(p - a, d) / l2;
  const double tol = kOnLine / std::sqrt(l2);
  return (t < -tol || t > 1.0 + tol) ? -1.0 : std::clamp(t, 0.0, 1.0);
}

/// The part of ab in the kept half-plane of the obstacle; false if none.
bool clipToKept(const PlanarObstacle& o, Vec2& a, Vec2& b) {
  const double fa = o.keep(a), fb = o.keep(b);
  if (fa <= 0.0 && fb <= 0.0) return false;
  if (fa < 0.0) a = a + (b - a) * (fa / (fa - fb));
  else if (fb < 0.0) b = a + (b - a) * (fa / (fa - fb));
  return true;
}

bool ringCrossed(Vec2 a, Vec2 b, const PlanarObstacle& ring) {
  if (!clipToKept(ring, a, b)) return false;
  const std::vector<Vec2>& p = ring.points;
  const std::size_t n = p.size();
  const Vec2 d = b - a;
  const double l2 = dot(d, d);
  if (l2 <= 0.0) return strictlyInside(ring, a);
  const double invL = 1.0 / std::sqrt(l2);
  // Signed distances of the vertices from the line ab, once: they give both the proper crossings
  // and the vertices ab passes through.
  thread_local std::vector<double> side;
  thread_local std::vector<double> ts;
  side.resize(n);
  for (std::size_t i = 0; i < n; ++i) side[i] = cross(d, p[i] - a) * invL;
  ts.assign({0.0, 1.0});
  const double tol = kOnLine * invL;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t j = (i + 1) % n;
    if (opposite(side[i], side[j]) && opposite(sideOf(p[i], p[j], a), sideOf(p[i], p[j], b))) return true;
    if (std::abs(side[i]) <= kOnLine) {
      const double t = dot(p[i] - a, d) / l2;
      if (t >= -tol && t <= 1.0 + tol) ts.push_back(std::clamp(t, 0.0, 1.0));
    }
  }
  // No proper crossing: ab is inside or outside between the ring vertices it touches.
  std::sort(ts.begin(), ts.end());
  for (std::size_t k = 0; k + 1 < ts.size(); ++k) {
    if (ts[k + 1] - ts[k] < 1e-12) continue;
    const double t = 0.5 * (ts[k] + ts[k + 1]);
    if (strictlyInside(ring, a + d * t)) return true;
  }
  return false;
}

bool wallCrossed(const Vec2& a, const Vec2& b, const PlanarObstacle& wall) {
  const std::vector<Vec2>& p = wall.points;
  for (std::size_t i = 0; i + 1 < p.size(); ++i)
    if (properCrossing(a, b, p[i], p[i + 1])) return true;
  // Through an inner vertex of the polyline, from one side of the wall to the other.
  for (std::size_t i = 1; i + 1 < p.size(); ++i) {
    const double t = onSegment(a, b, p[i]);
    if (t <= 0.0 || t >= 1.0) continue;
    if (opposite(sideOf(a, b, p[i - 1]), sideOf(a, b, p[i + 1]))) return true;
  }
  return false;
}

/// The corners a shortest path may bend at: convex corners of rings, every vertex of walls, and
/// only those in the side's closed half-plane; with their neighbours on the outline.
void candidateCorners(std::span<const PlanarObstacle> obstacles, const Vec2& s, const Vec2& dir, double side,
                      LateralPathScratch& sc) {
  auto inSide = [&](const Vec2& p) { return side * cross(dir, p - s) >= -kOnLine; };
  auto add = [&](const Vec2& p, const Vec2& before, const Vec2& after, bool any) {
    sc.nodes.push_back(p), sc.before.push_back(before), sc.after.push_back(after), sc.anyTangent.push_back(any);
  };
  for (const PlanarObstacle& o : obstacles) {
    const std::vector<Vec2>& p = o.points;
    const std::size_t n = p.size();
    if (!o.closed) {
      for (std::size_t i = 0; i < n; ++i)
        if (inSide(p[i])) add(p[i], p[i == 0 ? 0 : i - 1], p[i + 1 == n ? i : i + 1], i == 0 || i + 1 == n);
      continue;
    }
    const double orientation = signedArea(p) >= 0.0 ? 1.0 : -1.0;
    for (std::size_t i = 0; i < n; ++i) {
      const Vec2& prev = p[(i + n - 1) % n];
      const Vec2& next = p[(i + 1) % n];
      const double turn = cross(p[i] - prev, next - p[i]) * orientation;
      if (turn > 0.0 && o.keep(p[i]) > 0.0 && inSide(p[i])) add(p[i], prev, next, false);
      // Where the edge meets the clip line the cut has a convex corner.
      const double fi = o.keep(p[i]), fn = o.keep(next);
      if ((fi > 0.0) != (fn > 0.0)) {
        const Vec2 x = p[i] + (next - p[i]) * (fi / (fi - fn));
        if (inSide(x)) add(x, x, x, true);
      }
    }
  }
}

/// A shortest path leaves a corner along a tangent of its outline: both neighbours of the corner
/// on one side of the line (the reduced visibility graph). Pairs that fail need no visibility test.
bool tangentAt(const LateralPathScratch& sc, std::size_t corner, const Vec2& other) {
  if (sc.anyTangent[corner]) return true;
  const Vec2& p = sc.nodes[corner];
  const Vec2 d = other - p;
  // Opposite sides, each farther than kOnLine from the line: compared squared, without a root.
  const double a = cross(d, sc.before[corner] - p), b = cross(d, sc.after[corner] - p);
  const double tol2 = kOnLine * kOnLine * dot(d, d);
  return !(a * b < 0.0 && a * a > tol2 && b * b > tol2);}

/// Whether ab runs between two obstacles that touch (terraced houses sharing a wall): somewhere
/// between the vertices it passes, both sides of it, 1 mm away, lie in obstacles.
bool squeezesBetween(const Vec2& a, const Vec2& b, std::span<const PlanarObstacle> obstacles,
                     const std::vector<Box2>& boxes) {
  Box2 seg;
  seg.extend(a), seg.extend(b);
  thread_local std::vector<double> ts;
  ts.assign({0.0, 1.0});
  for (std::size_t k = 0; k < obstacles.size(); ++k)
    if (obstacles[k].closed && boxes[k].overlaps(seg))
      for (const Vec2& v : obstacles[k].points)
        if (const double t = onSegment(a, b, v); t >= 0.0) ts.push_back(t);
  std::sort(ts.begin(), ts.end());
  const Vec2 d = b - a;
  const double l = length(d);
  if (l <= 0.0) return false;
  const Vec2 normal{-d.y / l * 1e-3, d.x / l * 1e-3};
  auto inAny = [&](const Vec2& p) {
    for (std::size_t k = 0; k < obstacles.size(); ++k)
      if (obstacles[k].closed && boxes[k].contains(p) && obstacles[k].keep(p) > 0.0 &&
          insideRing(obstacles[k].points, p))
        return true;
    return false;
  };
  for (std::size_t k = 0; k + 1 < ts.size(); ++k) {
    if (ts[k + 1] - ts[k] < 1e-12) continue;
    const Vec2 m = a + d * (0.5 * (ts[k] + ts[k + 1]));
    if (inAny(m + normal) && inAny(m - normal)) return true;
  }
  return false;
}

/// Corners where the path does not turn (it runs straight past an outline's vertex, or along
/// an edge through its vertices) are no diffracting edges: dropped.
void dropStraightCorners(const Vec2& s, const Vec2& r, std::vector<Vec2>& corners) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < corners.size(); ++i) {
    const Vec2& prev = kept == 0 ? s : corners[kept - 1];
    const Vec2& next = i + 1 == corners.size() ? r : corners[i + 1];
    if (std::abs(sideOf(prev, next, corners[i])) > kOnLine) corners[kept++] = corners[i];
  }
  corners.resize(kept);
}

}  // namespace

std::size_t PointPairHash::operator()(const std::array<double, 4>& k) const {
  std::size_t h = 0;
  for (double v : k) h = h * 1000003u ^ std::hash<double>{}(v);
  return h;
}

double InclinedMetric::length(const Vec2& p, const Vec2& q) const {
  const Vec2 d = q - p;
  const double along = dot(d, direction);
  const double across2 = std::max(0.0, dot(d, d) - along * along);
  return std::sqrt(along * along * (1.0 + slope * slope) + across2);
}

bool strictlyInside(const PlanarObstacle& obstacle, const Vec2& p) {
  if (!obstacle.closed || obstacle.points.size() < 3 || !insideRing(obstacle.points, p)) return false;
  const double normal = length(obstacle.clipNormal);
  if (obstacle.keep(p) <= (normal > 0.0 ? kInside * normal : 0.0)) return false;
  const std::size_t n = obstacle.points.size();
  for (std::size_t i = 0; i < n; ++i)
    if (distanceToSegment(p, obstacle.points[i], obstacle.points[(i + 1) % n]) <= kInside) return false;
  return true;
}

bool segmentCrossesObstacle(const Vec2& a, const Vec2& b, const PlanarObstacle& obstacle) {
  if (obstacle.points.size() < 2) return false;
  return obstacle.closed ? ringCrossed(a, b, obstacle) : wallCrossed(a, b, obstacle);
}

LateralChain shortestLateralPath(const Vec2& s, const Vec2& r, LateralSide side,
                                 std::span<const PlanarObstacle> obstacles, const InclinedMetric& metric,
                                 LateralPathScratch& sc) {
  LateralChain out;
  for (const PlanarObstacle& o : obstacles)
    if (strictlyInside(o, s) || strictlyInside(o, r)) return out;
  std::vector<Vec2>& nodes = sc.nodes;
  nodes.assign({s, r});
  sc.before.assign({s, r});
  sc.after.assign({s, r});
  sc.anyTangent.assign({1, 1});
  candidateCorners(obstacles, s, metric.direction, static_cast<double>(side), sc);
  thread_local std::vector<Box2> boxes;
  boxes.clear();
  for (const PlanarObstacle& o : obstacles) {
    Box2 b;
    for (const Vec2& p : o.points) b.extend(p);
    boxes.push_back(b.grown(kOnLine));
  }
  int newest = 0;
  for (const PlanarObstacle& o : obstacles) newest = std::max(newest, o.generation);
  auto visible = [&](const Vec2& a, const Vec2& b) {
    const bool ordered = a.x < b.x || (a.x == b.x && a.y <= b.y);
    const std::array<double, 4> key = ordered ? std::array{a.x, a.y, b.x, b.y} : std::array{b.x, b.y, a.x, a.y};
    PairVisibility& known = sc.visibility[key];
    if (known.checked >= 0 && !known.visible) return false;
    Box2 seg;
    seg.extend(a), seg.extend(b);
    bool newNearby = false;
    for (std::size_t k = 0; k < obstacles.size(); ++k) {
      if (obstacles[k].generation <= known.checked || !boxes[k].overlaps(seg)) continue;
      newNearby = true;
      if (segmentCrossesObstacle(a, b, obstacles[k])) return known = {false, newest}, false;
    }
    // Slipping between touching footprints needs a footprint that touches ab: only a new one can
    // change an earlier answer.
    if (newNearby && squeezesBetween(a, b, obstacles, boxes)) return known = {false, newest}, false;
    known = {true, newest};
    return true;
  };

  // A* over the visibility graph (the straight distance to r in Π is a consistent heuristic, so
  // the first time r is taken its path is the shortest); a pair's visibility is tested only when
  // it would shorten the best known path to the node, which leaves most pairs untested.
  const std::size_t n = nodes.size();
  sc.dist.assign(n, std::numeric_limits<double>::infinity());
  sc.previous.assign(n, -1);
  sc.done.assign(n, 0);
  thread_local std::vector<double> toGoal;
  toGoal.resize(n);
  for (std::size_t i = 0; i < n; ++i) toGoal[i] = metric.length(nodes[i], r);
  sc.dist[0] = 0.0;
  for (;;) {
    std::size_t u = n;
    for (std::size_t i = 0; i < n; ++i)
      if (!sc.done[i] && std::isfinite(sc.dist[i]) &&
          (u == n || sc.dist[i] + toGoal[i] < sc.dist[u] + toGoal[u]))
        u = i;
    if (u == n) return out;  // r cannot be reached
    if (u == 1) break;
    sc.done[u] = 1;
    for (std::size_t v = 1; v < n; ++v) {
      if (sc.done[v] || v == u) continue;
      if (!tangentAt(sc, u, nodes[v]) || !tangentAt(sc, v, nodes[u])) continue;
      const double d = sc.dist[u] + metric.length(nodes[u], nodes[v]);
      // Through v the path is at least d + toGoal[v] long: no use if r is already reached as short.
      if (d + toGoal[v] >= sc.dist[1]) continue;
      if (d < sc.dist[v] && visible(nodes[u], nodes[v]))
        sc.dist[v] = d, sc.previous[v] = static_cast<int>(u);
    }
  }
  out.found = true;
  out.length = sc.dist[1];
  for (int k = sc.previous[1]; k > 0; k = sc.previous[static_cast<std::size_t>(k)])
    out.corners.push_back(nodes[static_cast<std::size_t>(k)]);
  std::reverse(out.corners.begin(), out.corners.end());
  dropStraightCorners(s, r, out.corners);
  return out;
}

}  // namespace citynoise
