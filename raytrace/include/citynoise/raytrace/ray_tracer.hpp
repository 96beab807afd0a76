#pragma once
// Ray queries on the scene's triangles, behind our own interface: Embree (the fast one) and a
// brute-force reference that Embree must match. Rays and hits use doubles in scene coordinates;
// implementations work relative to the mesh origin so single precision is never the limit.

#include <citynoise/core/vec.hpp>
#include <citynoise/core/surface_kind.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

namespace citynoise::raytrace {

struct Ray {
  Vec3 origin;
  Vec3 direction;  ///< need not be unit length; t is measured in multiples of it
  double tNear = 0.0;
  double tFar = std::numeric_limits<double>::infinity();
};

struct Hit {
  bool hit = false;
  double t = 0.0;
  std::uint32_t triangle = 0;
};

/// What a triangle belongs to.
struct TriangleTag {
  SurfaceKind kind = SurfaceKind::Terrain;
  std::uint32_t object = 0;  ///< building, wall or 0 for terrain
  std::uint32_t face = 0;    ///< façade/wall segment index in Obstacles::segments(), or triangle index
};

/// The triangle soup ray queries run on. Vertex coordinates are relative to `origin`.
struct SceneMesh {
  Vec3 origin;
  std::vector<std::array<float, 3>> vertices;
  std::vector<std::array<std::uint32_t, 3>> triangles;
  std::vector<TriangleTag> tags;
};

class RayTracer {
 public:
  virtual ~RayTracer() = default;
  /// blocked[i] = 1 when something lies on ray i within (tNear, tFar).
  virtual void occluded(std::span<const Ray> rays, std::span<std::uint8_t> blocked) const = 0;
  /// First hit of each ray within (tNear, tFar).
  virtual void intersect(std::span<const Ray> rays, std::span<Hit> hits) const = 0;
  [[nodiscard]] virtual const char* name() const = 0;
};

/// Embree 3 (robust build). Throws std::runtime_error with Embree's message on failure.
std::unique_ptr<RayTracer> makeEmbreeTracer(const SceneMesh& mesh);
/// Every ray against every triangle (watertight Möller–Trumbore in double): the reference.
std::unique_ptr<RayTracer> makeBruteForceTracer(const SceneMesh& mesh);

}  // namespace citynoise::raytrace
