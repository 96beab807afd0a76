#pragma once
// A uniform 2D grid over item bounding boxes (CSR layout), for plan queries along segments and in
// boxes. Queries collect candidate ids into a caller-owned vector (sorted, unique).

#include <citynoise/core/geometry2d.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace citynoise::raytrace {

class UniformGrid {
 public:
  UniformGrid() = default;

  /// `boxOf(i)` gives the plan bounds of item i; about `perCell` items per cell on average.
  void build(std::size_t count, const std::function<Box2(std::size_t)>& boxOf, double perCell = 4.0) {
    bounds_ = Box2{};
    count_ = count;
    std::vector<Box2> boxes(count);
    for (std::size_t i = 0; i < count; ++i) bounds_.extend(boxes[i] = boxOf(i));
    if (count == 0) {
      nx_ = ny_ = 0;
      offsets_.assign(1, 0);
      ids_.clear();
      return;
    }
    bounds_ = bounds_.grown(1e-6);
    const double w = bounds_.max.x - bounds_.min.x, h = bounds_.max.y - bounds_.min.y;
    const double cells = std::max(1.0, static_cast<double>(count) / perCell);
    cell_ = std::max(std::sqrt(w * h / cells), 1e-3);
    nx_ = std::clamp(static_cast<int>(std::ceil(w / cell_)), 1, 4096);
    ny_ = std::clamp(static_cast<int>(std::ceil(h / cell_)), 1, 4096);
    cell_ = std::max(w / nx_, h / ny_);
    std::vector<std::uint32_t> counts(static_cast<std::size_t>(nx_) * ny_ + 1, 0);
    forEachBoxCell(boxes, [&](std::size_t, std::size_t c) { ++counts[c + 1]; });
    for (std::size_t c = 1; c < counts.size(); ++c) counts[c] += counts[c - 1];
    offsets_ = counts;
    ids_.assign(offsets_.back(), 0);
    std::vector<std::uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
    forEachBoxCell(boxes, [&](std::size_t i, std::size_t c) { ids_[fill[c]++] = static_cast<std::uint32_t>(i); });
  }

  [[nodiscard]] const Box2& bounds() const { return bounds_; }
  [[nodiscard]] std::size_t itemCount() const { return count_; }

  /// The CSR layout, for structures that keep per-cell copies of their items (SegmentGrid).
  [[nodiscard]] std::uint32_t cellBegin(int c) const { return offsets_[static_cast<std::size_t>(c)]; }
  [[nodiscard]] std::uint32_t cellEnd(int c) const { return offsets_[static_cast<std::size_t>(c) + 1]; }
  [[nodiscard]] const std::vector<std::uint32_t>& cellItems() const { return ids_; }

  /// Ids of items whose box meets the cells crossed by segment ab, each once, in no particular
  /// order when a `seen` buffer is given (callers sort what they keep), sorted otherwise.
  void querySegment(Vec2 a, Vec2 b, std::vector<std::uint32_t>& out) const {
    out.clear();
    forEachCellOnSegment(a, b, [&](int c) { append(c, out); });
    sortUnique(out);
  }

  /// Marks of the items already returned by one query (per thread, reused; no sorting).
  struct Seen {
    std::vector<std::uint32_t> mark;
    std::uint32_t stamp = 0;
  };
  void querySegment(Vec2 a, Vec2 b, std::vector<std::uint32_t>& out, Seen& seen) const {
    out.clear();
    if (seen.mark.size() < count_) seen.mark.assign(count_, 0), seen.stamp = 0;
    if (++seen.stamp == 0) std::fill(seen.mark.begin(), seen.mark.end(), 0), seen.stamp = 1;
    forEachCellOnSegment(a, b, [&](int c) {
      const auto cc = static_cast<std::size_t>(c);
      for (std::uint32_t k = offsets_[cc]; k < offsets_[cc + 1]; ++k) {
        const std::uint32_t id = ids_[k];
        if (seen.mark[id] != seen.stamp) seen.mark[id] = seen.stamp, out.push_back(id);
      }
    });
  }

  /// Calls f(id) for the items of the cell holding p (ascending ids), until f returns true.
  template <class F>
  void findInCellAt(const Vec2& p, F f) const {
    if (nx_ == 0 || !bounds_.contains(p)) return;
    const int c = cellY(p.y) * nx_ + cellX(p.x);
    for (std::uint32_t k = cellBegin(c), end = cellEnd(c); k < end; ++k)
      if (f(ids_[k])) return;
  }

  /// Ids of items whose box meets the cells overlapping `box`.
  void queryBox(const Box2& box, std::vector<std::uint32_t>& out) const {
    out.clear();
    if (nx_ == 0 || !box.overlaps(bounds_)) return;
    const int x0 = cellX(box.min.x), x1 = cellX(box.max.x), y0 = cellY(box.min.y), y1 = cellY(box.max.y);
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) append(y * nx_ + x, out);
    sortUnique(out);
  }

  /// Amanatides–Woo traversal of the cells crossed by ab (clipped to the grid).
  template <class F>
  void forEachCellOnSegment(Vec2 a, Vec2 b, F f) const {
    if (nx_ == 0) return;
    // Clip ab to the grid bounds (Liang–Barsky).
    double t0 = 0.0, t1 = 1.0;
    const Vec2 d = b - a;
    auto clip = [&](double p, double q) {
      if (p == 0.0) return q >= 0.0;
      const double r = q / p;
      if (p < 0.0) { if (r > t1) return false; t0 = std::max(t0, r); }
      else { if (r < t0) return false; t1 = std::min(t1, r); }
      return true;
    };
    if (!clip(-d.x, a.x - bounds_.min.x) || !clip(d.x, bounds_.max.x - a.x) ||
        !clip(-d.y, a.y - bounds_.min.y) || !clip(d.y, bounds_.max.y - a.y))
      return;
    const Vec2 p0 = a + d * t0, p1 = a + d * t1;
    int x = cellX(p0.x), y = cellY(p0.y);
    const int xEnd = cellX(p1.x), yEnd = cellY(p1.y);
    const int stepX = d.x > 0 ? 1 : -1, stepY = d.y > 0 ? 1 : -1;
    const double inf = std::numeric_limits<double>::infinity();
    const double dx = p1.x - p0.x, dy = p1.y - p0.y;
    double tMaxX = dx != 0.0 ? ((bounds_.min.x + (x + (stepX > 0)) * cell_) - p0.x) / dx : inf;
    double tMaxY = dy != 0.0 ? ((bounds_.min.y + (y + (stepY > 0)) * cell_) - p0.y) / dy : inf;
    const double tDeltaX = dx != 0.0 ? cell_ / std::abs(dx) : inf;
    const double tDeltaY = dy != 0.0 ? cell_ / std::abs(dy) : inf;
    for (int guard = 0; guard < nx_ + ny_ + 2; ++guard) {
      f(y * nx_ + x);
      if (x == xEnd && y == yEnd) break;
      if (std::abs(tMaxX - tMaxY) <= 1e-12 * std::max(1.0, std::abs(tMaxX))) {
        // Through a cell corner: also visit the two cells that only touch the segment there.
        if (x + stepX >= 0 && x + stepX < nx_) f(y * nx_ + x + stepX);
        if (y + stepY >= 0 && y + stepY < ny_) f((y + stepY) * nx_ + x);
      }
      if (tMaxX < tMaxY) {
        if (x == xEnd) break;
        x += stepX, tMaxX += tDeltaX;
      } else {
        if (y == yEnd) break;
        y += stepY, tMaxY += tDeltaY;
      }
      if (x < 0 || x >= nx_ || y < 0 || y >= ny_) break;
    }
  }

 private:
  int cellX(double x) const { return std::clamp(static_cast<int>((x - bounds_.min.x) / cell_), 0, nx_ - 1); }
  int cellY(double y) const { return std::clamp(static_cast<int>((y - bounds_.min.y) / cell_), 0, ny_ - 1); }

  template <class F>
  void forEachBoxCell(const std::vector<Box2>& boxes, F f) const {
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      const Box2& b = boxes[i];
      for (int y = cellY(b.min.y); y <= cellY(b.max.y); ++y)
        for (int x = cellX(b.min.x); x <= cellX(b.max.x); ++x) f(i, static_cast<std::size_t>(y * nx_ + x));
    }
  }

  void append(int c, std::vector<std::uint32_t>& out) const {
    const auto cc = static_cast<std::size_t>(c);
    out.insert(out.end(), ids_.begin() + offsets_[cc], ids_.begin() + offsets_[cc + 1]);
  }

  static void sortUnique(std::vector<std::uint32_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }

  Box2 bounds_;
  std::size_t count_ = 0;
  double cell_ = 1.0;
  int nx_ = 0, ny_ = 0;
  std::vector<std::uint32_t> offsets_{0};
  std::vector<std::uint32_t> ids_;
};

}  // namespace citynoise::raytrace
