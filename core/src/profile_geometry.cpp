#include <citynoise/core/profile_geometry.hpp>

#include <cmath>

namespace citynoise {

// sqrt rather than hypot: our coordinates never overflow, and hypot is several times slower.
double distance(const Point2& a, const Point2& b) {
  const double ds = b.s - a.s, dz = b.z - a.z;
  return std::sqrt(ds * ds + dz * dz);
}

double Line2::heightOf(const Point2& p) const {
  return (p.z - (slope * p.s + intercept)) / std::sqrt(1.0 + slope * slope);
}

Point2 Line2::foot(const Point2& p) const {
  const double s = (p.s + slope * (p.z - intercept)) / (1.0 + slope * slope);
  return {s, slope * s + intercept};
}

Point2 Line2::mirror(const Point2& p) const {
  const Point2 f = foot(p);
  return {2.0 * f.s - p.s, 2.0 * f.z - p.z};
}

Line2 meanPlane(std::span<const Point2> groundLine) {
  if (groundLine.size() < 2) return {0.0, groundLine.empty() ? 0.0 : groundLine.front().z};
  const double origin = groundLine.front().s;
  // Sums of the integrals of z and s·z over each linear piece z = a·s + b (shifted frame).
  double sumA = 0.0, sumB = 0.0;
  for (std::size_t i = 0; i + 1 < groundLine.size(); ++i) {
    const double x0 = groundLine[i].s - origin, x1 = groundLine[i + 1].s - origin;
    if (x1 == x0) continue;  // vertical step: a wall or the edge of a roof
    const double a = (groundLine[i + 1].z - groundLine[i].z) / (x1 - x0);
    const double b = groundLine[i].z - a * x0;
    sumA += 2.0 / 3.0 * a * (x1 * x1 * x1 - x0 * x0 * x0) + b * (x1 * x1 - x0 * x0);
    sumB += a * (x1 * x1 - x0 * x0) + 2.0 * b * (x1 - x0);
  }
  const double xn = groundLine.back().s - origin;  // x0 = 0 in the shifted frame
  if (xn <= 0.0) return {0.0, groundLine.front().z};
  const double slope = 3.0 * (2.0 * sumA - sumB * xn) / (xn * xn * xn);
  const double interceptShifted = 2.0 * sumB / xn - 3.0 * sumA / (xn * xn);
  return {slope, interceptShifted - slope * origin};
}

PlaneGeometry planeGeometry(std::span<const Point2> groundLine, const Point2& a, const Point2& b) {
  PlaneGeometry g;
  g.plane = meanPlane(groundLine);
  g.zA = g.plane.heightOf(a);
  g.zB = g.plane.heightOf(b);
  g.dp = distance(g.plane.foot(a), g.plane.foot(b));
  return g;
}

void upperHull(std::span<const Point2> points, std::vector<int>& hull) {
  hull.clear();
  for (int i = 0; i < static_cast<int>(points.size()); ++i) {
    const Point2& p = points[static_cast<std::size_t>(i)];
    while (hull.size() >= 2) {
      const Point2& o = points[static_cast<std::size_t>(hull[hull.size() - 2])];
      const Point2& a = points[static_cast<std::size_t>(hull.back())];
      const double cross = (a.s - o.s) * (p.z - o.z) - (a.z - o.z) * (p.s - o.s);
      if (cross < 0.0) break;  // a is strictly above the chord o–p: keep it
      hull.pop_back();
    }
    hull.push_back(i);
  }
}

}  // namespace citynoise
