#pragma once

#include <citynoise/io/tiles.hpp>
#include <citynoise/server/service.hpp>
#include <CLI/CLI.hpp>

#include <citynoise/io/scenario.hpp>

#include <string>
#include <vector>

namespace citynoise::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   ///< the computation failed, or a check did not pass
inline constexpr int kExitBadInput = 2;  ///< the input is wrong; the message says where

struct CaseOptions {
  std::string file;
  bool useProfiles = false;
};

struct ConformanceOptions {
  std::vector<std::string> paths;
  bool useProfiles = false;
  std::string runCommand;  ///< external command with {case}; empty = evaluate in-process
  double vertexTolerance = 0.0;  ///< > 0: also compare path vertices with the profile points
};

struct EmissionOptions {
  std::string scenario, out;
  bool quiet = false;
};

struct RunOptions {
  std::vector<std::string> scenarios;
  std::string out, onlyReceiver, gains;
  int threads = 0;
  bool quiet = false;
  bool dryRun = false;  ///< load, build the scene and the receivers, print the counts, compute nothing
  std::string variant;     ///< one variant only (with the base)
  bool fullVariants = false;  ///< variants recomputed in full (checks the fast path)
  bool strict = false;        ///< a geometry defect stops the run instead of being repaired
};

struct OsmOptions {
  std::string input, out, crs, dem, bounds, name, highways, railways, buildings;
  double storeyHeight = 3.0;
  bool strict = false;
};

void addOsmCommand(CLI::App& app, OsmOptions& options);
int runOsm(const OsmOptions& options);

struct StoreOptions {
  std::string action, store, result, label, version, format, out, crs;
  bool all = false;
};

void addStoreCommand(CLI::App& app, StoreOptions& options);
void addTokenCommand(CLI::App& app, StoreOptions& options);
int runStore(const StoreOptions& options);

struct TilesOptions {
  std::string store, out;
  std::int64_t version = 0;
  io::TileOptions tiles;
};

void addTilesCommand(CLI::App& app, TilesOptions& options);
int runTiles(const TilesOptions& options);

struct ServeOptions {
  server::ServiceOptions service;
  std::uint64_t maxUploadMb = 512;
};

void addServeCommand(CLI::App& app, ServeOptions& options);
int runServe(const ServeOptions& options);

struct BarrierDesignOptions {
  std::string scenario, line, buildings, out;
  double minHeight = 0.0, maxHeight = 6.0, step = 0.5, margin = 0.0;
  int threads = 0;
};

void addBarrierDesignCommand(CLI::App& app, BarrierDesignOptions& options);

struct CalibrateOptions {
  std::string scenario, stations, measurements, out;
  int threads = 0;
  bool quiet = false;
};

void addCalibrateCommand(CLI::App& app, CalibrateOptions& options);
int runCalibrate(const CalibrateOptions& options);
int runBarrierDesign(const BarrierDesignOptions& options);
void addCaseCommand(CLI::App& app, CaseOptions& options);
void addRunCommand(CLI::App& app, RunOptions& options);
int runRun(const RunOptions& options);
void addEmissionCommand(CLI::App& app, EmissionOptions& options);
int runEmission(const EmissionOptions& options);
void addConformanceCommand(CLI::App& app, ConformanceOptions& options);

/// The answer JSON for one case file. Throws InputError on bad input.
std::string evaluateCase(const std::string& file, bool useProfiles);

int runCase(const CaseOptions& options);
/// Warnings of a scenario on stderr, each with the number of objects it concerns.
void printWarnings(const std::vector<citynoise::io::Warning>& warnings, const char* command);
int runConformance(const ConformanceOptions& options);

}  // namespace citynoise::cli
