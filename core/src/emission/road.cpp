#include <citynoise/core/emission/road.hpp>

#include <citynoise/core/decibel.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace citynoise::emission {

const char* categoryCode(VehicleCategory c) {
  static const char* codes[] = {"1", "2", "3", "4a", "4b"};
  return codes[static_cast<std::size_t>(c)];
}

namespace {

/// Gradient correction of propulsion noise (§2.2, Table of ΔL_WP,grad), s in %, v in km/h.
double gradientCorrection(VehicleCategory cat, double s, double v) {
  switch (cat) {
    case VehicleCategory::Light:
      if (s < -6.0) return std::min(12.0, -s) - 6.0;
      if (s <= 2.0) return 0.0;
      return v / 100.0 * (std::min(12.0, s) - 2.0) / 1.5;
    case VehicleCategory::Medium:
      if (s < -4.0) return (v - 20.0) / 100.0 * (std::min(12.0, -s) - 4.0) / 0.7;
      if (s <= 0.0) return 0.0;
      return v / 100.0 * std::min(12.0, s);
    case VehicleCategory::Heavy:
      if (s < -4.0) return (v - 10.0) / 100.0 * (std::min(12.0, -s) - 4.0) / 0.5;
      if (s <= 0.0) return 0.0;
      return v / 100.0 * std::min(12.0, s) / 0.8;
    default:
      return 0.0;  // two-wheelers: no gradient correction
  }
}

/// Temperature coefficient K of the rolling-noise correction K(τ_ref − τ), τ_ref = 20 °C.
double temperatureCoefficient(VehicleCategory cat) {
  switch (cat) {
    case VehicleCategory::Light: return 0.08;
    case VehicleCategory::Medium:
    case VehicleCategory::Heavy: return 0.04;
    default: return 0.0;
  }
}

const RoadSurface& surfaceOf(const RoadCoefficients& c, const std::string& id) {
  const auto it = c.surfaces.find(id);
  if (it == c.surfaces.end()) throw std::invalid_argument("unknown road surface code \"" + id + "\"");
  return it->second;
}

/// Rolling and propulsion levels of one vehicle, before the gradient correction.
struct VehicleParts {
  BandArray rolling{}, propulsion{};
  bool hasRolling = true;
};

VehicleParts vehicleParts(const RoadCoefficients& c, VehicleCategory cat, double v, const RoadConditions& rc,
                          double studShare) {
  const std::size_t m = static_cast<std::size_t>(cat);
  const VehicleCoefficients& k = c.vehicles[m];
  const RoadSurface& surface = surfaceOf(c, rc.surface);
  const double junctionFactor = std::max(1.0 - std::abs(rc.junctionDistance) / 100.0, 0.0);
  const double cr = rc.junction == JunctionType::TrafficLights ? k.crossingCr
                    : rc.junction == JunctionType::Roundabout  ? k.roundaboutCr : 0.0;
  const double cp = rc.junction == JunctionType::TrafficLights ? k.crossingCp
                    : rc.junction == JunctionType::Roundabout  ? k.roundaboutCp : 0.0;
  VehicleParts p;
  p.hasRolling = k.hasRolling;
  const double lgv = std::log10(v / 70.0);
  for (std::size_t i = 0; i < kBandCount; ++i) {
    const double alpha = surface.alpha[m][i];
    // Rolling noise (eq. 2.2.4) with temperature, acceleration (2.2.17), studded tyres
    // (2.2.6–2.2.8, light vehicles, v within [50, 90] km/h) and road surface (2.2.19).
    double roll = k.ar[i] + k.br[i] * lgv + temperatureCoefficient(cat) * (20.0 - rc.temperatureC) + cr * junctionFactor;
    if (cat == VehicleCategory::Light && studShare > 0.0) {
      const double vs = std::clamp(v, 50.0, 90.0);
      const double dStud = k.studA[i] + k.studB[i] * std::log10(vs / 70.0);
      roll += 10.0 * std::log10((1.0 - studShare) + studShare * dbToEnergy(dStud));
    }
    roll += alpha + surface.beta[m] * lgv;
    p.rolling[i] = roll;
    // Propulsion noise (eq. 2.2.11) with acceleration (2.2.18) and the absorbing-surface
    // reduction min(α, 0) (2.2.20).
    p.propulsion[i] = k.ap[i] + k.bp[i] * (v - 70.0) / 70.0 + cp * junctionFactor + std::min(alpha, 0.0);
  }
  return p;
}

BandArray combine(const VehicleParts& p, double gradientDb) {
  BandArray out{};
  for (std::size_t i = 0; i < kBandCount; ++i)
    out[i] = energyToDb((p.hasRolling ? dbToEnergy(p.rolling[i]) : 0.0) + dbToEnergy(p.propulsion[i] + gradientDb));
  return out;
}

}  // namespace

BandArray vehicleSoundPower(const RoadCoefficients& c, VehicleCategory cat, double v, const RoadConditions& rc) {
  const double studShare = rc.studShare * rc.studMonths / 12.0;  // yearly average share p_s
  const VehicleParts p = vehicleParts(c, cat, v, rc, studShare);
  if (!rc.bothDirections) return combine(p, gradientCorrection(cat, rc.gradientPct, v));
  // Two-way road: half the vehicles climb, half descend (§2.2, gradient correction).
  const BandArray up = combine(p, gradientCorrection(cat, rc.gradientPct, v));
  const BandArray down = combine(p, gradientCorrection(cat, -rc.gradientPct, v));
  BandArray out{};
  for (std::size_t i = 0; i < kBandCount; ++i) out[i] = energyToDb(0.5 * dbToEnergy(up[i]) + 0.5 * dbToEnergy(down[i]));
  return out;
}

BandArray roadLineEmission(const RoadCoefficients& c, const TrafficFlow& t, const RoadConditions& rc) {
  EnergySum sum;
  for (std::size_t m = 0; m < kVehicleCategories; ++m) {
    if (t.flow[m] <= 0.0) continue;
    const double v = t.speed[m];
    const BandArray lw = vehicleSoundPower(c, static_cast<VehicleCategory>(m), v, rc);
    sum.add(lw + 10.0 * std::log10(t.flow[m] / (1000.0 * v)));
  }
  return sum.levels();
}

BandArray individualVehicleSoundPower(const RoadCoefficients& c, VehicleCategory cat, double speed,
                                      const RoadConditions& rc, double sigmaDb, double z) {
  // A studded vehicle carries the full studded-tyre increment (p_s = 1). A standing vehicle
  // (speed 0) makes no rolling noise; its propulsion noise is taken at the model's lowest speed.
  const double v = std::clamp(speed, kMinSpeedKmh, kMaxSpeedKmh);
  const double studShare = rc.studShare > 0.0 ? 1.0 : 0.0;
  VehicleParts p = vehicleParts(c, cat, v, rc, studShare);
  if (speed <= 0.0) p.hasRolling = false;
  return combine(p, gradientCorrection(cat, rc.gradientPct, v)) + (-0.115 * sigmaDb * sigmaDb + sigmaDb * z);
}

}  // namespace citynoise::emission
