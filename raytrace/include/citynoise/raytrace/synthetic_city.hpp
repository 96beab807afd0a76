#pragma once
// A generated city for tests and benchmarks: DEM terrain with hills, blocks of buildings between
// streets, parks and a few barriers. Deterministic for a given seed, on any platform.

#include <citynoise/core/scene_description.hpp>

#include <cstdint>

namespace citynoise::raytrace {

struct SyntheticCityOptions {
  std::uint64_t seed = 1;
  double size = 1000.0;         ///< side of the square district, m
  int buildings = 2000;         ///< about this many (fewer if the blocks are full)
  double relief = 40.0;         ///< terrain amplitude, m
  double demCell = 10.0;        ///< DEM resolution, m
  int walls = 20;               ///< noise barriers along streets
  double streetSpacing = 100.0; ///< distance between street axes, m
};

SceneDescription makeSyntheticCity(const SyntheticCityOptions& options);

/// Small deterministic generator (SplitMix64), the same sequence everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

}  // namespace citynoise::raytrace
