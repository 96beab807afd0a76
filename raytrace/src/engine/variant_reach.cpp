#include <citynoise/raytrace/variant_reach.hpp>

#include "engine/transfer_merge.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace citynoise::raytrace {

SceneEdits::SceneEdits(std::vector<PlanPolyline> b, std::vector<PlanPolygon> g) : barriers(std::move(b)), ground(std::move(g)) {
  auto boxOf = [](const std::vector<Vec2>& points) {
    Box2 box;
    for (const Vec2& p : points) box.extend(p);
    return box;
  };
  for (const PlanPolyline& line : barriers) barrierBoxes.push_back(boxOf(line));
  for (const PlanPolygon& polygon : ground) {
    groundBoxes.push_back(boxOf(polygon));
    PlanPolyline outline = polygon;
    if (!outline.empty()) outline.push_back(outline.front());
    groundOutlines.push_back(std::move(outline));
  }
}

double distanceToPolyline(const Vec2& p, const PlanPolyline& line) {
  double best = line.empty() ? std::numeric_limits<double>::infinity() : length(p - line.front());
  for (std::size_t i = 0; i + 1 < line.size(); ++i) best = std::min(best, distanceToSegment(p, line[i], line[i + 1]));
  return best;
}

/// The sum |XF1| + |XF2| is convex along each segment, so a golden-section search finds its
/// minimum there.
bool polylineEntersEllipse(const PlanPolyline& line, const Vec2& f1, const Vec2& f2, double major) {
  auto sum = [&](const Vec2& x) { return length(x - f1) + length(x - f2); };
  if (line.size() == 1) return sum(line.front()) <= major;
  constexpr double kGolden = 0.6180339887498949;
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    const Vec2 a = line[i], d = line[i + 1] - line[i];
    double lo = 0.0, hi = 1.0;
    for (int it = 0; it < 60 && (hi - lo) * length(d) > 1e-4; ++it) {
      const double m1 = hi - kGolden * (hi - lo), m2 = lo + kGolden * (hi - lo);
      if (sum(a + d * m1) < sum(a + d * m2)) hi = m2;
      else lo = m1;
    }
    if (std::min({sum(a), sum(a + d), sum(a + d * (0.5 * (lo + hi)))}) <= major) return true;
  }
  return false;
}

bool editsNearReceiver(const Vec2& r, double reflectionDistance, const SceneEdits& edits) {
  for (const PlanPolyline& b : edits.barriers)
    if (distanceToPolyline(r, b) <= reflectionDistance) return true;
  for (std::size_t k = 0; k < edits.ground.size(); ++k)
    if (insideRing(edits.ground[k], r) || distanceToPolyline(r, edits.groundOutlines[k]) <= kEllipseSlack) return true;
  return false;
}

bool editsReachPaths(const Vec2& s, const Vec2& r, double detour, double reflectionDistance, const SceneEdits& edits) {
  const double direct = length(r - s), major = direct + detour + kEllipseSlack;
  // The ellipse lies within its semi-minor axis of the segment SR: a box for quick rejections.
  const double minor = std::sqrt(std::max(0.0, 0.25 * (major * major - direct * direct)));
  Box2 ellipseBox{s, s};
  ellipseBox.extend(r);
  ellipseBox = ellipseBox.grown(minor);
  const Box2 reflectionBox = Box2{s, s}.grown(reflectionDistance);
  for (std::size_t k = 0; k < edits.barriers.size(); ++k) {
    if (!ellipseBox.overlaps(edits.barrierBoxes[k]) && !reflectionBox.overlaps(edits.barrierBoxes[k])) continue;
    if (distanceToPolyline(s, edits.barriers[k]) <= reflectionDistance || polylineEntersEllipse(edits.barriers[k], s, r, major))
      return true;
  }
  for (std::size_t k = 0; k < edits.ground.size(); ++k) {
    if (!ellipseBox.overlaps(edits.groundBoxes[k])) continue;
    if (insideRing(edits.ground[k], s) || polylineEntersEllipse(edits.groundOutlines[k], s, r, major)) return true;
  }
  return false;
}

ReceiverTransfers mergeTransfers(const ReceiverTransfers& kept, const ReceiverTransfers& fresh,
                                 std::span<const std::uint32_t> recomputed, std::size_t slot) {
  ReceiverTransfers merged;
  auto take = [&](const ReceiverTransfers& from, std::size_t k) {
    merged.elements.push_back(from.elements[k]);
    merged.detour.push_back(from.detour[k]);
    merged.transfer.insert(merged.transfer.end(), from.transfer.begin() + static_cast<std::ptrdiff_t>(k * slot),
                           from.transfer.begin() + static_cast<std::ptrdiff_t>((k + 1) * slot));
  };
  std::size_t a = 0, b = 0;
  while (a < kept.elements.size() || b < fresh.elements.size()) {
    const std::uint32_t ea = a < kept.elements.size() ? kept.elements[a] : UINT32_MAX;
    const std::uint32_t eb = b < fresh.elements.size() ? fresh.elements[b] : UINT32_MAX;
    if (eb <= ea) {
      take(fresh, b++);
      if (ea == eb) ++a;
    } else {
      if (!std::binary_search(recomputed.begin(), recomputed.end(), ea)) take(kept, a);
      ++a;
    }
  }
  return merged;
}

}  // namespace citynoise::raytrace
