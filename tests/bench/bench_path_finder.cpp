// Path finding on a generated city of about 2 000 buildings on 1 km² of terrain:
//  - scene build time (goal < 2 s),
//  - path searches per second for random source–receiver pairs up to 500 m apart
//    (direct + lateral + order-1 reflections),
//  - the ray throughput the path finder achieves in its Embree queries divided by Embree's raw
//    occlusion throughput on the same scene, measured in the same run (goal ≥ 0.5).
#include <citynoise/raytrace/path_finder.hpp>
#include <citynoise/raytrace/synthetic_city.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>

using namespace citynoise;
using namespace citynoise::raytrace;

namespace {

SyntheticCityOptions cityOptions() {
  SyntheticCityOptions o;
  o.size = 1000.0;
  o.buildings = 2000;
  return o;
}

const Scene& city() {
  static const Scene scene = [] {
    std::vector<SceneWarning> w;
    return Scene::build(makeSyntheticCity(cityOptions()), {}, w);
  }();
  return scene;
}

/// Random pairs outside buildings, 0.05 m (road source) and 4 m (receiver) above the ground.
std::vector<std::pair<Vec3, Vec3>> randomPairs(const Scene& s, std::size_t n, std::uint64_t seed) {
  Random rng(seed);
  std::vector<std::pair<Vec3, Vec3>> pairs;
  while (pairs.size() < n) {
    const Vec2 a{rng.uniform(0, 1000), rng.uniform(0, 1000)};
    const double angle = rng.uniform(0, 2 * M_PI), d = rng.uniform(5, 500);
    const Vec2 b{a.x + d * std::cos(angle), a.y + d * std::sin(angle)};
    if (b.x < 0 || b.x > 1000 || b.y < 0 || b.y > 1000) continue;
    if (s.obstacles().buildingAt(a) >= 0 || s.obstacles().buildingAt(b) >= 0) continue;
    pairs.push_back({{a.x, a.y, s.terrain().heightAt(a) + 0.05}, {b.x, b.y, s.terrain().heightAt(b) + 4.0}});
  }
  return pairs;
}

/// The finder's ray throughput (rays / time inside its ray queries) against Embree's raw
/// occlusion throughput on the very same rays, traced afterwards in one large batch.
void reportRayThroughput(benchmark::State& state, const Scene& s, const PathFinderStats& stats) {
  const std::vector<Ray>& rays = *stats.rayLog;
  std::vector<std::uint8_t> blocked(rays.size());
  const auto t0 = std::chrono::steady_clock::now();
  s.buildingTracer().occluded(rays, blocked);
  const double raw = static_cast<double>(rays.size()) /
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double inFinder = static_cast<double>(stats.rays) / stats.rayQuerySeconds;
  state.counters["finder_rays_per_s"] = inFinder;
  state.counters["raw_rays_per_s"] = raw;
  state.counters["ray_throughput_ratio"] = inFinder / raw;
}

}  // namespace

static void BM_SceneBuild2000Buildings(benchmark::State& state) {
  const SceneDescription d = makeSyntheticCity(cityOptions());
  for (auto _ : state) {
    std::vector<SceneWarning> w;
    Scene s = Scene::build(d, {}, w);
    benchmark::DoNotOptimize(s);
  }
  state.counters["buildings"] = static_cast<double>(d.buildings.size());
}
BENCHMARK(BM_SceneBuild2000Buildings)->Unit(benchmark::kMillisecond)->Iterations(3);

static void BM_PathSearch(benchmark::State& state) {
  const Scene& s = city();
  const auto pairs = randomPairs(s, 2000, 11);
  PathFinderOptions o;
  o.reflectionOrder = 1;
  o.maxSourceDistance = 800.0;
  o.maxReflectionDistance = 50.0;
  o.lateralDiffraction = state.range(0) != 0;
  const PathFinder finder(s, o);
  auto scratch = makePathFinderScratch();
  std::vector<Path3> paths;
  PathFinderStats stats;
  std::vector<Ray> log;
  stats.rayLog = &log;
  std::size_t i = 0, pathCount = 0;
  for (auto _ : state) {
    paths.clear();
    finder.find(pairs[i].first, pairs[i].second, paths, *scratch, &stats);
    pathCount += paths.size();
    i = (i + 1) % pairs.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["paths_per_search"] = static_cast<double>(pathCount) / static_cast<double>(state.iterations());
  state.counters["rays_per_search"] = static_cast<double>(stats.rays) / static_cast<double>(state.iterations());

  reportRayThroughput(state, s, stats);
}
BENCHMARK(BM_PathSearch)->Unit(benchmark::kMicrosecond)->ArgName("lateral")->Arg(1)->Arg(0);

/// As the map engine works: one receiver and the point sources around it (256 here; a road
/// network split into points gives hundreds), all legs in one ray batch.
static void BM_PathSearchPerReceiver(benchmark::State& state) {
  const Scene& s = city();
  constexpr std::size_t kSources = 256, kGroups = 16;
  const auto pairs = randomPairs(s, kSources * kGroups, 21);
  PathFinderOptions o;
  o.reflectionOrder = 1;
  o.maxSourceDistance = 800.0;
  o.maxReflectionDistance = 50.0;
  o.lateralDiffraction = state.range(0) != 0;
  const PathFinder finder(s, o);
  auto scratch = makePathFinderScratch();
  std::vector<std::vector<Path3>> paths;
  std::vector<Vec3> sources(kSources);
  PathFinderStats stats;
  std::vector<Ray> log;
  stats.rayLog = &log;
  std::size_t group = 0, searches = 0;
  for (auto _ : state) {
    // The receiver of the group's first pair and the sources of all its pairs.
    const Vec3 receiver = pairs[group * kSources].second;
    for (std::size_t k = 0; k < kSources; ++k) sources[k] = pairs[group * kSources + k].first;
    finder.findMany(sources, receiver, paths, *scratch, &stats);
    searches += sources.size();
    group = (group + 1) % kGroups;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(searches));
  reportRayThroughput(state, s, stats);
}
BENCHMARK(BM_PathSearchPerReceiver)->Unit(benchmark::kMillisecond)->ArgName("lateral")->Arg(1)->Arg(0);

BENCHMARK_MAIN();
