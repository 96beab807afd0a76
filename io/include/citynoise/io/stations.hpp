#pragma once
// Monitoring stations and their measurements from CSV files, for calibrating a map:
//   stations:     station,x,y,z[,crs][,kind]   z: the microphone's height above the ground (m);
//                 kind: fixed (a monitoring station), display (a road-side noise display),
//                 temporary; crs: the coordinates' CRS when not the scenario's
//   measurements: station,start,end,laeq[,lmax,l10,l90]   ISO 8601 times with their offset
// Errors name the file, the row and the column.

#include <citynoise/io/store.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace citynoise::io {


/// The checks of one station (the CSV's and the service's): id, height 0.5–100 m, kind, finite
/// coordinates; InputError naming `where` and the field.
void checkStation(const Station& s, const std::string& where);

/// The stations, their coordinates carried into `crs` (the scenario's) where a row names another.
std::vector<Station> readStations(const std::filesystem::path& file, const std::string& crs);

struct MeasurementFile {
  std::vector<Measurement> intervals;  ///< checked, each once, by station and start
  std::size_t duplicates = 0;          ///< rows repeating another one exactly (kept once)
};

/// The measured intervals, checked as the store checks them (times with offsets, end after start,
/// levels 10–140 dB, no two overlapping intervals of a station), each station one of `stations`.
MeasurementFile readMeasurements(const std::filesystem::path& file, const std::vector<Station>& stations);

/// The checks of one measured interval (the store's and the CSV's): InputError naming `where`
/// and the field. Returns its start and end as Unix seconds.
std::pair<std::int64_t, std::int64_t> checkMeasurement(const Measurement& m, const std::string& where);

}  // namespace citynoise::io
