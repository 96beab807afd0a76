#include <citynoise/core/atmosphere.hpp>

#include <cmath>

namespace citynoise {
namespace {
constexpr double kReferencePressurePa = 101325.0;  // p_r
constexpr double kReferenceTemperatureK = 293.15;  // T_0
constexpr double kTriplePointK = 273.16;           // T_01
}  // namespace

double absorptionDbPerKm(double frequencyHz, const Atmosphere& air) {
  const double t = air.temperatureC + 273.15;
  const double pRel = air.pressurePa / kReferencePressurePa;
  const double tRel = t / kReferenceTemperatureK;
  // Molar concentration of water vapour h in % (ISO 9613-1 Annex B, eq. B.1–B.3).
  const double c = -6.8346 * std::pow(kTriplePointK / t, 1.261) + 4.6151;
  const double h = air.relativeHumidityPct * std::pow(10.0, c) / pRel;
  // Relaxation frequencies of oxygen and nitrogen (eq. 3 and 4).
  const double frO = pRel * (24.0 + 4.04e4 * h * (0.02 + h) / (0.391 + h));
  const double frN =
      pRel / std::sqrt(tRel) * (9.0 + 280.0 * h * std::exp(-4.170 * (std::pow(tRel, -1.0 / 3.0) - 1.0)));
  const double f2 = frequencyHz * frequencyHz;
  // Eq. 5, α in dB/m.
  const double alpha =
      8.686 * f2 *
      (1.84e-11 / pRel * std::sqrt(tRel) +
       std::pow(tRel, -2.5) * (0.01275 * std::exp(-2239.1 / t) / (frO + f2 / frO) +
                               0.1068 * std::exp(-3352.0 / t) / (frN + f2 / frN)));
  return alpha * 1000.0;
}

BandArray absorptionDbPerKm(const Atmosphere& air) {
  BandArray out{};
  for (std::size_t i = 0; i < kBandCount; ++i) out[i] = absorptionDbPerKm(kExactFrequencies[i], air);
  return out;
}

}  // namespace citynoise
