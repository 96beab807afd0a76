#include <citynoise/core/emission/rail.hpp>

#include <citynoise/core/decibel.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace citynoise::emission {
namespace {

template <class M>
const typename M::mapped_type& entry(const M& m, const std::string& id, const char* table) {
  const auto it = m.find(id);
  if (it == m.end()) throw std::invalid_argument(std::string("unknown ") + table + " \"" + id + "\"");
  return it->second;
}

/// Exact one-third-octave centre frequencies 10^((17 + i)/10), i = 0 … 23 (50 Hz … 10 kHz).
double thirdOctaveCentre(std::size_t i) { return std::pow(10.0, (17.0 + static_cast<double>(i)) / 10.0); }
/// Wavelengths of the roughness spectra, 10^((33 − i)/10) mm (2000 mm … 0.8 mm).
double wavelengthMm(std::size_t i) { return std::pow(10.0, (33.0 - static_cast<double>(i)) / 10.0); }

/// Total effective roughness L_r,TOT(λ) = 10 lg(Σ 10^(L_r/10)) + A₃(λ) (eq. 2.3.3 and the contact
/// filter), converted to frequency by f = v/λ: the energies are interpolated linearly in lg f.
ThirdOctaveArray roughnessSpectrum(const RailTables& t, const RailVehicleType& v, const RailTrack& track, double speedKmh) {
  const WavelengthArray& wheel = entry(t.wheelRoughness, v.roughness, "wheel roughness");
  const WavelengthArray& rail = entry(t.railRoughness, track.railRoughness, "rail roughness");
  const WavelengthArray& contact = entry(t.contactFilter, v.contact, "contact filter");
  const WavelengthArray* impact = track.impact.empty() ? nullptr : &entry(t.impactRoughness, track.impact, "impact noise");
  std::array<double, kWavelengths> lgf{}, energy{};
  const double speed = speedKmh / 3.6;
  for (std::size_t i = 0; i < kWavelengths; ++i) {
    double e = dbToEnergy(wheel[i]) + dbToEnergy(rail[i]) + (impact ? dbToEnergy((*impact)[i]) : 0.0);
    energy[i] = dbToEnergy(energyToDb(e) + contact[i]);
    lgf[i] = std::log10(speed / (wavelengthMm(i) / 1000.0));  // increasing with i
  }
  ThirdOctaveArray out{};
  for (std::size_t k = 0; k < kThirdOctaves; ++k) {
    const double q = std::log10(thirdOctaveCentre(k));
    double e;
    if (q <= lgf.front()) e = energy.front();
    else if (q >= lgf.back()) e = energy.back();
    else {
      std::size_t j = 0;
      while (lgf[j + 1] < q) ++j;
      e = energy[j] + (q - lgf[j]) / (lgf[j + 1] - lgf[j]) * (energy[j + 1] - energy[j]);
    }
    out[k] = energyToDb(e);
  }
  return out;
}

ThirdOctaveArray silence() {
  ThirdOctaveArray a;
  a.fill(kSilenceDb);
  return a;
}

}  // namespace

BandArray foldToOctaves(const ThirdOctaveArray& thirds) {
  BandArray out{};
  for (std::size_t o = 0; o < kBandCount; ++o)
    out[o] = energyToDb(dbToEnergy(thirds[3 * o]) + dbToEnergy(thirds[3 * o + 1]) + dbToEnergy(thirds[3 * o + 2]));
  return out;
}

const char* toString(RailSource s) {
  static const char* names[] = {"rolling", "traction_a", "traction_b", "aerodynamic_a", "aerodynamic_b", "bridge"};
  return names[static_cast<std::size_t>(s)];
}

double sourceHeight(RailSource s) {
  return (s == RailSource::TractionB || s == RailSource::AerodynamicB) ? 4.0 : 0.5;
}

std::array<ThirdOctaveArray, kRailSources> railVehicleSources(const RailTables& t, const RailVehicleType& v,
                                                              const RailTrack& track, double speedKmh,
                                                              RunningCondition condition) {
  std::array<ThirdOctaveArray, kRailSources> out;
  out.fill(silence());
  const ThirdOctaveArray rough = roughnessSpectrum(t, v, track, speedKmh);
  const ThirdOctaveArray& trackH = entry(t.trackTransfer, track.trackTransfer, "track transfer");
  const ThirdOctaveArray& vehicleH = entry(t.vehicleTransfer, v.transfer, "vehicle transfer");
  const ThirdOctaveArray* superH = track.superstructure.empty() ? nullptr : &entry(t.superstructureTransfer, track.superstructure, "superstructure transfer");
  const double axles = 10.0 * std::log10(v.axlesPerVehicle);
  // Curve squeal (§2.3.2): +5 dB for 500 m > R ≥ 300 m, +8 dB below 300 m.
  const double squeal = track.curvature == 1 ? 5.0 : track.curvature >= 2 ? 8.0 : 0.0;
  const RailTables::Bridge* bridge = track.bridge.empty() ? nullptr : &entry(t.bridges, track.bridge, "bridge");
  const double bridgeConstant = bridge && bridge->constant ? *bridge->constant : 0.0;
  for (std::size_t i = 0; i < kThirdOctaves; ++i) {
    // Rolling noise radiated by track, vehicle and superstructure (eq. 2.3.5–2.3.7).
    double e = dbToEnergy(rough[i] + trackH[i]) + dbToEnergy(rough[i] + vehicleH[i]);
    if (superH) e += dbToEnergy(rough[i] + (*superH)[i]);
    out[0][i] = energyToDb(e) + axles + squeal + bridgeConstant;
    if (bridge && bridge->transfer) out[5][i] = rough[i] + (*bridge->transfer)[i] + axles;
  }
  const auto& tractionTable = t.traction[static_cast<std::size_t>(condition)];
  const RailTables::Traction& tr = entry(tractionTable, v.traction, "traction");
  out[1] = tr.a;
  out[2] = tr.b;
  // Aerodynamic noise only above 200 km/h (§2.3.2): L = L₀ + α lg(v/v₀).
  if (speedKmh > 200.0 && !v.aerodynamic.empty()) {
    if (const auto it = t.aerodynamic.find(v.aerodynamic); it != t.aerodynamic.end()) {
      const double k = it->second.v0 > 0.0 ? it->second.alpha * std::log10(speedKmh / it->second.v0) : 0.0;
      for (std::size_t i = 0; i < kThirdOctaves; ++i) out[3][i] = it->second.a[i] + k, out[4][i] = it->second.b[i] + k;
    }
  }
  const double unitsDb = 10.0 * std::log10(v.units);
  for (ThirdOctaveArray& s : out)
    for (double& x : s) x += unitsDb;
  return out;
}

std::array<ThirdOctaveArray, kRailSources> railLineEmission(const RailTables& t, const RailVehicleType& v,
                                                            const RailTrack& track, double speedKmh,
                                                            RunningCondition condition, double units,
                                                            double vehiclesPerHour) {
  std::array<ThirdOctaveArray, kRailSources> out;
  out.fill(silence());
  if (track.tunnel || vehiclesPerHour <= 0.0 || speedKmh <= 0.0) return out;
  out = railVehicleSources(t, v, track, speedKmh, condition);
  const double k = 10.0 * std::log10(units) + 10.0 * std::log10(vehiclesPerHour / (1000.0 * speedKmh)) -
                   10.0 * std::log10(std::max(track.tracks, 1));
  for (ThirdOctaveArray& s : out)
    for (double& x : s) x += k;
  return out;
}

BandArray directRailLine(const BandArray& lw1, double trainsPerHour, const BandArray& viaductDb) {
  if (trainsPerHour <= 0.0) return filled(kSilenceDb);
  return lw1 + viaductDb + 10.0 * std::log10(trainsPerHour);
}

double railHorizontalDirectivity(const Vec2& trackAxis, const Vec2& towards) {
  const double l = length(towards);
  if (l <= 0.0) return 0.0;
  const double c = dot(towards, trackAxis) / l;
  return 10.0 * std::log10(0.01 + 0.99 * std::max(0.0, 1.0 - c * c));
}

}  // namespace citynoise::emission
