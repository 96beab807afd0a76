#pragma once
// Ground factor G over the plan: polygons with G, a default elsewhere. Where areas overlap the
// one listed last wins (as when later layers are drawn over earlier ones).

#include <citynoise/core/geometry2d.hpp>
#include <citynoise/core/scene_description.hpp>

#include <memory>
#include <vector>

namespace citynoise::raytrace {

/// A change of ground factor along a plan segment: from parameter t on, G = g.
struct GroundChange {
  double t = 0.0;
  double g = 0.0;
};

class GroundMap {
 public:
  GroundMap(double defaultG, std::vector<GroundArea> areas);
  ~GroundMap();
  GroundMap(GroundMap&&) noexcept;
  GroundMap& operator=(GroundMap&&) noexcept;

  [[nodiscard]] double gAt(const Vec2& p) const;

  /// The changes of G along ab, ordered by t (only where G really changes). `out` is cleared.
  void changes(const Vec2& a, const Vec2& b, std::vector<GroundChange>& out) const;

  [[nodiscard]] double defaultG() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynoise::raytrace
