#pragma once
// CNOSSOS-EU road traffic emission, Directive (EU) 2015/996 Annex II §2.2 as amended by
// (EU) 2021/1226: per-vehicle sound power (rolling + propulsion) with the corrections for road
// surface, air temperature, studded tyres, acceleration near junctions and gradient, and the
// line source LW' per metre from hourly flows and speeds (eq. 2.2.1).

#include <citynoise/core/bands.hpp>

#include <array>
#include <map>
#include <string>
#include <vector>

namespace citynoise::emission {

/// Vehicle categories of §2.2.1: light, medium heavy, heavy, mopeds (4a), motorcycles (4b).
enum class VehicleCategory : std::uint8_t { Light = 0, Medium = 1, Heavy = 2, Moped = 3, Motorcycle = 4 };
inline constexpr std::size_t kVehicleCategories = 5;
const char* categoryCode(VehicleCategory c);  ///< "1", "2", "3", "4a", "4b"

/// Coefficients of one category (Table F-1 and the junction and studded-tyre tables).
struct VehicleCoefficients {
  BandArray ar{}, br{}, ap{}, bp{};  ///< rolling A_R, B_R and propulsion A_P, B_P
  BandArray studA{}, studB{};        ///< studded tyres (category 1 only)
  double crossingCr = 0.0, crossingCp = 0.0;        ///< acceleration near traffic lights (k = 1)
  double roundaboutCr = 0.0, roundaboutCp = 0.0;    ///< near roundabouts (k = 2)
  bool hasRolling = true;  ///< categories 4a/4b have propulsion noise only
};

/// A road surface of Table F-4: α per band and β per category, and its speed range of validity.
struct RoadSurface {
  std::string id, description;
  double vMin = 20.0, vMax = 130.0;
  std::array<BandArray, kVehicleCategories> alpha{};
  std::array<double, kVehicleCategories> beta{};
};

/// A full coefficient set (the 2015 or the 2021 amended one).
struct RoadCoefficients {
  std::string name;
  std::array<VehicleCoefficients, kVehicleCategories> vehicles;
  std::map<std::string, RoadSurface> surfaces;  ///< by surface code ("DEF" is the reference surface)
};

enum class JunctionType : std::uint8_t { None = 0, TrafficLights = 1, Roundabout = 2 };

/// The conditions of one road for one hour (or period).
struct RoadConditions {
  std::string surface = "DEF";
  double temperatureC = 20.0;
  double studMonths = 0.0;       ///< T_s: months per year with studded tyres
  double studShare = 0.0;        ///< p_m: share of light vehicles with studded tyres
  JunctionType junction = JunctionType::None;
  double junctionDistance = 1e9; ///< distance of the point source to the junction, m
  double gradientPct = 0.0;      ///< positive uphill in the direction of travel
  bool bothDirections = false;   ///< two-way road: flow split 50/50 uphill and downhill
};

/// Speed range the model is valid in (§2.2: 20–130 km/h).
inline constexpr double kMinSpeedKmh = 20.0;
inline constexpr double kMaxSpeedKmh = 130.0;

/// Sound power of one vehicle of a category at a speed (dB re 1 pW, per band), eq. 2.2.2–2.2.20.
/// The speed must already lie in [20, 130] km/h.
BandArray vehicleSoundPower(const RoadCoefficients& c, VehicleCategory cat, double speedKmh,
                            const RoadConditions& conditions);

/// Hourly flow (vehicles/h) and speed (km/h) per category.
struct TrafficFlow {
  std::array<double, kVehicleCategories> flow{};
  std::array<double, kVehicleCategories> speed{};
};

/// LW' of the road as a line source, dB re 1 pW per metre per band: categories summed
/// energetically, each L_W,m + 10 lg(Q_m / (1000 v_m)) (eq. 2.2.1). Categories with no flow add
/// nothing; with no flow at all the result is silence.
BandArray roadLineEmission(const RoadCoefficients& c, const TrafficFlow& traffic, const RoadConditions& conditions);

/// A single vehicle's level with its variability (the individual-vehicle form): L_W − 0.115σ² + σ·z,
/// where z is a standard normal deviate drawn by the caller and σ the standard deviation in dB;
/// −0.115σ² keeps the energetic mean of the population equal to L_W. The vehicle is studded
/// when conditions.studShare > 0; at speed 0 it stands (no rolling noise) and its speed is
/// otherwise clamped to [20, 130] km/h.
BandArray individualVehicleSoundPower(const RoadCoefficients& c, VehicleCategory cat, double speedKmh,
                                      const RoadConditions& conditions, double sigmaDb, double z);

}  // namespace citynoise::emission
