// Cutting façades into floors (see facade_bands.hpp).
#include "facade_bands.hpp"

#include <algorithm>
#include <array>

namespace citynoise::io::tiles {
namespace {

using Point = std::array<double, 3>;

/// The part of a convex polygon on one side of z = level (above when `keepAbove`).
std::vector<Point> clip(const std::vector<Point>& poly, double level, bool keepAbove) {
  std::vector<Point> out;
  auto inside = [&](const Point& p) { return keepAbove ? p[2] >= level : p[2] <= level; };
  for (std::size_t i = 0; i < poly.size(); ++i) {
    const Point& a = poly[i];
    const Point& b = poly[(i + 1) % poly.size()];
    if (inside(a)) out.push_back(a);
    if (inside(a) != inside(b)) {
      const double t = (level - a[2]) / (b[2] - a[2]);
      out.push_back({a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), level});
    }
  }
  return out;
}

}  // namespace

void splitAtHeights(const double* t, const std::vector<double>& cuts, std::vector<std::vector<double>>& bands) {
  const std::vector<Point> tri = {Point{t[0], t[1], t[2]}, Point{t[3], t[4], t[5]}, Point{t[6], t[7], t[8]}};
  const double lo = std::min({t[2], t[5], t[8]}), hi = std::max({t[2], t[5], t[8]});
  for (std::size_t k = 0; k <= cuts.size(); ++k) {
    const bool hasBelow = k > 0, hasAbove = k < cuts.size();
    if ((hasBelow && hi <= cuts[k - 1]) || (hasAbove && lo >= cuts[k])) continue;  // not in this band
    std::vector<Point> piece = tri;
    if (hasBelow && lo < cuts[k - 1]) piece = clip(piece, cuts[k - 1], true);
    if (hasAbove && hi > cuts[k]) piece = clip(piece, cuts[k], false);
    for (std::size_t i = 1; i + 1 < piece.size(); ++i)
      for (const Point* p : {&piece[0], &piece[i], &piece[i + 1]}) bands[k].insert(bands[k].end(), p->begin(), p->end());
  }
}

std::vector<double> floorCuts(const std::vector<int>& floors, const std::vector<double>& z) {
  std::vector<double> cuts;
  if (floors.size() < 2 || floors.back() == floors.front()) return cuts;
  const double b = (z.back() - z.front()) / static_cast<double>(floors.back() - floors.front());
  const double a = z.front() - b * static_cast<double>(floors.front());
  for (std::size_t k = 0; k + 1 < floors.size(); ++k) cuts.push_back(a + b * 0.5 * static_cast<double>(floors[k] + floors[k + 1]));
  return cuts;
}

}  // namespace citynoise::io::tiles
