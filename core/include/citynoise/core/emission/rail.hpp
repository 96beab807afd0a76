#pragma once
// CNOSSOS-EU railway emission, Directive (EU) 2015/996 Annex II §2.3: rolling noise from wheel and
// rail roughness through the contact filter and the vehicle, track and superstructure transfer
// functions; traction, aerodynamic and bridge noise; in 24 one-third-octave bands (50 Hz–10 kHz)
// per vehicle, then per metre of line for a traffic, then folded to octave bands. Also a line with
// a directly given LW′ spectrum (metro, monorail) and a viaduct correction.

#include <citynoise/core/bands.hpp>
#include <citynoise/core/vec.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace citynoise::emission {

inline constexpr std::size_t kThirdOctaves = 24;
using ThirdOctaveArray = std::array<double, kThirdOctaves>;
inline constexpr std::size_t kWavelengths = 35;
using WavelengthArray = std::array<double, kWavelengths>;  ///< 2000 mm … 0.8 mm, third-octave steps

/// Energy sum of the three one-third-octave bands in each octave (50–80 → 63 Hz, …, 6.3–10 k → 8 kHz).
BandArray foldToOctaves(const ThirdOctaveArray& thirds);

/// The tables of RailwayEmissionCnossos.json (or an older file of the same layout).
struct RailTables {
  std::map<std::string, ThirdOctaveArray> vehicleTransfer, trackTransfer, superstructureTransfer;
  std::map<std::string, WavelengthArray> wheelRoughness, contactFilter, railRoughness, impactRoughness;
  struct Traction {
    ThirdOctaveArray a{}, b{};  ///< source heights A (0.5 m) and B (4 m)
  };
  /// Traction per running condition: constant speed, acceleration, deceleration, idling.
  std::array<std::map<std::string, Traction>, 4> traction;
  struct Aerodynamic {
    double v0 = 0.0, alpha = 0.0;
    ThirdOctaveArray a{}, b{};
  };
  std::map<std::string, Aerodynamic> aerodynamic;
  struct Bridge {
    std::optional<double> constant;             ///< added to rolling noise
    std::optional<ThirdOctaveArray> transfer;   ///< structure radiation, a source of its own
  };
  std::map<std::string, Bridge> bridges;
};

/// A vehicle type (RailwayVehiclesCnossos.json).
struct RailVehicleType {
  std::string id;
  double axlesPerVehicle = 4.0;
  double units = 1.0;  ///< coaches per vehicle entry (articulated train sets)
  std::string roughness, contact, transfer, traction, aerodynamic;
};

enum class RunningCondition : std::uint8_t { Constant = 0, Accelerating = 1, Decelerating = 2, Idling = 3 };

struct RailTrack {
  std::string trackTransfer, railRoughness, impact, bridge, superstructure;  ///< empty = none
  int curvature = 0;  ///< 0 straight; 1: 500 m > R ≥ 300 m (+5 dB); 2, 3: R < 300 m (+8 dB) squeal
  bool tunnel = false;
  int tracks = 1;
};

enum class RailSource : std::uint8_t { Rolling, TractionA, TractionB, AerodynamicA, AerodynamicB, Bridge };
inline constexpr std::size_t kRailSources = 6;
const char* toString(RailSource s);
/// Height of each source above the rail head: A = 0.5 m, B = 4.0 m.
double sourceHeight(RailSource s);

/// Per-vehicle sound power LW,0 of each source (one-third octaves); absent sources are −∞.
/// Throws std::invalid_argument naming an unknown table entry.
std::array<ThirdOctaveArray, kRailSources> railVehicleSources(const RailTables& t, const RailVehicleType& v,
                                                              const RailTrack& track, double speedKmh,
                                                              RunningCondition condition);

/// Per-metre emission of `vehiclesPerHour` vehicles of one type at a speed, each of `units`
/// units: LW′ = LW,0 + 10 lg(units) + 10 lg(Q/(1000 v)) − 10 lg(tracks) (the line carries the
/// traffic of all its tracks). Empty (silent) in a tunnel.
std::array<ThirdOctaveArray, kRailSources> railLineEmission(const RailTables& t, const RailVehicleType& v,
                                                            const RailTrack& track, double speedKmh,
                                                            RunningCondition condition, double units,
                                                            double vehiclesPerHour);

/// A line with a directly given emission: LW′ (dB/m per octave band) for one train per hour,
/// scaled by the number of trains and raised by a viaduct correction per band.
BandArray directRailLine(const BandArray& lwPerMetreOneTrainPerHour, double trainsPerHour, const BandArray& viaductDb);

/// Horizontal directivity of a railway source (Directive 2015/996 Annex II §2.3.2):
/// ΔL_W,dir,hor = 10·lg(0.01 + 0.99·sin²φ) dB, φ the angle in plan between the track axis and the
/// direction of emission: 0 dB across the track, −20 dB along it. `trackAxis` is a unit vector;
/// `towards` any length (0 dB for a vertical or zero direction).
double railHorizontalDirectivity(const Vec2& trackAxis, const Vec2& towards);

}  // namespace citynoise::emission
