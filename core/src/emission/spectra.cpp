#include <citynoise/core/emission/spectra.hpp>

#include <citynoise/core/decibel.hpp>

#include <array>

namespace citynoise::emission {
namespace {

struct ShapeEntry {
  SpectrumShape shape;
  const char* name;
  BandArray relative;  // 63 … 8000 Hz, dB
};

// Engineering estimates [E] of typical octave-band distributions (63 Hz … 8 kHz), in the spirit
// of the plant spectra of BS 5228-1 Annex C and of music and speech spectra; see README.
constexpr std::array<ShapeEntry, 9> kShapes{{
    {SpectrumShape::Flat, "flat", {0, 0, 0, 0, 0, 0, 0, 0}},
    {SpectrumShape::Engine, "engine", {0, 2, 0, -2, -5, -8, -13, -20}},
    {SpectrumShape::Impact, "impact", {-8, -5, -2, 0, 0, -2, -5, -10}},
    {SpectrumShape::Piling, "piling", {-2, 0, 0, -2, -4, -7, -11, -17}},
    {SpectrumShape::Vibratory, "vibratory", {0, 0, -2, -5, -8, -12, -17, -24}},
    {SpectrumShape::Cutting, "cutting", {-15, -12, -8, -4, -1, 0, -1, -5}},
    {SpectrumShape::Music, "music", {0, 0, -2, -4, -6, -8, -11, -16}},
    {SpectrumShape::Speech, "speech", {-20, -12, -5, 0, -1, -4, -9, -15}},
    {SpectrumShape::Fan, "fan", {-3, 0, -1, -3, -6, -10, -15, -21}},
}};

}  // namespace

std::optional<SpectrumShape> parseSpectrumShape(const std::string& name) {
  for (const ShapeEntry& e : kShapes)
    if (name == e.name) return e.shape;
  return std::nullopt;
}

const char* toString(SpectrumShape s) { return kShapes[static_cast<std::size_t>(s)].name; }

BandArray shapeOf(SpectrumShape s) { return kShapes[static_cast<std::size_t>(s)].relative; }

BandArray spectrumForLwA(SpectrumShape s, double lwa) {
  const BandArray rel = shapeOf(s);
  return rel + (lwa - totalLevel(aWeighted(rel)));
}

}  // namespace citynoise::emission
