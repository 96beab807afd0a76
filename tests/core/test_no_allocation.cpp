// The kernel must not allocate per evaluation once its scratch buffers have grown: count every
// operator new in this executable.
#include <citynoise/core/path.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> gAllocations{0};
}

void* operator new(std::size_t n) {
  ++gAllocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using namespace citynoise;

TEST_CASE("evaluateCondition allocates nothing after warm-up", "[core][propagation][performance]") {
  auto v = [](ProfilePointKind k, Vec3 xyz, double zg, double g) {
    PathVertex p;
    p.kind = k, p.xyz = xyz, p.zGround = zg, p.g = g;
    return p;
  };
  const std::vector<PathVertex> vertices{
      v(ProfilePointKind::Source, {0, 0, 0.05}, 0.0, 0.0), v(ProfilePointKind::GroundChange, {8, 0, 0}, 0.0, 0.7),
      v(ProfilePointKind::BuildingEnter, {20, 0, 18}, 0.5, 0.7), v(ProfilePointKind::BuildingExit, {35, 0, 18}, 0.5, 0.7),
      v(ProfilePointKind::Wall, {50, 0, 6}, 1.0, 0.3), v(ProfilePointKind::BuildingEnter, {70, 0, 24}, 1.0, 0.3),
      v(ProfilePointKind::BuildingExit, {90, 0, 24}, 1.0, 0.3), v(ProfilePointKind::Receiver, {110, 0, 4}, 1.0, 0.3)};
  std::vector<ProfilePoint> points;
  std::vector<BandArray> alphas;
  const PathProfile profile = makeProfile(PathType::Direct, vertices, points, alphas);
  const PropagationSettings settings{absorptionDbPerKm(Atmosphere{})};
  PropagationScratch scratch;
  evaluateCondition(profile, Condition::Homogeneous, settings, scratch);  // warm-up: buffers grow
  evaluateCondition(profile, Condition::Favourable, settings, scratch);
  const long before = gAllocations.load();
  double sink = 0.0;
  for (int k = 0; k < 100; ++k) {
    sink += evaluateCondition(profile, Condition::Homogeneous, settings, scratch).total[3];
    sink += evaluateCondition(profile, Condition::Favourable, settings, scratch).total[3];
  }
  CHECK(gAllocations.load() == before);
  CHECK(sink > 0.0);
}
