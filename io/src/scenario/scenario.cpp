#include <citynoise/io/scenario.hpp>

#include "scenario_internal.hpp"

#include <citynoise/io/city_model.hpp>
#include "scenario_variants.hpp"

#include <citynoise/core/decibel.hpp>
#include <citynoise/core/geometry2d.hpp>
#include <citynoise/io/data_files.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace citynoise::io {


// ---- TomlNode ------------------------------------------------------------------------------

void TomlNode::fail(const std::string& key, const std::string& message) const {
  throw InputError(*file_, key.empty() ? path_ : path_ + (path_.empty() ? "" : ".") + key, message);
}

std::optional<TomlNode> TomlNode::table(const char* key) const {
  const toml::node* n = t_->get(key);
  if (!n) return std::nullopt;
  if (!n->is_table()) fail(key, "expected a table");
  return TomlNode(*n->as_table(), path_.empty() ? std::string(key) : path_ + "." + key, *file_);
}

std::vector<TomlNode> TomlNode::tables(const char* key) const {
  std::vector<TomlNode> out;
  const toml::node* n = t_->get(key);
  if (!n) return out;
  const std::string base = path_.empty() ? std::string(key) : path_ + "." + key;
  if (const toml::table* single = n->as_table()) {
    out.emplace_back(*single, base, *file_);
    return out;
  }
  const toml::array* arr = n->as_array();
  if (!arr) fail(key, "expected a table or an array of tables ([[" + std::string(key) + "]])");
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::table* t = (*arr)[i].as_table();
    if (!t) fail(key, "expected tables");
    out.emplace_back(*t, base + "[" + std::to_string(i) + "]", *file_);
  }
  return out;
}

std::string TomlNode::string(const char* key) const {
  const toml::node* n = t_->get(key);
  if (!n) fail(key, "missing");
  if (!n->is_string()) fail(key, "expected a string");
  return n->as_string()->get();
}

std::string TomlNode::string(const char* key, const std::string& fallback) const {
  return has(key) ? string(key) : fallback;
}

double TomlNode::number(const char* key) const {
  const toml::node* n = t_->get(key);
  if (!n) fail(key, "missing");
  if (const auto* i = n->as_integer()) return static_cast<double>(i->get());
  if (const auto* f = n->as_floating_point()) {
    if (!std::isfinite(f->get())) fail(key, "expected a finite number");
    return f->get();
  }
  fail(key, "expected a number");
}

double TomlNode::number(const char* key, double fallback) const { return has(key) ? number(key) : fallback; }

bool TomlNode::boolean(const char* key, bool fallback) const {
  const toml::node* n = t_->get(key);
  if (!n) return fallback;
  if (!n->is_boolean()) fail(key, "expected true or false");
  return n->as_boolean()->get();
}

std::vector<std::string> TomlNode::strings(const char* key) const {
  const toml::node* n = t_->get(key);
  if (!n) return {};
  if (n->is_string()) return {n->as_string()->get()};
  const toml::array* a = n->as_array();
  if (!a) fail(key, "expected a string or an array of strings");
  std::vector<std::string> out;
  for (const auto& e : *a) {
    if (!e.is_string()) fail(key, "expected strings");
    out.push_back(e.as_string()->get());
  }
  return out;
}

std::vector<double> TomlNode::numbers(const char* key) const {
  const toml::node* n = t_->get(key);
  if (!n) fail(key, "missing");
  const toml::array* a = n->as_array();
  if (!a) fail(key, "expected an array of numbers");
  std::vector<double> out;
  for (const auto& e : *a) {
    if (const auto* i = e.as_integer()) out.push_back(static_cast<double>(i->get()));
    else if (const auto* f = e.as_floating_point(); f && std::isfinite(f->get())) out.push_back(f->get());
    else fail(key, "expected finite numbers");
  }
  return out;
}

BandArray TomlNode::bands(const char* key) const {
  const std::vector<double> v = numbers(key);
  if (v.size() != kBandCount) fail(key, "expected 8 numbers (63 Hz to 8 kHz), got " + std::to_string(v.size()));
  BandArray out{};
  std::copy(v.begin(), v.end(), out.begin());
  return out;
}

Expression TomlNode::expression(const char* key) const {
  const toml::node* n = t_->get(key);
  if (!n) fail(key, "missing");
  if (n->is_number()) return Expression::constant(number(key));
  if (!n->is_string()) fail(key, "expected a number or an attribute expression");
  try {
    return Expression::parse(n->as_string()->get());
  } catch (const std::invalid_argument& e) {
    fail(key, e.what());
  }
}

std::optional<Expression> TomlNode::optionalExpression(const char* key) const {
  if (!has(key)) return std::nullopt;
  return expression(key);
}

std::string TomlNode::pathValue(const char* key, const std::filesystem::path& dir) const {
  const std::filesystem::path p(string(key));
  return (p.is_absolute() ? p : dir / p).string();
}

// ---- shared helpers ------------------------------------------------------------------------

void addWarning(std::vector<Warning>& warnings, const std::string& where, const std::string& message) {
  for (Warning& w : warnings)
    if (w.message == message) {
      if (w.lastWhere != where) ++w.count, w.lastWhere = where;  // count objects, not occurrences
      return;
    }
  warnings.push_back({where, message, 1, where});
}

HourlyValues Meteo::favourableByHour() const {
  HourlyValues p{};
  for (int h = 0; h < kHoursPerDay; ++h)
    p[static_cast<std::size_t>(h)] = kEuDay.contains(h) ? favourableDay : kEuEvening.contains(h) ? favourableEvening : favourableNight;
  return p;
}

std::vector<LibraryEntry> loadSourceLibrary(const std::string& extraCsv) {
  auto parse = [](std::istream& in, const std::string& origin, std::vector<LibraryEntry>& out) {
    std::string line;
    std::getline(in, line);  // header: key,name,lwa_dba,shape,impulsive,height_m,source
    int row = 1;
    while (std::getline(in, line)) {
      ++row;
      if (line.empty()) continue;
      std::vector<std::string> f;
      std::string cur;
      bool quoted = false;
      for (char c : line) {
        if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) f.push_back(cur), cur.clear();
        else cur += c;
      }
      f.push_back(cur);
      if (f.size() < 6) throw InputError(origin, "row " + std::to_string(row), "expected 6 columns: key,name,lwa_dba,shape,impulsive,height_m");
      LibraryEntry e;
      e.key = f[0], e.name = f[1];
      try {
        e.lwa = std::stod(f[2]);
        e.height = std::stod(f[5]);
      } catch (const std::exception&) {
        throw InputError(origin, e.key, "lwa_dba and height_m must be numbers");
      }
      const auto shape = emission::parseSpectrumShape(f[3]);
      if (!shape) throw InputError(origin, e.key, "shape: unknown spectrum shape \"" + f[3] + "\"");
      e.shape = *shape;
      e.impulsive = f[4] == "yes";
      std::erase_if(out, [&](const LibraryEntry& x) { return x.key == e.key; });
      out.push_back(e);
    }
  };
  std::vector<LibraryEntry> lib;
  std::istringstream builtin{readDataFile("sources/equipment.csv")};
  parse(builtin, (dataDirectory() / "sources/equipment.csv").string(), lib);
  if (!extraCsv.empty()) {
    std::ifstream in(extraCsv);
    if (!in) throw InputError(extraCsv, "", "cannot open the source library");
    parse(in, extraCsv, lib);
  }
  return lib;
}

const LibraryEntry* findLibrary(const std::vector<LibraryEntry>& lib, const std::string& key) {
  for (const LibraryEntry& e : lib)
    if (e.key == key) return &e;
  return nullptr;
}

Schedule readSchedule(const TomlNode& node) {
  Schedule s;
  auto windows = [&](const char* key) {
    std::vector<TimeWindow> w;
    for (const std::string& text : node.strings(key)) {
      try {
        w.push_back(parseTimeWindow(text));
      } catch (const std::invalid_argument& e) {
        node.fail(key, e.what());
      }
    }
    return w;
  };
  const double onTime = node.number("on_time", 1.0);
  if (onTime <= 0.0 || onTime > 1.0) node.fail("on_time", "expected a share of time in (0, 1]");
  if (node.has("windows")) {
    int days = 7;
    try {
      days = countDays(node.string("days", "all"));
    } catch (const std::invalid_argument& e) {
      node.fail("days", e.what());
    }
    s.rules.push_back({windows("windows"), days / 7.0, onTime});
  }
  if (node.has("night")) {
    const double perYear = node.number("night_days_per_year", 365.0);
    if (perYear < 0.0 || perYear > 366.0) node.fail("night_days_per_year", "expected 0 to 366 days");
    s.rules.push_back({windows("night"), std::min(perYear / 365.0, 1.0), onTime});
  }
  if (s.empty() || std::all_of(s.rules.begin(), s.rules.end(), [](const ScheduleRule& r) { return r.windows.empty(); }))
    node.fail("", "empty schedule: give windows = [\"HH:MM-HH:MM\", …] (and days, night, night_days_per_year)");
  return s;
}

std::optional<BandArray> readSoundPower(const TomlNode& node, const std::vector<LibraryEntry>& lib, const char* lwKey,
                                        const char* lwaKey) {
  const LibraryEntry* entry = nullptr;
  if (node.has("source")) {
    entry = findLibrary(lib, node.string("source"));
    if (!entry) node.fail("source", "unknown library source \"" + node.string("source") + "\"");
  }
  if (node.has(lwKey)) return node.bands(lwKey);
  std::optional<emission::SpectrumShape> shape = entry ? std::optional(entry->shape) : std::nullopt;
  if (node.has("spectrum")) {
    shape = emission::parseSpectrumShape(node.string("spectrum"));
    if (!shape) node.fail("spectrum", "unknown spectrum shape (flat, engine, impact, piling, vibratory, cutting, music, speech, fan)");
  }
  const std::optional<double> lwa = node.has(lwaKey) ? std::optional(node.number(lwaKey)) : entry ? std::optional(entry->lwa) : std::nullopt;
  if (!lwa) return std::nullopt;
  return emission::spectrumForLwA(shape.value_or(emission::SpectrumShape::Flat), *lwa);
}

HourlySpectra scheduled(const BandArray& power, const HourlyValues& share) {
  HourlySpectra out{};
  for (std::size_t h = 0; h < kHoursPerDay; ++h)
    out[h] = share[h] > 0.0 ? power + 10.0 * std::log10(share[h]) : filled(kSilenceDb);
  return out;
}

std::array<std::string, kHoursPerDay> trafficPeriods(const TomlNode& root) {
  std::array<std::string, kHoursPerDay> out;
  const auto periods = root.table("periods");
  const auto traffic = periods ? periods->table("traffic") : std::nullopt;
  if (!traffic) {
    const std::string day = "D", evening = "E", night = "N";  // named: GCC 12 warns falsely on literals here
    for (int h = 0; h < kHoursPerDay; ++h)
      out[static_cast<std::size_t>(h)] = kEuDay.contains(h) ? day : kEuEvening.contains(h) ? evening : night;
    return out;
  }
  for (const auto& [key, value] : traffic->raw()) {
    const std::string name(key.str());
    TimeWindow w{};
    try {
      if (!value.is_string()) throw std::invalid_argument("expected \"HH:MM-HH:MM\"");
      w = parseTimeWindow(value.as_string()->get());
    } catch (const std::invalid_argument& e) {
      traffic->fail(name, e.what());
    }
    for (int h = 0; h < kHoursPerDay; ++h) {
      const int m = h * 60 + 30;
      const bool in = w.startMinute <= w.endMinute ? (m >= w.startMinute && m < w.endMinute) : (m >= w.startMinute || m < w.endMinute);
      if (!in) continue;
      if (!out[static_cast<std::size_t>(h)].empty()) traffic->fail(name, "overlaps period " + out[static_cast<std::size_t>(h)]);
      out[static_cast<std::size_t>(h)] = name;
    }
  }
  for (int h = 0; h < kHoursPerDay; ++h)
    if (out[static_cast<std::size_t>(h)].empty()) traffic->fail("", "hour " + std::to_string(h) + ":00 is in no traffic period");
  return out;
}

double FeatureValues::operator()(const Expression& e, const std::string& field) const {
  try {
    return e.evaluate(feature);
  } catch (const std::invalid_argument& err) {
    throw InputError(file, id, field + ": " + err.what());
  }
}

// ---- the scenario --------------------------------------------------------------------------

namespace {

toml::table parseToml(const std::filesystem::path& file) {
  const std::string fileName = file.string();
  try {
    return toml::parse_file(fileName);
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << "line " << e.source().begin.line << ", column " << e.source().begin.column;
    if (!std::filesystem::exists(file)) throw InputError(fileName, "", "cannot open the scenario file");
    throw InputError(fileName, where.str(), std::string("not valid TOML: ") + std::string(e.description()));
  }
}

/// The scenario document with `[scenario] extends = "base.toml"` resolved: the base's top-level
/// tables, each replaced whole by the extending file's table of the same name ([scenario] is
/// merged key by key). The base must be in the same folder: its paths are relative to it.
toml::table scenarioDocument(const std::filesystem::path& file, int depth = 0) {
  toml::table doc = parseToml(file);
  const toml::table* head = doc["scenario"].as_table();
  const auto* extends = head ? head->get("extends") : nullptr;
  if (!extends) return doc;
  const std::string fileName = file.string();
  if (!extends->is_string()) throw InputError(fileName, "scenario.extends", "expected the file name of a scenario in the same folder");
  const std::filesystem::path baseName = extends->value_or(std::string());
  if (baseName.has_parent_path())
    throw InputError(fileName, "scenario.extends", "the base scenario must be in the same folder (its paths are relative to it)");
  if (depth >= 8) throw InputError(fileName, "scenario.extends", "more than 8 levels of extends (a cycle?)");
  const std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  toml::table merged = scenarioDocument(dir / baseName, depth + 1);
  for (const auto& [key, value] : doc) {
    if (key == "scenario" && merged["scenario"].as_table() && value.is_table()) {
      toml::table& target = *merged["scenario"].as_table();
      for (const auto& [k, v] : *value.as_table()) target.insert_or_assign(k, v);
      target.erase("extends");
    } else {
      merged.insert_or_assign(key, value);
    }
  }
  return merged;
}

/// [scenario]: the name (a folder name) and the run's CRS, which must be projected: the one
/// declared, else the buildings' own.
void readHead(const TomlNode& root, Scenario& s) {
  const auto head = root.table("scenario");
  if (!head) root.fail("scenario", "missing: every scenario starts with [scenario] name = \"…\"");
  s.name = head->string("name");
  if (s.name.empty() || s.name.find_first_of("/\\") != std::string::npos)
    head->fail("name", "expected a name usable as a folder name");
  s.crs = head->string("crs", "");
  if (s.crs.empty()) {
    if (const auto b = root.table("buildings"); b && b->has("file")) {
      const std::string f = b->pathValue("file", s.dir);
      s.crs = isCityModel(f) ? readCityModel(f, "").crs : layerCrs(f, b->string("layer", ""));
      if (!s.crs.empty() && isGeographicCrs(s.crs))
        throw InputError(f, "", "the buildings are in a geographic CRS (" + s.crs + "): set [scenario] crs to a projected CRS (e.g. the local UTM zone)");
    }
  } else if (isGeographicCrs(s.crs)) {
    head->fail("crs", "\"" + s.crs + "\" is geographic (degrees): choose a projected CRS");
  }
}

/// [meteo]: the air, and the probability of favourable conditions per period.
void readMeteo(const TomlNode& root, Meteo& meteo) {
  const auto m = root.table("meteo");
  if (!m) return;
  meteo.air.temperatureC = m->number("temperature_c", 15.0);
  meteo.air.relativeHumidityPct = m->number("humidity_pct", 70.0);
  meteo.air.pressurePa = m->number("pressure_pa", 101325.0);
  if (const auto f = m->table("favourable")) {
    auto p = [&](const char* k) {
      const double v = f->number(k, 0.5);
      if (v < 0.0 || v > 1.0) f->fail(k, "expected a probability between 0 and 1");
      return v;
    };
    meteo.favourableDay = p("day"), meteo.favourableEvening = p("evening"), meteo.favourableNight = p("night");
  }
}

/// [assessment]: the windows of every building and the indoor night target.
void readAssessment(const TomlNode& root, Scenario& s) {
  const auto a = root.table("assessment");
  if (!a) return;
  s.windows.rwCtr = a->number("window_rw_ctr", s.windows.rwCtr);
  s.windows.roomVolume = a->number("room_volume", s.windows.roomVolume);
  s.windows.facadeArea = a->number("room_facade_area", s.windows.facadeArea);
  if (s.windows.rwCtr <= 0.0) a->fail("window_rw_ctr", "expected R_w + C_tr in dB");
  if (s.windows.roomVolume <= 0.0) a->fail("room_volume", "expected a volume in m³");
  if (s.windows.facadeArea <= 0.0) a->fail("room_facade_area", "expected an area in m²");
  s.indoorNightTarget = a->number("indoor_night_target", s.indoorNightTarget);
}

}  // namespace

Scenario loadScenario(const std::filesystem::path& file) { return loadScenario(file, ""); }

Scenario loadScenario(const std::filesystem::path& file, const std::string& variant) { return loadScenario(file, variant, {}); }

Scenario loadScenario(const std::filesystem::path& file, const std::string& variant, const LoadOptions& options) {
  Scenario s;
  s.strict = options.strict;
  s.file = file;
  s.dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  const std::string fileName = file.string();
  toml::table doc = scenarioDocument(file);
  s.variantNames = variantNames(doc);
  VariantParts parts = beginVariant(doc, variant, fileName, s);
  const TomlNode root(doc, "", fileName);
  readHead(root, s);
  readMeteo(root, s.meteo);
  readAssessment(root, s);
  std::string libraryFile;
  if (const auto lib = root.table("library"); lib && lib->has("file")) libraryFile = lib->pathValue("file", s.dir);
  const std::vector<LibraryEntry> library = loadSourceLibrary(libraryFile);
  if (!libraryFile.empty()) s.rasterAndMeshInputs.emplace_back(libraryFile);
  LayerLog log{s.warnings, s.layers, s.repairs, options.strict};
  const SourceContext ctx{fileName, s.dir, s.crs, s.meteo, library, root, s.sources, s.warnings, log, &parts.roadEdits, &s.costs};
  readRoads(ctx);
  readRail(ctx);
  readConstruction(ctx);
  readLoudspeakers(ctx);
  readCommercial(ctx);
  readScene(root, s.dir, s.crs, log, s);
  finishVariant(parts, fileName, s);
  orderRepairs(s.repairs);
  return s;
}

}  // namespace citynoise::io
