#pragma once
// The shared spectral vocabulary: 8 octave bands, 63 Hz – 8 kHz (CNOSSOS-EU, Directive (EU)
// 2015/996 Annex II §2.1.2: road, industry and propagation are computed in these bands).

#include <array>
#include <cstddef>

namespace citynoise {

inline constexpr std::size_t kBandCount = 8;

/// One value per octave band, index 0 = 63 Hz … index 7 = 8 kHz.
using BandArray = std::array<double, kBandCount>;

/// Nominal octave-band centres. CNOSSOS-EU uses them for the ground term (k = 2πf/c, w) and for
/// the wavelength in diffraction (λ = c/f); ISO/TR 17534-4 agrees only with these.
inline constexpr BandArray kNominalFrequencies{63, 125, 250, 500, 1000, 2000, 4000, 8000};

/// Exact base-10 mid-band frequencies 1000·10^(3k/10), k = −4…3 (IEC 61260-1), used for
/// atmospheric absorption (ISO 9613-1 tabulates α at these).
inline constexpr BandArray kExactFrequencies{63.0957344480193, 125.892541179417,
                                             251.188643150958, 501.187233627273,
                                             1000.0,           1995.26231496888,
                                             3981.07170553497, 7943.28234724281};

/// Speed of sound used by CNOSSOS-EU for k and λ. ISO/TR 17534-4 reproduces only with
/// 340 m/s (a temperature-dependent c moves TC02 at 1 kHz by 0.07 dB; see methods.md A.0).
inline constexpr double kSoundSpeed = 340.0;

/// A-weighting per octave band (Directive 2021/1226 point (8)(b), IEC 61672-1 values).
inline constexpr BandArray kAWeighting{-26.2, -16.1, -8.6, -3.2, 0.0, 1.2, 1.0, -1.1};

/// Wavelength per band, λ = c / f_nominal.
inline constexpr BandArray wavelengths() {
  BandArray out{};
  for (std::size_t i = 0; i < kBandCount; ++i) out[i] = kSoundSpeed / kNominalFrequencies[i];
  return out;
}
inline constexpr BandArray kWavelengths = wavelengths();

inline constexpr BandArray filled(double v) {
  BandArray out{};
  out.fill(v);
  return out;
}

inline BandArray operator+(BandArray a, const BandArray& b) {
  for (std::size_t i = 0; i < kBandCount; ++i) a[i] += b[i];
  return a;
}
inline BandArray operator-(BandArray a, const BandArray& b) {
  for (std::size_t i = 0; i < kBandCount; ++i) a[i] -= b[i];
  return a;
}
inline BandArray operator+(BandArray a, double v) {
  for (double& x : a) x += v;
  return a;
}
inline BandArray operator-(BandArray a, double v) {
  for (double& x : a) x -= v;
  return a;
}

}  // namespace citynoise

namespace citynoise {
/// Absorption coefficient of a façade or screen without a given value: NoiseModelling's default
/// (a flow resistivity of 20 000 kPa·s/m², see methods.md A.4 "Reflections"), the value the
/// ISO/TR 17534-4 case files carry for such walls (e.g. TC08.json, TC10.json).
inline constexpr BandArray kDefaultWallAbsorption{0.004918209037966988, 0.008088162780793065,
                                                  0.013267721240171722, 0.02168493917994337,
                                                  0.03525564533465828,  0.056883929412881944,
                                                  0.09077715686040604,  0.14258583864393162};
}  // namespace citynoise
