#pragma once
// The map engine: levels at many receivers from every source, in parallel over receiver tiles
// (TBB), each task owning its output, sums in a fixed order: the same numbers on any thread count.
//
// Per receiver: the source elements within reach are split into point sources for that receiver
// (core/source_split.hpp); the path finder finds every path to each; the kernel attenuates each
// path in both conditions; energies are summed per source class and per hour with the hour's
// favourable-condition probability, then reduced to the assessment periods.

#include <citynoise/core/atmosphere.hpp>
#include <citynoise/core/results.hpp>
#include <citynoise/core/source_split.hpp>
#include <citynoise/core/sources.hpp>
#include <citynoise/raytrace/path_finder.hpp>

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace citynoise::raytrace {

struct EngineSettings {
  PathFinderOptions paths;
  SplitRule split;
  Atmosphere air;
  HourlyValues favourable{};  ///< p per hour
};

/// One path of one point source at one receiver, for --only-receiver.
struct PathReport {
  std::string source;
  SourceClass sourceClass = SourceClass::Road;
  Path3 path;
  BandArray attenuationH{}, attenuationF{};
  double contributionDayA = 0.0;  ///< its A-weighted energy-mean level over the EU day, dB
};

class MapEngine {
 public:
  MapEngine(const Scene& scene, std::vector<SourceObject> sources, EngineSettings settings);
  ~MapEngine();
  MapEngine(MapEngine&&) noexcept;

  /// Levels at one receiver; with `report`, every path is recorded too.
  ReceiverLevels compute(const Receiver& receiver, std::vector<PathReport>* report = nullptr) const;

  /// Every receiver, `threads` (0 = all cores) TBB workers over tiles of receivers; `progress`
  /// is called with the number done (from any thread, serialised).
  std::vector<ReceiverLevels> computeAll(const std::vector<Receiver>& receivers, int threads,
                                         const std::function<void(std::size_t done)>& progress = {}) const;

  [[nodiscard]] const std::vector<SourceObject>& sources() const;
  [[nodiscard]] const EngineSettings& settings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynoise::raytrace
