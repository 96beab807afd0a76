#pragma once
// The colours of noise maps: classes of a level (5 dB wide in the shipped palette), of a
// difference between two runs and of an exceedance over a zone limit. The classes themselves are
// data (share/citynoise/palettes.json, read by io::mapPalette()), so a bureau can restyle its maps
// without a rebuild; this is the vocabulary and the class lookup every output uses (glTF, the
// viewer, its legend and its tests).

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
inline constexpr std::size_t kMapScaleCount = 3;

/// The file name of a scale ("level", "difference", "exceedance").
const char* scaleName(MapScale scale);

/// The classes of every scale, lowest first; they tile the real line (from −∞ to +∞, each class
/// starting where the one before ends).
struct MapPalette {
  std::array<std::vector<ColourClass>, kMapScaleCount> scales;

  [[nodiscard]] const std::vector<ColourClass>& classes(MapScale scale) const {
    return scales[static_cast<std::size_t>(scale)];
  }
  /// The class index of a value (NaN: −1).
  [[nodiscard]] int classOf(MapScale scale, double value) const;
  /// The colour of a value; NaN gets `nanColour`.
  [[nodiscard]] Rgb colour(MapScale scale, double value, Rgb nanColour = {128, 128, 128}) const;
};

/// Why the classes of one scale do not tile the real line in order (empty when they do).
std::string paletteProblem(const std::vector<ColourClass>& classes);

}  // namespace citynoise
