#pragma once
// What `calibrate` fits to (cli): the stations as receivers of the map, the source groups, each
// group's hourly level at each station from the station's transfers (no new paths per group),
// and the measured intervals as observations of the groups' energies.

#include <citynoise/core/calibration.hpp>
#include <citynoise/io/stations.hpp>
#include <citynoise/raytrace/map_engine.hpp>

#include <citynoise/io/scenario.hpp>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace citynoise::cli {

/// The source groups: one per source class present, each construction site its own; the prior σ
/// of a group's gain: 3 dB for traffic (road, rail), 6 dB for the rest.
struct SourceGroups {
  std::vector<std::string> names;
  std::vector<double> priorSigma;
  std::vector<std::size_t> ofObject;  ///< per source object, its group
};

SourceGroups sourceGroups(const std::vector<SourceObject>& sources);

/// Puts a calibration's gains (calibration.json's groups' gain_db) on the scenario's emissions —
/// every hour, band and element of each group's objects, and their night Lmax — and records them
/// in the scenario (the manifest shows them). InputError for a group the scenario does not have.
void applyGains(io::Scenario& scenario, const std::filesystem::path& calibrationJson);

/// Per station, per group, per hour: the LAeq,1h of the group's sources alone (−inf: silent).
using GroupHours = std::vector<std::vector<std::array<double, 24>>>;

/// From each station's transfers: the elements of one group kept, the engine's levels of them.
GroupHours groupHours(const raytrace::MapEngine& engine, const std::vector<raytrace::ReceiverTransfers>& transfers, const SourceGroups& groups);

/// The measured intervals as observations: per group the model's energy mean over the interval's
/// local hours (the ISO time's own clock: the district's), weighted by its length in hours.
/// `stationIndex` maps a measurement's station to its row in `hours`.
std::vector<calibration::Observation> observations(const std::vector<io::Measurement>& measured, const std::vector<io::Station>& stations,
                                                   const GroupHours& hours);

}  // namespace citynoise::cli
