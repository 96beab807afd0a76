#pragma once
// Variants without recomputing everything: a variant's levels from the base run's transfers
// (ReceiverTransfers) and its own emission, with path finding only for the source elements it
// moved or re-aimed and for those whose paths its barriers can reach. The result equals a full
// recomputation of the variant (tests/raytrace/test_variant_engine.cpp).

#include <citynoise/raytrace/map_engine.hpp>

#include <optional>
#include <span>
#include <vector>

namespace citynoise::raytrace {

/// The elements (flat indices) whose geometry, shape, class, directivity or aim differ between
/// the base's and the variant's sources; nullopt when the two have different objects or element
/// counts (then only a full recomputation is right).
std::optional<std::vector<std::uint32_t>> changedElements(const std::vector<SourceObject>& base, const std::vector<SourceObject>& variant);

struct VariantEvaluation {
  std::vector<ReceiverLevels> levels;
  std::size_t receiversRecomputed = 0;  ///< receivers with at least one element's paths found again
  std::size_t elementsRecomputed = 0;   ///< (receiver, element) pairs found again
};

/// The variant's levels at `receivers` (the variant's: a receiver on changed ground has moved
/// with it): `variant` is the engine over the variant's scene (the base's with `edits`) and
/// sources (same layout as the base's, `changed` ascending); `baseTransfers` the base run's, per
/// receiver. Parallel over receivers, deterministic.
VariantEvaluation evaluateVariant(const MapEngine& variant, const std::vector<Receiver>& receivers,
                                  const std::vector<ReceiverTransfers>& baseTransfers, std::span<const std::uint32_t> changed,
                                  const SceneEdits& edits, int threads);

/// Where the variant's scene differs from the base's: walls added or removed and outlines of
/// buildings whose roof altitude differs (they stand on changed ground) as barriers; the convex
/// hull of the ground triangles that one has and the other has not as changed ground.
SceneEdits sceneEdits(const Scene& base, const Scene& variant);

}  // namespace citynoise::raytrace
