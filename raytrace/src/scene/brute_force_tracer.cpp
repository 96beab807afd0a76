#include <citynoise/raytrace/ray_tracer.hpp>

#include <cmath>

namespace citynoise::raytrace {
namespace {

/// Every ray against every triangle, in double precision on the same (float) vertices: slow,
/// obviously right, and the reference the Embree tracer is tested against.
class BruteForceTracer final : public RayTracer {
 public:
  explicit BruteForceTracer(const SceneMesh& mesh) : mesh_(mesh) {}

  void occluded(std::span<const Ray> rays, std::span<std::uint8_t> blocked) const override {
    for (std::size_t i = 0; i < rays.size(); ++i) blocked[i] = firstHit(rays[i], true).hit ? 1 : 0;
  }
  void intersect(std::span<const Ray> rays, std::span<Hit> hits) const override {
    for (std::size_t i = 0; i < rays.size(); ++i) hits[i] = firstHit(rays[i], false);
  }
  [[nodiscard]] const char* name() const override { return "brute-force"; }

 private:
  [[nodiscard]] Hit firstHit(const Ray& ray, bool any) const {
    const Vec3 o = ray.origin - mesh_.origin;
    Hit best;
    double bestT = ray.tFar;
    for (std::uint32_t k = 0; k < mesh_.triangles.size(); ++k) {
      const auto& tri = mesh_.triangles[k];
      const Vec3 a = vertex(tri[0]), b = vertex(tri[1]), c = vertex(tri[2]);
      const Vec3 e1 = b - a, e2 = c - a;
      const Vec3 p = cross(ray.direction, e2);
      const double det = dot(e1, p);
      if (det == 0.0) continue;
      const double inv = 1.0 / det;
      const Vec3 s = o - a;
      const double u = dot(s, p) * inv;
      if (u < 0.0 || u > 1.0) continue;
      const Vec3 q = cross(s, e1);
      const double v = dot(ray.direction, q) * inv;
      if (v < 0.0 || u + v > 1.0) continue;
      const double t = dot(e2, q) * inv;
      if (t > ray.tNear && t < bestT) {
        bestT = t;
        best = {true, t, k};
        if (any) break;
      }
    }
    return best;
  }
  [[nodiscard]] Vec3 vertex(std::uint32_t i) const {
    return {mesh_.vertices[i][0], mesh_.vertices[i][1], mesh_.vertices[i][2]};
  }
  SceneMesh mesh_;
};

}  // namespace

std::unique_ptr<RayTracer> makeBruteForceTracer(const SceneMesh& mesh) {
  return std::make_unique<BruteForceTracer>(mesh);
}

}  // namespace citynoise::raytrace
