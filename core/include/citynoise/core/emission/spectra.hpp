#pragma once
// Spectral shapes for sources known by their A-weighted sound power only (construction plant,
// loudspeakers, commercial sources): the octave-band distribution of LW is an engineering
// estimate [E] per shape, scaled so the A-weighted total equals the given LwA. Every value can be
// replaced by a measured spectrum in the scenario.

#include <citynoise/core/bands.hpp>

#include <optional>
#include <string>

namespace citynoise::emission {

enum class SpectrumShape : std::uint8_t {
  Flat,       ///< equal LW in every band
  Engine,     ///< diesel plant: excavators, loaders, cranes, trucks, pumps, generators
  Impact,     ///< breakers, hammers
  Piling,     ///< impact piling
  Vibratory,  ///< vibratory piling, rollers, poker vibrators
  Cutting,    ///< saws, grinders
  Music,      ///< amplified music, strong 63–250 Hz (square dance)
  Speech,     ///< voices, crowds, promotion speech
  Fan,        ///< air conditioners, fans, chillers
};

/// Parses "engine", "impact", …; nullopt if unknown.
std::optional<SpectrumShape> parseSpectrumShape(const std::string& name);
const char* toString(SpectrumShape s);

/// Relative unweighted band levels of the shape (dB, maximum 0).
BandArray shapeOf(SpectrumShape s);

/// LW per band with the shape's distribution and the A-weighted total `lwa`.
BandArray spectrumForLwA(SpectrumShape s, double lwa);

}  // namespace citynoise::emission
