#pragma once
// What `citynoise run` writes into a result folder: the GeoPackage, GeoTIFFs, VTK files, a glTF
// of the city, and summary.csv / summary.md.

#include <citynoise/core/assessment.hpp>
#include <citynoise/core/results.hpp>
#include <citynoise/core/scene_description.hpp>
#include <citynoise/core/surface_kind.hpp>
#include <citynoise/core/variant_comparison.hpp>
#include <citynoise/io/scenario.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace citynoise::io {

/// The city's triangles (absolute coordinates), each tagged with what it belongs to.
struct CityMesh {
  std::vector<Vec3> vertices;
  std::vector<std::array<std::uint32_t, 3>> triangles;
  std::vector<SurfaceKind> kind;
  std::vector<std::int32_t> object;  ///< building, wall or structure index (−1 terrain)
};

struct RunFigures {
  double loadSeconds = 0.0, sceneSeconds = 0.0, receiverSeconds = 0.0, computeSeconds = 0.0, writeSeconds = 0.0;
  double peakMemoryMb = 0.0;
  int threads = 1;
  std::size_t paths = 0, pieces = 0, droppedReceivers = 0;
};

struct RunData {
  const Scenario& scenario;
  const std::vector<Building>& buildings;  ///< the scene's (validated) buildings
  const ReceiverSet& receivers;
  const std::vector<ReceiverLevels>& levels;
  const DistrictSummary& summary;
  CityMesh city;
  std::function<double(const Vec2&)> terrainHeight;
  RunFigures figures;
  /// A variant's base levels at the same receivers: receiver layers and files then carry
  /// d_<indicator> = variant − base (nullptr for a base run).
  const std::vector<ReceiverLevels>* base = nullptr;
};

/// The name of a grid's layer and files: "grid_4", "grid_1_5" (1.5 m).
std::string gridName(double heightAboveTerrain);

/// The manifest every result folder carries (citynoise-result.json): format, scenario, CRS and
/// the files, which the viewer reads first.
void writeManifest(const std::filesystem::path& dir, const RunData& run);

/// Every output into `dir` (which must exist); each file written atomically.
void writeRunOutputs(const std::filesystem::path& dir, const RunData& run);

void writeSummary(const std::filesystem::path& dir, const RunData& run);

/// How a variant was evaluated: "emission only" (stored transfers), "transfers + N elements
/// recomputed" (barriers, moved sources), or "full" (a full recomputation).
struct VariantFigures {
  std::string method;
  std::size_t receiversRecomputed = 0, elementsRecomputed = 0;
  double seconds = 0.0;  ///< evaluation (levels), not writing
};

/// compare.csv and compare.md: the variants ranked by cost per person relieved, with people and
/// façade points moved per limit and per 5 dB class.
void writeComparison(const std::filesystem::path& dir, const std::string& scenario, const std::vector<VariantComparison>& variants,
                     const std::vector<VariantFigures>& figures);
void writeGeoPackage(const std::filesystem::path& file, const RunData& run);
void writeGeoTiffs(const std::filesystem::path& dir, const RunData& run);
void writeVtk(const std::filesystem::path& dir, const RunData& run);
void writeGltf(const std::filesystem::path& file, const RunData& run);

/// Colour of a level in the 5 dB classes of noise maps (ISO 1996-2 style palette), 0–255 RGB.
std::array<std::uint8_t, 3> levelColour(double level);

}  // namespace citynoise::io
