// Profile evaluations per second: one evaluation = one path in both conditions (H and F),
// 8 bands, all terms. Goals (issue "Foundation"): ≥ 1 M/s flat, ≥ 300 k/s three edges, per core.
#include <citynoise/core/path.hpp>

#include <benchmark/benchmark.h>

using namespace citynoise;

namespace {

PathVertex v(ProfilePointKind k, Vec3 xyz, double zGround, double g) {
  PathVertex p;
  p.kind = k, p.xyz = xyz, p.zGround = zGround, p.g = g;
  return p;
}

std::vector<PathVertex> flatProfile() {
  return {v(ProfilePointKind::Source, {0, 0, 0.05}, 0, 0.0), v(ProfilePointKind::GroundChange, {12, 0, 0}, 0, 0.6),
          v(ProfilePointKind::GroundChange, {140, 0, 0}, 0, 0.0), v(ProfilePointKind::Receiver, {200, 0, 4}, 0, 0.0)};
}

std::vector<PathVertex> oneScreenProfile() {
  return {v(ProfilePointKind::Source, {0, 0, 0.05}, 0, 0.0), v(ProfilePointKind::GroundChange, {6, 0, 0}, 0, 0.5),
          v(ProfilePointKind::Wall, {8, 0, 4}, 0, 0.5), v(ProfilePointKind::GroundChange, {20, 0, 0}, 0, 0.0),
          v(ProfilePointKind::Receiver, {60, 0, 4}, 0, 0.0)};
}

/// Source in a street, two rows of buildings and a garden wall before a receiver on a slope.
std::vector<PathVertex> threeEdgeUrbanProfile() {
  return {v(ProfilePointKind::Source, {0, 0, 0.05}, 0, 0.0),
          v(ProfilePointKind::BuildingEnter, {10, 0, 21}, 0.5, 0.0),
          v(ProfilePointKind::BuildingExit, {24, 0, 21}, 1.0, 0.7),
          v(ProfilePointKind::Terrain, {40, 0, 2}, 2.0, 0.7),
          v(ProfilePointKind::BuildingEnter, {55, 0, 30}, 3.0, 0.7),
          v(ProfilePointKind::BuildingExit, {70, 0, 30}, 3.5, 0.3),
          v(ProfilePointKind::Wall, {85, 0, 8}, 4.0, 0.3),
          v(ProfilePointKind::Receiver, {95, 0, 6.5}, 4.5, 0.3)};
}

void evaluate(benchmark::State& state, const std::vector<PathVertex>& vertices) {
  std::vector<ProfilePoint> points;
  std::vector<BandArray> alphas;
  const PathProfile profile = makeProfile(PathType::Direct, vertices, points, alphas);
  const PropagationSettings settings{absorptionDbPerKm(Atmosphere{})};
  PropagationScratch scratch;
  for (auto _ : state) {
    ConditionResult h = evaluateCondition(profile, Condition::Homogeneous, settings, scratch);
    ConditionResult f = evaluateCondition(profile, Condition::Favourable, settings, scratch);
    benchmark::DoNotOptimize(h);
    benchmark::DoNotOptimize(f);
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

static void BM_ProfileFlat(benchmark::State& s) { evaluate(s, flatProfile()); }
static void BM_ProfileOneScreen(benchmark::State& s) { evaluate(s, oneScreenProfile()); }
static void BM_ProfileThreeEdgeUrban(benchmark::State& s) { evaluate(s, threeEdgeUrbanProfile()); }
BENCHMARK(BM_ProfileFlat);
BENCHMARK(BM_ProfileOneScreen);
BENCHMARK(BM_ProfileThreeEdgeUrban);

BENCHMARK_MAIN();
