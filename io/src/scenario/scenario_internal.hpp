#pragma once
// Reading TOML scenario sections with errors that say where (file: [section][i].key: …).

#include <citynoise/core/emission/directivity.hpp>
#include <citynoise/core/emission/spectra.hpp>
#include <citynoise/core/error.hpp>
#include <citynoise/core/time.hpp>
#include <citynoise/io/gis.hpp>
#include <citynoise/io/scenario.hpp>

#include "expression.hpp"

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

namespace citynoise::io {

/// A TOML table with its path, for messages.
class TomlNode {
 public:
  TomlNode(const toml::table& t, std::string path, const std::string& file) : t_(&t), path_(std::move(path)), file_(&file) {}

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& file() const { return *file_; }
  [[nodiscard]] bool has(const char* key) const { return t_->contains(key); }
  [[nodiscard]] const toml::table& raw() const { return *t_; }

  [[noreturn]] void fail(const std::string& key, const std::string& message) const;

  [[nodiscard]] std::optional<TomlNode> table(const char* key) const;
  [[nodiscard]] std::vector<TomlNode> tables(const char* key) const;  ///< array of tables (or none)
  [[nodiscard]] std::string string(const char* key) const;
  [[nodiscard]] std::string string(const char* key, const std::string& fallback) const;
  [[nodiscard]] double number(const char* key) const;
  [[nodiscard]] double number(const char* key, double fallback) const;
  [[nodiscard]] bool boolean(const char* key, bool fallback) const;
  [[nodiscard]] std::vector<std::string> strings(const char* key) const;  ///< a string or an array of strings
  [[nodiscard]] BandArray bands(const char* key) const;                   ///< 8 numbers
  [[nodiscard]] std::vector<double> numbers(const char* key) const;
  /// A number or an attribute expression ("TV_D - HV_D").
  [[nodiscard]] Expression expression(const char* key) const;
  [[nodiscard]] std::optional<Expression> optionalExpression(const char* key) const;
  /// A path relative to the scenario's folder.
  [[nodiscard]] std::string pathValue(const char* key, const std::filesystem::path& dir) const;

 private:
  const toml::table* t_;
  std::string path_;
  const std::string* file_;
};

/// Loaded source library (built in, plus a scenario's own CSV).
struct LibraryEntry {
  std::string key, name;
  double lwa = 0.0;
  emission::SpectrumShape shape = emission::SpectrumShape::Flat;
  bool impulsive = false;
  double height = 1.5;
};
std::vector<LibraryEntry> loadSourceLibrary(const std::string& extraCsv);
const LibraryEntry* findLibrary(const std::vector<LibraryEntry>& lib, const std::string& key);

/// A schedule table: { windows = [...], days = "mon-sat", on_time = 0.8,
///                     night = [...], night_days_per_year = 40 }.
Schedule readSchedule(const TomlNode& node);

/// Sound power per band of a point source from `lw` (8 bands), or `lwa` + `spectrum`, or a
/// library entry; nullopt when none is given.
std::optional<BandArray> readSoundPower(const TomlNode& node, const std::vector<LibraryEntry>& lib, const char* lwKey,
                                        const char* lwaKey);

/// Hourly spectra of a constant power switched by an hourly on-share (0 → silent).
HourlySpectra scheduled(const BandArray& power, const HourlyValues& share);

/// What reading a scenario's layers records — warnings, the layers read, the geometry repairs —
/// and whether a defect stops the reading (`--strict`).
struct LayerLog {
  std::vector<Warning>& warnings;
  std::vector<LayerInfo>& layers;
  std::vector<Repair>& repairs;
  bool strict = false;
};

/// Sections, each appending SourceObjects.
struct SourceContext {
  const std::string& scenarioFile;
  const std::filesystem::path& dir;
  const std::string& crs;
  const Meteo& meteo;
  const std::vector<LibraryEntry>& library;
  const TomlNode& root;
  std::vector<SourceObject>& out;
  std::vector<Warning>& warnings;
  LayerLog& log;
  const std::vector<RoadEdit>* roadEdits = nullptr;  ///< a variant's, applied by readRoads
  std::vector<CostItem>* costs = nullptr;            ///< where readRoads adds pavement costs
};
void readRoads(const SourceContext& ctx);
void readRail(const SourceContext& ctx);
void readConstruction(const SourceContext& ctx);
void readLoudspeakers(const SourceContext& ctx);
void readCommercial(const SourceContext& ctx);

/// [buildings], [terrain], [ground], [zones], [[barriers]], [receivers], [calculation], [outputs].
void readScene(const TomlNode& root, const std::filesystem::path& dir, const std::string& crs, LayerLog& log, Scenario& s);

/// The hours of each traffic period ([periods] traffic = { D = "06:00-18:00", … }): for each hour,
/// the period key. Default: the EU periods D 07–19, E 19–23, N 23–07.
std::array<std::string, kHoursPerDay> trafficPeriods(const TomlNode& root);

/// A feature's attribute as a finite number (numbers, or text that is one), nullopt otherwise.
std::optional<double> numberAttribute(const GisFeature& f, const std::string& field);
/// Whether the feature has a non-null value for the field.
bool hasValue(const GisFeature& f, const std::string& field);
/// A feature's attribute as text ("" when absent).
std::string textAttribute(const GisFeature& f, const std::string& field);

/// [zones] strips_4a = { class = "道路等级" }: GB 3096 class 4a strips along the roads of the
/// 4a classes of every [[roads]] layer, appended to the zone areas (scenario_strips_4a.cpp).
void addStrips4a(const TomlNode& t, const TomlNode& root, const std::filesystem::path& dir, const std::string& crs, Scenario& s);

/// [buildings] sensitive_uses, or the default: homes, schools, hospitals, elderly care.
std::vector<std::string> sensitiveUsesOf(const TomlNode& t);

/// [buildings] from a CityJSON or CityGML file: footprints, eaves and bases from the model
/// (city_model.hpp); id, use, zone, population from its attributes. Without a [terrain], the
/// building bases become the ground's spot heights.
void readCityModelBuildings(const TomlNode& t, const std::string& file, const std::string& crs, LayerLog& log, Scenario& s);


/// Attribute expressions evaluated on one feature; an error names the file, the feature and the
/// field ("gradient: no attribute \"SLOPE\"").
struct FeatureValues {
  const GisFeature& feature;
  const std::string& file;
  const std::string& id;
  [[nodiscard]] double operator()(const Expression& e, const std::string& field) const;
};

/// The layer a scenario table names: `fileKey` (a path relative to the scenario), `layer`,
/// `where` (an attribute filter), the geometry kind its features must have and the attribute
/// naming them (`id`).
struct LayerRequest {
  const char* what;       ///< "buildings", "roads", … (messages)
  GeometryKind expect;
  const char* fileKey = "file";
};

/// Reads a scenario's vector layer into the run's CRS, filtered by `where`, every feature
/// brought to the expected kind and repaired (see LayerQuery); each repair is counted in a
/// warning (material ones first) and kept for repairs.csv. A layer that declares no CRS is taken
/// to be in the run's, with a warning (a shapefile without its .prj is the usual cause).
/// Counts repairs in warnings (those that drop a feature or change its area by over 10 % first)
/// and keeps them for repairs.csv.
void logRepairs(std::vector<Repair> repairs, const std::string& what, LayerLog& log);

GisLayer readScenarioLayer(const TomlNode& t, const LayerRequest& request, const std::filesystem::path& dir,
                           const std::string& crs, LayerLog& log);

}  // namespace citynoise::io
