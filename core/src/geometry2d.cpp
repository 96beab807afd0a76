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

}  // namespace citynoise
