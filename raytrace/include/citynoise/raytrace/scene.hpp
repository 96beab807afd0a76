#pragma once
// The 3D scene: terrain, ground factor, buildings and walls, and their triangles for ray queries.
// Built once from a SceneDescription; immutable and safe to share between threads afterwards.

#include <citynoise/core/bands.hpp>
#include <citynoise/core/scene_description.hpp>
#include <citynoise/raytrace/ground_map.hpp>
#include <citynoise/raytrace/mesh_obstacles.hpp>
#include <citynoise/raytrace/obstacles.hpp>
#include <citynoise/raytrace/ray_tracer.hpp>
#include <citynoise/raytrace/terrain.hpp>

#include <memory>
#include <string>
#include <vector>

namespace citynoise::raytrace {

enum class TracerKind : std::uint8_t { Embree, BruteForce };

struct SceneOptions {
  /// Walls reach this far below the lowest terrain under them, so no gap opens on slopes.
  double foundationDepth = 2.0;
  /// Absorption of façades and walls given none.
  BandArray defaultAbsorption = kDefaultWallAbsorption;
  TracerKind tracer = TracerKind::Embree;
  /// Named in error messages (the file the scene came from).
  std::string origin;
};

/// A repair made while building the scene ("removed 2 repeated vertices").
struct SceneWarning {
  std::string object;
  std::string message;
};

class Scene {
 public:
  /// Validates and repairs the description (unambiguous repairs only, each with a warning);
  /// throws InputError(origin, object id, …) for geometry it cannot use.
  static Scene build(SceneDescription description, const SceneOptions& options,
                     std::vector<SceneWarning>& warnings);
  ~Scene();
  Scene(Scene&&) noexcept;
  Scene& operator=(Scene&&) noexcept;

  [[nodiscard]] const Terrain& terrain() const;
  [[nodiscard]] const GroundMap& ground() const;
  [[nodiscard]] const Obstacles& obstacles() const;
  /// Structures given as meshes (viaducts, decks): screening only.
  [[nodiscard]] const MeshObstacles& meshes() const;
  /// Everything: terrain, façades, roofs, walls.
  [[nodiscard]] const SceneMesh& mesh() const;
  [[nodiscard]] const RayTracer& tracer() const;
  /// Buildings only (façades and roofs): what blocks a reflected ray outright.
  [[nodiscard]] const RayTracer& buildingTracer() const;
  /// Absorption coefficient of an obstacle segment (façade or wall).
  [[nodiscard]] const BandArray& absorption(std::uint32_t segment) const;
  [[nodiscard]] const SceneOptions& options() const;

 private:
  Scene();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynoise::raytrace
