#pragma once
// Putting a variant's recomputed transfers into the base's (internal to the map engine).

#include <citynoise/raytrace/map_engine.hpp>

#include <span>

namespace citynoise::raytrace {

/// The records of `kept` whose element is not in `recomputed` (ascending), and every record of
/// `fresh`, by ascending element: an element recomputed without a path any more drops out, one
/// that gained a path comes in. `slot` = floats per record (probabilities × bands).
ReceiverTransfers mergeTransfers(const ReceiverTransfers& kept, const ReceiverTransfers& fresh,
                                 std::span<const std::uint32_t> recomputed, std::size_t slot);

}  // namespace citynoise::raytrace
