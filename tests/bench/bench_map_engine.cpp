// The map engine's scaling: a generated city (2 000 buildings on 1 km² of hilly terrain, a street
// grid every 100 m carrying road traffic, barriers), façade receivers and a grid, computed
//  - on 1, 2, 4, … threads: receivers per second, speed-up, parallel efficiency, and whether every
//    thread count gave the same bits (it must);
//  - on a quarter, a half and all of the receivers at the largest thread count: the time must
//    grow no worse than linearly with the number of receivers.
// Needs no GIS library, so it runs anywhere the engine does (a many-core machine included).
//
//   bench_map_engine [--threads 1,2,4,8,16] [--every-nth-floor 3] [--grid 20] [--lateral]
#include <citynoise/raytrace/map_engine.hpp>
#include <citynoise/raytrace/receivers.hpp>
#include <citynoise/raytrace/synthetic_city.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <thread>
#include <vector>

using namespace citynoise;
using namespace citynoise::raytrace;

namespace {

struct Options {
  std::vector<int> threads;
  int everyNthFloor = 3;
  double grid = 20.0;
  bool lateral = false;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const char* next = i + 1 < argc ? argv[i + 1] : "";
    if (a == "--threads") {
      std::string list = next;
      ++i;
      for (std::size_t p = 0; p < list.size();) {
        const std::size_t q = list.find(',', p);
        o.threads.push_back(std::stoi(list.substr(p, q - p)));
        p = q == std::string::npos ? list.size() : q + 1;
      }
    } else if (a == "--every-nth-floor") {
      o.everyNthFloor = std::stoi(next), ++i;
    } else if (a == "--grid") {
      o.grid = std::stod(next), ++i;
    } else if (a == "--lateral") {
      o.lateral = true;
    } else {
      std::fprintf(stderr, "usage: bench_map_engine [--threads 1,2,4] [--every-nth-floor N] [--grid SPACING] [--lateral]\n");
      std::exit(2);
    }
  }
  if (o.threads.empty()) {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (int t = 1; t < cores; t *= 2) o.threads.push_back(t);
    o.threads.push_back(cores);
  }
  return o;
}

/// Roads on every street axis (x and y = 0, 100, …, 1000): 1 200 veh/h-like line sources,
/// busier in the day than at night.
std::vector<SourceObject> streetTraffic() {
  std::vector<SourceObject> roads;
  for (int k = 0; k <= 10; ++k)
    for (int axis = 0; axis < 2; ++axis) {
      SourceObject road;
      road.id = std::string(axis ? "street-y" : "street-x").append(std::to_string(k));
      const double c = 100.0 * k;
      HourlySpectra power;
      for (std::size_t h = 0; h < kHoursPerDay; ++h) {
        const double night = h < 6 || h >= 22 ? -8.0 : 0.0;
        power[h] = BandArray{78, 80, 82, 85, 88, 85, 80, 72} + night;
      }
      const std::vector<Vec3> line = axis ? std::vector<Vec3>{{0, c, 0.05}, {1000, c, 0.05}} : std::vector<Vec3>{{c, 0, 0.05}, {c, 1000, 0.05}};
      road.elements.push_back({SourceShape::Line, line, power});
      roads.push_back(road);
    }
  return roads;
}

/// Order-independent digest of the results, to compare thread counts bit for bit.
std::uint64_t digest(const std::vector<ReceiverLevels>& levels) {
  std::uint64_t h = 1469598103934665603ull;
  for (const ReceiverLevels& l : levels)
    for (const auto& c : l.levels)
      for (float v : c) {
        std::uint32_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        h = (h ^ bits) * 1099511628211ull;
      }
  return h;
}

double seconds(const std::function<void()>& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  SyntheticCityOptions city;
  city.size = 1000.0;
  city.buildings = 2000;
  const SceneDescription d = makeSyntheticCity(city);
  std::vector<SceneWarning> warnings;
  const auto t0 = std::chrono::steady_clock::now();
  const Scene scene = Scene::build(d, {}, warnings);
  const double build = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ReceiverSpec spec;
  spec.facades.enabled = true;
  spec.facades.spacing = 5.0;
  spec.facades.everyNthFloor = o.everyNthFloor;
  spec.facades.includeOwnFacade = true;
  spec.facades.distance = 1.0;
  spec.grids.push_back({{4.0}, o.grid, Box2{{0, 0}, {1000, 1000}}});
  const ReceiverSet set = makeReceivers(scene, d, spec, Box2{{0, 0}, {1000, 1000}});
  EngineSettings settings;
  settings.paths.reflectionOrder = 1;
  settings.paths.maxSourceDistance = 800.0;
  settings.paths.maxReflectionDistance = 50.0;
  settings.paths.lateralDiffraction = o.lateral;
  settings.favourable.fill(0.5);
  const MapEngine engine(scene, streetTraffic(), settings);
  std::printf("city: %zu buildings, scene built in %.2f s; %zu receivers; lateral diffraction %s; %u hardware threads\n",
              scene.obstacles().buildings().size(), build, set.receivers.size(), o.lateral ? "on" : "off",
              std::thread::hardware_concurrency());

  std::printf("\n%8s %10s %12s %9s %11s %14s %s\n", "threads", "wall_s", "receivers/s", "speed-up", "efficiency", "ms/rec/thread", "same bits");
  double base = 0.0;
  std::uint64_t reference = 0;
  bool allSame = true;
  for (int t : o.threads) {
    std::vector<ReceiverLevels> levels;
    const double s = seconds([&] { levels = engine.computeAll(set.receivers, t); });
    const std::uint64_t h = digest(levels);
    if (base == 0.0) base = s, reference = h;
    allSame = allSame && h == reference;
    std::printf("%8d %10.2f %12.0f %9.2f %11.2f %14.2f %s\n", t, s, static_cast<double>(set.receivers.size()) / s, base / s,
                base / s / t * o.threads.front(), 1000.0 * s * t / static_cast<double>(set.receivers.size()), h == reference ? "yes" : "NO");
  }

  const int most = o.threads.back();
  std::printf("\n%10s %10s %14s %s\n", "receivers", "wall_s", "ms/rec/thread", "(time against the number of receivers)");
  for (double share : {0.25, 0.5, 1.0}) {
    // Every k-th receiver: the same mix of façades and grid, spread over the city.
    std::vector<Receiver> subset;
    const std::size_t step = static_cast<std::size_t>(1.0 / share + 0.5);
    for (std::size_t k = 0; k < set.receivers.size(); k += step) subset.push_back(set.receivers[k]);
    const double s = seconds([&] { (void)engine.computeAll(subset, most); });
    std::printf("%10zu %10.2f %14.2f\n", subset.size(), s, 1000.0 * s * most / static_cast<double>(subset.size()));
  }
  return allSame ? 0 : 1;
}
