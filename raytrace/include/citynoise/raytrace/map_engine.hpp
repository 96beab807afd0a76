#pragma once
// The map engine: levels at many receivers from every source, in parallel over receiver tiles
// (TBB), each task owning its output, sums in a fixed order: the same numbers on any thread count.
//
// Per receiver: the source elements within reach are split into point sources for that receiver
// (core/source_split.hpp); the path finder finds every path to each; the kernel attenuates each
// path in both conditions. Propagation does not depend on emission, so the engine first sums,
// per source element, the transfer factors of its paths (per band and per distinct
// favourable-condition probability) — the receiver's ReceiverTransfers — and only then
// multiplies by each hour's power and reduces to the assessment periods. Variants that change
// emission only re-use the transfers; variants that add barriers recompute only the elements
// whose paths the barriers can reach (elementsReachedBy).

#include <citynoise/core/atmosphere.hpp>
#include <citynoise/core/results.hpp>
#include <citynoise/core/source_split.hpp>
#include <citynoise/core/sources.hpp>
#include <citynoise/raytrace/path_finder.hpp>
#include <citynoise/raytrace/variant_reach.hpp>

#include <array>
#include <functional>
#include <memory>
#include <span>
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

/// What one receiver hears from each source element, whatever the element emits: for every
/// element with a path, the sum over its point pieces and paths of piece size × directivity ×
/// [p·10^(−A_F/10) + (1 − p)·10^(−A_H/10)] per band, for each distinct probability p of the
/// settings (eq. 2.5.11 before the power is applied), and the longest detour of its paths.
struct ReceiverTransfers {
  std::vector<std::uint32_t> elements;  ///< flat element indices (objects' elements in order), ascending
  std::vector<float> detour;            ///< per element: max over its paths of plan length − |SR| (m)
  std::vector<float> transfer;          ///< elements × probabilities × bands
};

class MapEngine {
 public:
  MapEngine(const Scene& scene, std::vector<SourceObject> sources, EngineSettings settings);
  ~MapEngine();
  MapEngine(MapEngine&&) noexcept;

  /// Levels at one receiver; with `report`, every path is recorded too; with `transfers`, the
  /// receiver's transfers are kept.
  ReceiverLevels compute(const Receiver& receiver, std::vector<PathReport>* report = nullptr,
                         ReceiverTransfers* transfers = nullptr) const;

  /// Every receiver, `threads` (0 = all cores) TBB workers over tiles of receivers; `progress`
  /// is called with the number done (from any thread, serialised). With `transfers`, each
  /// receiver's transfers are kept (for variants).
  std::vector<ReceiverLevels> computeAll(const std::vector<Receiver>& receivers, int threads,
                                         const std::function<void(std::size_t done)>& progress = {},
                                         std::vector<ReceiverTransfers>* transfers = nullptr) const;

  /// Levels from transfers computed by an engine with the same elements (this engine's powers):
  /// exactly what compute() gives when the geometry is the same.
  [[nodiscard]] ReceiverLevels levelsFrom(const ReceiverTransfers& transfers) const;

  /// Finds the paths again for the elements `which` (ascending) only, in this engine's scene,
  /// and puts their transfers into `transfers` (replacing, adding or removing records).
  void recomputeElements(const Receiver& receiver, std::span<const std::uint32_t> which, ReceiverTransfers& transfers) const;

  /// The elements within reach of `receiver` whose paths the edits could change (ascending): a
  /// barrier within the reflection distance
  /// of the receiver or of one of the element's pieces (new reflections), or either crossing the
  /// ellipse with foci at a piece and the receiver that holds every path of the element
  /// (|XS| + |XR| ≤ |SR| + detour): paths, their vertical cuts and lateral hulls lie inside it,
  /// so nothing outside can change them. Ground that holds a focus changes it (the source's or
  /// the receiver's height over the ground).
  [[nodiscard]] std::vector<std::uint32_t> elementsReachedBy(const Receiver& receiver, const ReceiverTransfers& transfers,
                                                             const SceneEdits& edits) const;

  /// The elements within reach of `receiver` (ascending).
  [[nodiscard]] std::vector<std::uint32_t> elementsNear(const Receiver& receiver) const;

  [[nodiscard]] const std::vector<SourceObject>& sources() const;
  [[nodiscard]] const EngineSettings& settings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynoise::raytrace
