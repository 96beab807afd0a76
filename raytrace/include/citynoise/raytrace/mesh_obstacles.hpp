#pragma once
// Structures described by triangle meshes (viaducts, bridge decks, elevated tracks) in the vertical
// cut of a path. CNOSSOS-EU profiles know only ground-standing obstacles, so a mesh becomes, on
// each stretch where the path's vertical plane cuts it, a block from the ground up to the highest
// point of that cut — unless the straight path passes entirely beneath the cut (under a deck),
// where the mesh is left out. Meshes do not reflect and do not give lateral paths (declared partial).

#include <citynoise/core/scene_description.hpp>
#include <citynoise/raytrace/obstacles.hpp>

#include <memory>
#include <vector>

namespace citynoise::raytrace {

/// A stretch of a leg where it meets a mesh: [tEnter, tExit] along the leg, the top altitude.
struct MeshCrossing {
  double tEnter = 0.0, tExit = 0.0;
  double top = 0.0;
  std::uint32_t mesh = 0;
};

class MeshObstacles {
 public:
  MeshObstacles();
  explicit MeshObstacles(std::vector<MeshObstacle> meshes);
  ~MeshObstacles();
  MeshObstacles(MeshObstacles&&) noexcept;
  MeshObstacles& operator=(MeshObstacles&&) noexcept;

  [[nodiscard]] const std::vector<MeshObstacle>& meshes() const;
  [[nodiscard]] bool empty() const;

  /// The stretches of the 3D leg from → to that the meshes screen (cut pieces closer than
  /// `gap` merge into one), ordered by tEnter. Pieces the leg passes under are left out.
  void crossings(const Vec3& from, const Vec3& to, std::vector<MeshCrossing>& out, double gap = 0.5) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynoise::raytrace
