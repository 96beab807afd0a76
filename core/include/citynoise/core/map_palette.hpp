#pragma once
// The colours of noise maps: 5 dB classes of a level (greens quiet, yellow–orange around
// 55–65 dB, reds and purples above 70, violet at 80 and more, in the spirit of DIN 45682 and
// ISO 1996-2 maps), 1 dB classes of a difference (blue quieter, white unchanged, red louder) and
// classes of exceedance over a zone limit. One table for every output that colours by level
// (glTF, the viewer, its legend and its tests).

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace citynoise {

using Rgb = std::array<std::uint8_t, 3>;


struct ColourClass {
  double from, to;    ///< [from, to); ±infinity at the ends
  Rgb colour;
  std::string label;  ///< "55–60", "< 45", "≥ 80"
};

enum class MapScale : std::uint8_t { Level, Difference, Exceedance };

/// The classes of a scale, lowest first.
const std::vector<ColourClass>& mapClasses(MapScale scale);

/// The class index of a value (NaN: −1).
int mapClassOf(MapScale scale, double value);

/// The colour of a value; NaN gets `nanColour`.
Rgb mapColour(MapScale scale, double value, Rgb nanColour = {128, 128, 128});

}  // namespace citynoise
