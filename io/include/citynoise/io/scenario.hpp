#pragma once
// Scenario files (TOML): what to compute, from which data. This part reads the general settings,
// the meteorology and the sources (roads, rail, construction sites, loudspeakers, commercial
// sources) into SourceObjects with 24 hourly spectra. The format is documented in README.

#include <citynoise/core/atmosphere.hpp>
#include <citynoise/core/insulation.hpp>
#include <citynoise/core/receiver_spec.hpp>
#include <citynoise/core/scene_description.hpp>
#include <citynoise/core/sources.hpp>
#include <citynoise/core/time.hpp>
#include <citynoise/io/repairs.hpp>

#include <filesystem>
#include <optional>
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

/// [calculation]: the propagation settings of a run.
struct CalculationSettings {
  int reflectionOrder = 1;
  double maxDistance = 800.0;            ///< source–receiver, m
  double maxReflectionDistance = 50.0;   ///< reflection point from the receiver or the source, m
  bool lateralDiffraction = false;       ///< the Directive's practice for roads: off
  double splitAngleDeg = 5.0;            ///< line/area splitting (core/source_split.hpp)
  int threads = 0;                       ///< 0: all cores
};

/// [outputs]: what a run writes.
struct OutputSettings {
  bool hourly = false;  ///< LAeq,1h per receiver in the GeoPackage
  bool geopackage = true, geotiff = true, vtk = true, gltf = true;
};

/// A GIS layer a scenario read, for checks that need the whole picture (a layer far from the
/// district has a wrong or missing CRS).
struct LayerInfo {
  std::string file, layer, what;  ///< what: "buildings", "roads", …
  std::string crs;                ///< as declared ("" = none)
  Box2 extent;                    ///< in the run's CRS
};

/// One cost line of a variant (barriers per metre, pavement per m², lump sums).
struct CostItem {
  std::string item;     ///< "barrier B-east", "low-noise pavement", …
  double quantity = 0;  ///< in `unit`
  std::string unit;     ///< "m", "m2", "item"
  double unitCost = 0;  ///< per unit
  [[nodiscard]] double total() const { return quantity * unitCost; }
};

/// A change to road features (from GIS layers) in a variant: the roads named by id (or all).
struct RoadEdit {
  std::string where;                  ///< TOML path, for messages
  std::vector<std::string> ids;       ///< feature ids; empty with `all`
  bool all = false;
  std::optional<std::string> surface;  ///< a CNOSSOS-EU surface code (low-noise pavement)
  std::optional<double> speed;         ///< km/h, every vehicle category and period
  double flowFactor = 1.0;             ///< flows multiplied by it
  double costPerM2 = 0.0, widthM = 0.0;  ///< pavement cost: plan length × width × cost
};

/// Better windows in a variant, for the buildings named (or all).
struct InsulationEdit {
  std::string where;               ///< TOML path, for messages
  std::vector<std::string> buildings;
  bool all = false;
  double rwCtr = 0.0;              ///< the new windows' R_w + C_tr, dB
};

struct Scenario {
  std::string name;
  std::vector<std::string> variantNames;  ///< the variants the file declares ([variants.NAME])
  std::string variant;                    ///< the one loaded ("" = the base)
  std::string variantDescription;
  std::vector<CostItem> costs;            ///< the variant's costs
  std::vector<std::string> addedBarriers; ///< ids of the walls the variant adds
  std::vector<InsulationEdit> insulation; ///< the variant's better windows
  /// [assessment]: the windows every building has unless a variant changes them, and the indoor
  /// night target (WHO 1999 bedrooms: 30 dB(A)).
  FacadeInsulation windows;
  double indoorNightTarget = kWhoBedroomNight;
  std::filesystem::path file;  ///< the scenario file
  std::filesystem::path dir;   ///< paths in the file are relative to it
  std::string crs;             ///< target CRS of every layer ("" = the layers' own)
  Meteo meteo;
  std::vector<SourceObject> sources;
  std::vector<Warning> warnings;
  std::vector<LayerInfo> layers;  ///< every vector layer read
  std::vector<std::filesystem::path> rasterAndMeshInputs;  ///< DEM, meshes, source library (vector layers: `layers`)
  std::vector<Repair> repairs;    ///< what reading repaired or dropped (repairs.csv), material first
  bool strict = false;            ///< read with LoadOptions::strict (its variants are read alike)
  /// Gains (dB) put on source groups' emissions after reading — `citynoise run --gains` with a
  /// calibration — and the file they came from; the result's manifest records them.
  std::filesystem::path gainsFile;
  std::vector<std::pair<std::string, double>> emissionGains;
  // The scene and the receivers (sections [buildings], [terrain], [ground], [zones],
  // [[barriers]], [receivers.*]); hasScene is false for emission-only scenarios.
  bool hasScene = false;
  SceneDescription scene;
  ReceiverSpec receivers;
  CalculationSettings calculation;
  OutputSettings outputs;
  /// The district: buildings, receiver bounds (the extent grids default to).
  Box2 extent;
};

/// Reads a scenario: settings, sources, and (when it has them) the scene and receivers. Throws InputError naming the file (scenario or
/// layer), the object (TOML path or feature id) and the field.
Scenario loadScenario(const std::filesystem::path& file);
/// Reads variant `variant` of a scenario ("" = the base): the base with the variant's barriers
/// added, its `edit`s merged into the named source tables, its road edits applied; its costs.
/// Throws InputError naming the variant and the item for unknown ids, negative costs, ….
Scenario loadScenario(const std::filesystem::path& file, const std::string& variant);

/// How strictly to read.
struct LoadOptions {
  /// Stop at the first geometry defect (null, empty or wrong geometry, collection, invalid
  /// polygon, sliver) instead of repairing it. Repairs citynoise always made stay repairs with a
  /// warning: open rings closed, identical copies removed, non-numeric heights replaced.
  bool strict = false;
};
Scenario loadScenario(const std::filesystem::path& file, const std::string& variant, const LoadOptions& options);

/// Adds a warning, merging it with an identical message from the same section.
void addWarning(std::vector<Warning>& warnings, const std::string& where, const std::string& message);

}  // namespace citynoise::io
