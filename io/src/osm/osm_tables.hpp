#pragma once
// The editable default tables of `citynoise osm` (io/data/osm/*.csv, documented in its README):
// traffic by highway class, rail defaults by railway kind, floors and use by building type.
// Internal to citynoise_io.

#include <array>
#include <filesystem>
#include <map>
#include <string>

namespace citynoise::io::osm {

struct HighwayDefaults {
  std::string chinaClass;
  double lanes = 2, speedKmh = 50, aadt = 0, mediumPct = 0, heavyPct = 0;
  std::array<double, 3> sharePerHour{};  ///< D, E, N: share of the daily traffic in each hour
};

struct RailDefaults {
  double lwaPerTrain = 0;  ///< dB(A)/m for one train per hour
  std::string spectrum;
  double heightM = 0.5;
  bool viaduct = false;
  std::array<double, 3> trainsPerHour{};  ///< D, E, N
};

struct BuildingDefaults {
  double floors = 3;
  std::string use;
};

struct Tables {
  std::map<std::string, HighwayDefaults> highways;  ///< by highway value (and Chinese class)
  std::map<std::string, RailDefaults> railways;
  std::map<std::string, BuildingDefaults> buildings;
  std::string highwaysFile, railwaysFile, buildingsFile;  ///< where they came from (the summary)
};

/// The built-in tables, or the files given instead (empty path: built-in). InputError naming
/// the file, the row and the column on a bad value.
Tables loadTables(const std::filesystem::path& highways, const std::filesystem::path& railways,
                  const std::filesystem::path& buildings);

}  // namespace citynoise::io::osm
