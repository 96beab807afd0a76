// A click on the map answered without rendering (see tiles.hpp): the first triangle on the ray.
#include <citynoise/io/tiles.hpp>

#include <cmath>

namespace citynoise::io {
namespace {

using V = std::array<double, 3>;

V sub(const V& a, const V& b) { return {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }
V cross(const V& a, const V& b) { return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]}; }
double dot(const V& a, const V& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

/// Möller & Trumbore (1997): the ray parameter t of the hit, or a negative number for none.
/// Both faces count (the tiles' material is double-sided).
double hit(const V& o, const V& d, const float* t) {
  const V a{t[0], t[1], t[2]}, b{t[3], t[4], t[5]}, c{t[6], t[7], t[8]};
  const V e1 = sub(b, a), e2 = sub(c, a);
  const V p = cross(d, e2);
  const double det = dot(e1, p);
  if (std::abs(det) < 1e-12) return -1;  // parallel to the triangle's plane
  const double inv = 1 / det;
  const V s = sub(o, a);
  const double u = dot(s, p) * inv;
  if (u < 0 || u > 1) return -1;
  const V q = cross(s, e1);
  const double v = dot(d, q) * inv;
  if (v < 0 || u + v > 1) return -1;
  return dot(e2, q) * inv;
}

}  // namespace

std::optional<PickHit> pickTiles(const Tileset& tiles, const std::array<double, 3>& origin, const std::array<double, 3>& direction) {
  const PickMesh& m = tiles.pick;
  double best = INFINITY;
  std::size_t bestTriangle = 0;
  for (std::size_t t = 0; 9 * t + 9 <= m.triangles.size(); ++t) {
    const double at = hit(origin, direction, &m.triangles[9 * t]);
    if (at > 0 && at < best) best = at, bestTriangle = t;  // the first hit on a tie: deterministic
  }
  if (!std::isfinite(best)) return std::nullopt;
  const std::uint32_t f = m.feature[bestTriangle];
  PickHit out;
  out.building = m.building[f], out.floor = m.floor[f], out.distance = best;
  for (int k = 0; k < 3; ++k) out.point[static_cast<std::size_t>(k)] = origin[static_cast<std::size_t>(k)] + best * direction[static_cast<std::size_t>(k)];
  return out;
}

}  // namespace citynoise::io
