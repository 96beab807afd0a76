// The only file that includes Embree: RAII owners, an error callback, a ROBUST scene, and batched
// queries in 16-ray packets.
#include <citynoise/raytrace/ray_tracer.hpp>

#include <embree3/rtcore.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace citynoise::raytrace {
namespace {

class EmbreeDevice {
 public:
  EmbreeDevice() : device_(rtcNewDevice(nullptr)) {
    if (!device_) throw std::runtime_error("Embree: cannot create a device (" + std::to_string(rtcGetDeviceError(nullptr)) + ")");
    rtcSetDeviceErrorFunction(device_, &EmbreeDevice::onError, this);
  }
  ~EmbreeDevice() {
    if (device_) rtcReleaseDevice(device_);
  }
  EmbreeDevice(const EmbreeDevice&) = delete;
  EmbreeDevice& operator=(const EmbreeDevice&) = delete;

  [[nodiscard]] RTCDevice get() const { return device_; }
  /// Throws if Embree reported an error since the last check.
  void check(const char* where) {
    if (!error_.empty()) {
      std::string e = std::move(error_);
      error_.clear();
      throw std::runtime_error(std::string("Embree (") + where + "): " + e);
    }
  }

 private:
  static void onError(void* self, RTCError code, const char* message) {
    static_cast<EmbreeDevice*>(self)->error_ = std::to_string(code) + " " + (message ? message : "");
  }
  RTCDevice device_;
  std::string error_;
};

class EmbreeScene {
 public:
  explicit EmbreeScene(RTCDevice device) : scene_(rtcNewScene(device)) {}
  ~EmbreeScene() {
    if (scene_) rtcReleaseScene(scene_);
  }
  EmbreeScene(const EmbreeScene&) = delete;
  EmbreeScene& operator=(const EmbreeScene&) = delete;
  [[nodiscard]] RTCScene get() const { return scene_; }

 private:
  RTCScene scene_;
};

class EmbreeTracer final : public RayTracer {
 public:
  explicit EmbreeTracer(const SceneMesh& mesh)
      : origin_(mesh.origin), vertices_(mesh.vertices), triangles_(mesh.triangles), scene_(device_.get()) {
    rtcSetSceneFlags(scene_.get(), RTC_SCENE_FLAG_ROBUST);
    rtcSetSceneBuildQuality(scene_.get(), RTC_BUILD_QUALITY_HIGH);
    if (!mesh.triangles.empty()) {
      RTCGeometry geom = rtcNewGeometry(device_.get(), RTC_GEOMETRY_TYPE_TRIANGLE);
      auto* v = static_cast<float*>(rtcSetNewGeometryBuffer(geom, RTC_BUFFER_TYPE_VERTEX, 0, RTC_FORMAT_FLOAT3,
                                                            3 * sizeof(float), mesh.vertices.size()));
      auto* idx = static_cast<unsigned*>(rtcSetNewGeometryBuffer(geom, RTC_BUFFER_TYPE_INDEX, 0, RTC_FORMAT_UINT3,
                                                                 3 * sizeof(unsigned), mesh.triangles.size()));
      device_.check("geometry buffers");
      for (std::size_t i = 0; i < mesh.vertices.size(); ++i)
        std::copy(mesh.vertices[i].begin(), mesh.vertices[i].end(), v + 3 * i);
      for (std::size_t i = 0; i < mesh.triangles.size(); ++i)
        std::copy(mesh.triangles[i].begin(), mesh.triangles[i].end(), idx + 3 * i);
      rtcCommitGeometry(geom);
      rtcAttachGeometry(scene_.get(), geom);
      rtcReleaseGeometry(geom);
    }
    rtcCommitScene(scene_.get());
    device_.check("scene build");
  }

  void occluded(std::span<const Ray> rays, std::span<std::uint8_t> blocked) const override {
    RTCIntersectContext ctx;
    rtcInitIntersectContext(&ctx);
    for (std::size_t base = 0; base < rays.size(); base += 16) {
      const std::size_t n = std::min<std::size_t>(16, rays.size() - base);
      alignas(64) RTCRay16 packet;
      alignas(64) int valid[16];
      fill(packet, valid, rays.subspan(base, n));
      rtcOccluded16(valid, scene_.get(), &ctx, &packet);
      for (std::size_t i = 0; i < n; ++i) blocked[base + i] = packet.tfar[i] < 0.0f ? 1 : 0;
    }
  }

  void intersect(std::span<const Ray> rays, std::span<Hit> hits) const override {
    RTCIntersectContext ctx;
    rtcInitIntersectContext(&ctx);
    for (std::size_t base = 0; base < rays.size(); base += 16) {
      const std::size_t n = std::min<std::size_t>(16, rays.size() - base);
      alignas(64) RTCRayHit16 rh;
      alignas(64) int valid[16];
      fill(rh.ray, valid, rays.subspan(base, n));
      for (int i = 0; i < 16; ++i) rh.hit.geomID[i] = RTC_INVALID_GEOMETRY_ID;
      rtcIntersect16(valid, scene_.get(), &ctx, &rh);
      for (std::size_t i = 0; i < n; ++i) {
        Hit& h = hits[base + i];
        h.hit = rh.hit.geomID[i] != RTC_INVALID_GEOMETRY_ID;
        h.triangle = h.hit ? rh.hit.primID[i] : 0;
        h.t = h.hit ? refine(rays[base + i], h.triangle, rh.ray.tfar[i]) : 0.0;
      }
    }
  }

  [[nodiscard]] const char* name() const override { return "embree"; }

 private:
  /// Embree finds the triangle in single precision; the distance to it is recomputed in double
  /// on the same vertex data (plane of the triangle), so distances match the reference tracer.
  [[nodiscard]] double refine(const Ray& ray, std::uint32_t triangle, float tEmbree) const {
    const auto& tri = triangles_[triangle];
    auto v = [&](std::uint32_t k) { return Vec3{vertices_[k][0], vertices_[k][1], vertices_[k][2]}; };
    const Vec3 a = v(tri[0]), b = v(tri[1]), c = v(tri[2]);
    const Vec3 n = cross(b - a, c - a);
    const double denom = dot(n, ray.direction);
    if (denom == 0.0) return tEmbree;
    return dot(n, a - (ray.origin - origin_)) / denom;
  }

  void fill(RTCRay16& p, int* valid, std::span<const Ray> rays) const {
    for (std::size_t i = 0; i < 16; ++i) {
      valid[i] = i < rays.size() ? -1 : 0;
      const Ray& r = rays[std::min(i, rays.size() - 1)];
      p.org_x[i] = static_cast<float>(r.origin.x - origin_.x);
      p.org_y[i] = static_cast<float>(r.origin.y - origin_.y);
      p.org_z[i] = static_cast<float>(r.origin.z - origin_.z);
      p.dir_x[i] = static_cast<float>(r.direction.x);
      p.dir_y[i] = static_cast<float>(r.direction.y);
      p.dir_z[i] = static_cast<float>(r.direction.z);
      p.tnear[i] = static_cast<float>(r.tNear);
      p.tfar[i] = static_cast<float>(std::min(r.tFar, 3.0e38));
      p.time[i] = 0.0f;
      p.mask[i] = 0xFFFFFFFFu;
      p.id[i] = static_cast<unsigned>(i);
      p.flags[i] = 0;
    }
  }

  Vec3 origin_;
  std::vector<std::array<float, 3>> vertices_;
  std::vector<std::array<std::uint32_t, 3>> triangles_;
  mutable EmbreeDevice device_;
  EmbreeScene scene_;
};

}  // namespace

std::unique_ptr<RayTracer> makeEmbreeTracer(const SceneMesh& mesh) { return std::make_unique<EmbreeTracer>(mesh); }

}  // namespace citynoise::raytrace
