#pragma once
// Scenario files (TOML): what to compute, from which data. This part reads the general settings,
// the meteorology and the sources (roads, rail, construction sites, loudspeakers, commercial
// sources) into SourceObjects with 24 hourly spectra. The format is documented in README.

#include <citynoise/core/atmosphere.hpp>
#include <citynoise/core/sources.hpp>
#include <citynoise/core/time.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace citynoise::io {

/// A repair or a doubtful value, with where it came from; identical messages are counted once.
struct Warning {
  std::string where;    ///< file, layer, feature id or TOML path
  std::string message;
  int count = 1;        ///< how many objects had it (`where` names the first)
  std::string lastWhere;  ///< the last object counted
};

struct Meteo {
  Atmosphere air{15.0, 70.0, 101325.0};
  /// Probability of favourable propagation conditions per EU period (day, evening, night).
  double favourableDay = 0.5, favourableEvening = 0.5, favourableNight = 0.5;
  [[nodiscard]] HourlyValues favourableByHour() const;
};

struct Scenario {
  std::string name;
  std::filesystem::path file;  ///< the scenario file
  std::filesystem::path dir;   ///< paths in the file are relative to it
  std::string crs;             ///< target CRS of every layer ("" = the layers' own)
  Meteo meteo;
  std::vector<SourceObject> sources;
  std::vector<Warning> warnings;
};

/// Reads a scenario's settings and sources. Throws InputError naming the file (scenario or
/// layer), the object (TOML path or feature id) and the field.
Scenario loadScenario(const std::filesystem::path& file);

/// Adds a warning, merging it with an identical message from the same section.
void addWarning(std::vector<Warning>& warnings, const std::string& where, const std::string& message);

}  // namespace citynoise::io
