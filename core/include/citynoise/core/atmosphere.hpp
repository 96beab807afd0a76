#pragma once
// Atmospheric absorption, ISO 9613-1:1993 §6 (eq. 3–5 for the relaxation frequencies and the
// attenuation coefficient, Annex B for the molar concentration of water vapour).

#include <citynoise/core/bands.hpp>

namespace citynoise {

struct Atmosphere {
  double temperatureC = 15.0;
  double relativeHumidityPct = 70.0;
  double pressurePa = 101325.0;
};

/// Pure-tone attenuation coefficient α in dB/km at frequency `frequencyHz` (ISO 9613-1 eq. 5).
double absorptionDbPerKm(double frequencyHz, const Atmosphere& air);

/// α in dB/km for the 8 bands, evaluated at the exact mid-band frequencies (the convention of
/// ISO 9613-1 Table 1 and of ISO/TR 17534-4).
BandArray absorptionDbPerKm(const Atmosphere& air);

/// A_atm = α·d/1000 (Directive 2015/996 Annex II eq. 2.5.13), d in metres.
inline BandArray atmosphericAttenuation(const BandArray& alphaDbPerKm, double distanceM) {
  BandArray out{};
  for (std::size_t i = 0; i < kBandCount; ++i) out[i] = alphaDbPerKm[i] * distanceM / 1000.0;
  return out;
}

}  // namespace citynoise
