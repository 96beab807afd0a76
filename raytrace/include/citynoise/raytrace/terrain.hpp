#pragma once
// The terrain: a triangulated surface (TIN) from break lines and spot heights (constrained
// Delaunay triangulation) or from a DEM grid, with height queries and vertical cuts.

#include <citynoise/core/geometry2d.hpp>
#include <citynoise/core/scene_description.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace citynoise::raytrace {

/// A point of a terrain cut: parameter t in [0, 1] along the plan segment, and the altitude.
struct TerrainSample {
  double t = 0.0;
  double z = 0.0;
};

class Terrain {
 public:
  Terrain();
  ~Terrain();
  Terrain(Terrain&&) noexcept;
  Terrain& operator=(Terrain&&) noexcept;

  /// Constrained Delaunay triangulation (CGAL) of break lines and spot heights. Outside the
  /// triangulation the ground is level at `outsideAltitude`. Break lines that cross others at a
  /// different altitude contradict them: the most contradicted ones are kept as spot heights
  /// only, and their indices reported in `demoted`.
  static Terrain fromBreaklines(std::span<const TerrainBreakline> lines, std::span<const Vec3> spots,
                                double outsideAltitude = 0.0, std::vector<std::size_t>* demoted = nullptr);
  /// Two triangles per DEM cell (cells with a no-data corner are left out).
  static Terrain fromGrid(const ElevationGrid& grid, double outsideAltitude = 0.0);
  /// Level ground.
  static Terrain flat(double altitude);

  [[nodiscard]] double heightAt(const Vec2& p) const;

  /// The ground line under the plan segment ab: its end points and every change of slope, ordered
  /// by t (vertices where the slope does not change are dropped). `out` is cleared and filled.
  void cut(const Vec2& a, const Vec2& b, std::vector<TerrainSample>& out) const;

  [[nodiscard]] std::span<const Vec3> vertices() const;
  [[nodiscard]] std::span<const std::array<std::uint32_t, 3>> triangles() const;
  [[nodiscard]] Box2 bounds() const;
  [[nodiscard]] double outsideAltitude() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynoise::raytrace
