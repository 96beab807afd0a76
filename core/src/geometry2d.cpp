#include <citynoise/core/geometry2d.hpp>

#include <algorithm>
#include <cmath>

namespace citynoise {

void Box2::extend(const Vec2& p) {
  min.x = std::min(min.x, p.x), min.y = std::min(min.y, p.y);
  max.x = std::max(max.x, p.x), max.y = std::max(max.y, p.y);
}
void Box2::extend(const Box2& b) {
  if (b.empty()) return;
  extend(b.min), extend(b.max);
}
bool Box2::overlaps(const Box2& b) const {
  return min.x <= b.max.x && b.min.x <= max.x && min.y <= b.max.y && b.min.y <= max.y;
}
bool Box2::contains(const Vec2& p) const {
  return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y;
}
Box2 Box2::grown(double m) const { return {{min.x - m, min.y - m}, {max.x + m, max.y + m}}; }

std::optional<SegmentCrossing> intersectSegments(const Vec2& a, const Vec2& b, const Vec2& c, const Vec2& d) {
  const Vec2 r = b - a, s = d - c;
  const double denom = cross(r, s);
  // Parallel or degenerate: |r × s| ≤ 1e-14·|r||s|, compared squared (no square roots here: this
  // runs for every candidate edge of every path).
  const double scale2 = dot(r, r) * dot(s, s);
  if (scale2 == 0.0 || denom * denom <= 1e-28 * scale2) return std::nullopt;
  const Vec2 ac = c - a;
  const double t = cross(ac, s) / denom;
  const double u = cross(ac, r) / denom;
  constexpr double eps = 1e-12;
  if (t < -eps || t > 1.0 + eps || u < -eps || u > 1.0 + eps) return std::nullopt;
  return SegmentCrossing{std::clamp(t, 0.0, 1.0), std::clamp(u, 0.0, 1.0)};
}

double signedArea(std::span<const Vec2> ring) {
  double a = 0.0;
  for (std::size_t i = 0, n = ring.size(); i < n; ++i) a += cross(ring[i], ring[(i + 1) % n]);
  return 0.5 * a;
}

void convexHull(std::vector<Vec2> pts, std::vector<Vec2>& hull) {
  std::sort(pts.begin(), pts.end(), [](const Vec2& a, const Vec2& b) { return a.x != b.x ? a.x < b.x : a.y < b.y; });
  pts.erase(std::unique(pts.begin(), pts.end(), [](const Vec2& a, const Vec2& b) { return a.x == b.x && a.y == b.y; }),
            pts.end());
  hull.clear();
  if (pts.size() < 3) {
    hull = pts;
    return;
  }
  hull.resize(2 * pts.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    while (k >= 2 && cross(hull[k - 1] - hull[k - 2], pts[i] - hull[k - 2]) <= 0.0) --k;
    hull[k++] = pts[i];
  }
  for (std::size_t i = pts.size() - 1, t = k + 1; i-- > 0;) {
    while (k >= t && cross(hull[k - 1] - hull[k - 2], pts[i] - hull[k - 2]) <= 0.0) --k;
    hull[k++] = pts[i];
  }
  hull.resize(k - 1);
}

bool segmentEntersRing(const Vec2& a, const Vec2& b, std::span<const Vec2> ring) {
  if (ring.empty()) return false;
  if (insideRing(ring, a) || insideRing(ring, b)) return true;
  for (std::size_t k = 0; k < ring.size(); ++k)
    if (intersectSegments(a, b, ring[k], ring[(k + 1) % ring.size()])) return true;
  return false;
}

bool insideRing(std::span<const Vec2> ring, const Vec2& p) {
  bool inside = false;
  for (std::size_t i = 0, n = ring.size(), j = n - 1; i < n; j = i++) {
    const Vec2& a = ring[i];
    const Vec2& b = ring[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

double distanceToSegment(const Vec2& p, const Vec2& a, const Vec2& b) {
  const Vec2 ab = b - a;
  const double l2 = dot(ab, ab);
  const double t = l2 > 0.0 ? std::clamp(dot(p - a, ab) / l2, 0.0, 1.0) : 0.0;
  return length(p - (a + ab * t));
}

bool ringSelfIntersects(std::span<const Vec2> ring) {
  const std::size_t n = ring.size();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      if (j == i + 1 || (i == 0 && j == n - 1)) continue;  // neighbours share a vertex
      if (intersectSegments(ring[i], ring[(i + 1) % n], ring[j], ring[(j + 1) % n])) return true;
    }
  return false;
}

namespace {
double distanceToRing(std::span<const Vec2> ring, const Vec2& p) {
  double d = 1e300;
  for (std::size_t i = 0, n = ring.size(); i < n; ++i) d = std::min(d, distanceToSegment(p, ring[i], ring[(i + 1) % n]));
  return d;
}

/// A vertex or an edge midpoint of `ring` inside `other`, farther than `tolerance` from its
/// boundary (midpoints catch strips where edges run along each other).
bool pointDeepInside(std::span<const Vec2> ring, std::span<const Vec2> other, double tolerance) {
  auto deep = [&](const Vec2& p) { return insideRing(other, p) && distanceToRing(other, p) > tolerance; };
  for (std::size_t i = 0, n = ring.size(); i < n; ++i)
    if (deep(ring[i]) || deep((ring[i] + ring[(i + 1) % n]) * 0.5)) return true;
  return false;
}
}  // namespace

bool sameRing(std::span<const Vec2> a, std::span<const Vec2> b, double tolerance) {
  const std::size_t n = a.size();
  if (n != b.size() || n == 0) return false;
  for (std::size_t start = 0; start < n; ++start) {
    if (length(a[0] - b[start]) > tolerance) continue;
    bool forward = true, backward = true;
    for (std::size_t k = 0; k < n; ++k) {
      forward = forward && length(a[k] - b[(start + k) % n]) <= tolerance;
      backward = backward && length(a[k] - b[(start + n - k) % n]) <= tolerance;
    }
    if (forward || backward) return true;
  }
  return false;
}

bool ringsOverlap(std::span<const Vec2> a, std::span<const Vec2> b, double tolerance) {
  if (sameRing(a, b, tolerance)) return true;
  for (std::size_t i = 0, n = a.size(); i < n; ++i)
    for (std::size_t j = 0, m = b.size(); j < m; ++j) {
      const auto x = intersectSegments(a[i], a[(i + 1) % n], b[j], b[(j + 1) % m]);
      if (!x) continue;
      // A proper crossing: strictly inside both edges (not at a shared corner or along a wall).
      const double la = length(a[(i + 1) % n] - a[i]), lb = length(b[(j + 1) % m] - b[j]);
      if (x->t * la > tolerance && (1.0 - x->t) * la > tolerance && x->u * lb > tolerance && (1.0 - x->u) * lb > tolerance)
        return true;
    }
  return pointDeepInside(a, b, tolerance) || pointDeepInside(b, a, tolerance);
}

}  // namespace citynoise
