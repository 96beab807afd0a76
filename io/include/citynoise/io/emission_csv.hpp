#pragma once

#include <citynoise/core/sources.hpp>

#include <filesystem>
#include <vector>

namespace citynoise::io {

/// emission.csv: one row per source object and period (EU day, evening, night; China day, night;
/// and the night maximum where a source runs at night) with its id, class, kind, the quantity
/// (LW' dB/m for lines, LW'' dB/m² for areas, LW dB for points and whole sites), the 8 bands and
/// the A-weighted total. Written atomically.
void writeEmissionCsv(const std::vector<SourceObject>& sources, const std::filesystem::path& file);

}  // namespace citynoise::io
