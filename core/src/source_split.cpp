#include <citynoise/core/source_split.hpp>

#include <citynoise/core/geometry2d.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace citynoise {
namespace {

/// Angle under which the plan segment ab is seen from r.
double subtendedAngle(const Vec2& a, const Vec2& b, const Vec2& r) {
  const Vec2 u = a - r, v = b - r;
  return std::atan2(std::abs(cross(u, v)), dot(u, v));
}

/// A polyline measured along its length (plan), for pieces that span several of its vertices.
struct Polyline {
  std::span<const Vec3> points;
  std::vector<double> along;  ///< arc length at each vertex
  [[nodiscard]] Vec3 at(double s) const {
    std::size_t i = std::upper_bound(along.begin(), along.end(), s) - along.begin();
    i = std::clamp<std::size_t>(i, 1, along.size() - 1);
    const double span = along[i] - along[i - 1];
    const double t = span > 0.0 ? (s - along[i - 1]) / span : 0.0;
    return points[i - 1] + (points[i] - points[i - 1]) * t;
  }
};

/// Pieces of the stretch [s0, s1] of the polyline, halved until each subtends at most the
/// maximum angle (judged on its chord).
void splitStretch(const Polyline& line, double s0, double s1, const Vec2& r, const SplitRule& rule, int depth,
                  std::vector<PointPiece>& out) {
  const double len = s1 - s0;
  if (len <= 0.0) return;
  const Vec3 a = line.at(s0), b = line.at(s1);
  const double maxAngle = rule.maxAngleDeg * std::numbers::pi / 180.0;
  const bool tooBig = len > rule.maxLength || subtendedAngle(plan(a), plan(b), r) > maxAngle;
  if (tooBig && len > 2.0 * rule.minLength && depth < 60) {
    const double m = 0.5 * (s0 + s1);
    splitStretch(line, s0, m, r, rule, depth + 1, out);
    splitStretch(line, m, s1, r, rule, depth + 1, out);
    return;
  }
  const Vec2 chord = plan(b) - plan(a);
  const double cl = length(chord);
  out.push_back({line.at(0.5 * (s0 + s1)), len, cl > 0.0 ? chord * (1.0 / cl) : Vec2{}});
}

void splitCell(const std::vector<Vec2>& ring, double meanZ, const Vec2& lo, double size, const Vec2& r,
               const SplitRule& rule, int depth, std::vector<PointPiece>& out) {
  const Vec2 c{lo.x + size / 2, lo.y + size / 2};
  const double d = std::max(length(c - r) - size * std::numbers::sqrt2 / 2, 0.0);
  const double maxAngle = rule.maxAngleDeg * std::numbers::pi / 180.0;
  const bool tooBig = size > rule.maxLength || size * std::numbers::sqrt2 > 2.0 * d * std::tan(maxAngle / 2);
  if (tooBig && size > 2.0 * rule.minLength && depth < 30) {
    const double h = size / 2;
    for (const Vec2& o : {Vec2{0, 0}, Vec2{h, 0}, Vec2{0, h}, Vec2{h, h}})
      splitCell(ring, meanZ, lo + o, h, r, rule, depth + 1, out);
    return;
  }
  if (insideRing(ring, c)) out.push_back({{c.x, c.y, meanZ}, size * size, {}});
}

}  // namespace

void splitLine(std::span<const Vec3> polyline, const Vec3& receiver, const SplitRule& rule, std::vector<PointPiece>& out) {
  if (polyline.size() < 2) return;
  thread_local Polyline line;
  line.points = polyline;
  line.along.assign(1, 0.0);
  for (std::size_t i = 1; i < polyline.size(); ++i) line.along.push_back(line.along.back() + planDistance(polyline[i - 1], polyline[i]));
  splitStretch(line, 0.0, line.along.back(), plan(receiver), rule, 0, out);
}

void splitArea(std::span<const Vec3> ring3, const Vec3& receiver, const SplitRule& rule, std::vector<PointPiece>& out) {
  if (ring3.size() < 3) return;
  std::vector<Vec2> ring;
  Box2 box;
  double meanZ = 0.0;
  for (const Vec3& p : ring3) ring.push_back(plan(p)), box.extend(plan(p)), meanZ += p.z;
  meanZ /= static_cast<double>(ring3.size());
  const double side = std::max(box.max.x - box.min.x, box.max.y - box.min.y);
  // Cells small enough that a boundary cell mis-assigned by its centre costs little, then refined.
  const double start = std::max(std::min(side / 8.0, rule.maxLength), rule.minLength);
  const double area = std::abs(signedArea(ring));
  const std::size_t first = out.size();
  for (double y = box.min.y; y < box.max.y; y += start)
    for (double x = box.min.x; x < box.max.x; x += start) splitCell(ring, meanZ, {x, y}, start, plan(receiver), rule, 0, out);
  // Cells are kept by their centre: rescale so the pieces carry exactly the polygon's area.
  double covered = 0.0;
  for (std::size_t k = first; k < out.size(); ++k) covered += out[k].size;
  if (covered > 0.0)
    for (std::size_t k = first; k < out.size(); ++k) out[k].size *= area / covered;
  else {  // smaller than a cell: one point at the vertex mean
    Vec2 c{0.0, 0.0};
    for (const Vec2& p : ring) c = c + p * (1.0 / static_cast<double>(ring.size()));
    out.push_back({{c.x, c.y, meanZ}, area, {}});
  }
}

std::vector<NearStretch> splitNearPoints(const std::vector<Vec3>& polyline, const std::vector<Vec2>& points,
                                         double radius, double piece) {
  auto nearest = [&](const Vec2& p) {
    std::pair<int, double> best{-1, 1e300};
    for (std::size_t k = 0; k < points.size(); ++k)
      if (const double d = length(points[k] - p); d < best.second) best = {static_cast<int>(k), d};
    return best;
  };
  // Walk the line in steps of at most `piece`, marking each step near (within radius) or far;
  // runs of far steps merge into one stretch.
  std::vector<NearStretch> out;
  for (std::size_t i = 0; i + 1 < polyline.size(); ++i) {
    const Vec3& a = polyline[i];
    const Vec3& b = polyline[i + 1];
    const double len = planDistance(a, b);
    const int steps = std::max(1, static_cast<int>(std::ceil(len / piece)));
    for (int k = 0; k < steps; ++k) {
      const Vec3 p0 = a + (b - a) * (static_cast<double>(k) / steps);
      const Vec3 p1 = a + (b - a) * (static_cast<double>(k + 1) / steps);
      const auto [index, d] = nearest(plan((p0 + p1) * 0.5));
      const bool near = index >= 0 && d < radius;
      if (!near && !out.empty() && out.back().nearest < 0) {
        out.back().polyline.push_back(p1);  // extend the current far stretch
        continue;
      }
      NearStretch s;
      s.polyline = {p0, p1};
      if (near) s.nearest = index, s.distance = d;
      out.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace citynoise
