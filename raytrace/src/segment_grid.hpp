#pragma once
// Plan segments in a uniform grid whose cells hold copies of their segments' end points, so that
// a walk along a long cut reads contiguous memory instead of chasing ids (the vertical cut of
// every path crosses hundreds of cells; this is the engine's hottest loop).

#include "uniform_grid.hpp"

#include <citynoise/core/geometry2d.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace citynoise::raytrace {

class SegmentGrid {
 public:
  struct Item {
    Vec2 a, b;
    std::uint32_t id = 0;  ///< the caller's index
  };

  void build(const std::vector<Item>& items, double perCell = 4.0) {
    grid_.build(items.size(), [&](std::size_t i) {
      Box2 box;
      box.extend(items[i].a), box.extend(items[i].b);
      return box;
    }, perCell);
    packed_.clear();
    packed_.reserve(grid_.cellItems().size());
    for (std::uint32_t k : grid_.cellItems()) packed_.push_back({items[k].a, items[k].b, k});
    ids_.resize(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) ids_[i] = items[i].id;
  }

  [[nodiscard]] const UniformGrid& grid() const { return grid_; }

  /// Calls f(id, crossing) once for every segment that ab crosses (intersectSegments semantics,
  /// end points included), in no particular order.
  template <class F>
  void forEachCrossing(const Vec2& a, const Vec2& b, UniformGrid::Seen& seen, F f) const {
    const std::size_t n = grid_.itemCount();
    if (seen.mark.size() < n) seen.mark.assign(n, 0), seen.stamp = 0;
    if (++seen.stamp == 0) std::fill(seen.mark.begin(), seen.mark.end(), 0), seen.stamp = 1;
    const Vec2 r = b - a;
    const double minX = std::min(a.x, b.x), maxX = std::max(a.x, b.x);
    const double minY = std::min(a.y, b.y), maxY = std::max(a.y, b.y);
    grid_.forEachCellOnSegment(a, b, [&](int c) {
      for (std::uint32_t k = grid_.cellBegin(c), end = grid_.cellEnd(c); k < end; ++k) {
        const Item& s = packed_[k];
        if (std::max(s.a.x, s.b.x) < minX || std::min(s.a.x, s.b.x) > maxX || std::max(s.a.y, s.b.y) < minY ||
            std::min(s.a.y, s.b.y) > maxY)
          continue;
        // Both ends clearly on one side of ab: no crossing. "Clearly" leaves a relative margin
        // of 1e-9, far wider than intersectSegments' 1e-12, which decides every other case.
        const double d1 = cross(r, s.a - a), d2 = cross(r, s.b - a);
        if (d1 * d2 > 0.0 && std::min(std::abs(d1), std::abs(d2)) > 1e-9 * std::max(std::abs(d1), std::abs(d2)))
          continue;
        if (seen.mark[s.id] == seen.stamp) continue;
        seen.mark[s.id] = seen.stamp;
        if (const auto x = intersectSegments(a, b, s.a, s.b)) f(ids_[s.id], *x);
      }
    });
  }

 private:
  UniformGrid grid_;
  std::vector<Item> packed_;        ///< per cell, in the grid's CSR order; id = item index
  std::vector<std::uint32_t> ids_;  ///< item index → caller's id
};

}  // namespace citynoise::raytrace
