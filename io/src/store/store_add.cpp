// Adding a result folder to the store: the manifest, the GeoPackage's receiver, building and
// source layers (streamed through OGR), the summaries.
#include <citynoise/core/error.hpp>
#include <citynoise/io/checksum.hpp>

#include "../csv_table.hpp"
#include "../gdal_support.hpp"
#include "schema.hpp"
#include "store_internal.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

namespace citynoise::io::store {
namespace {

using nlohmann::json;

std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string fileTime(const std::filesystem::path& file) {
  const auto ft = std::filesystem::last_write_time(file);
  const auto sys = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
      ft - std::filesystem::file_time_type::clock::now() + std::chrono::system_clock::now());
  return utcTime(std::chrono::system_clock::to_time_t(sys));
}

/// The result's identity: every file of the folder (not its variants) by name and content.
std::string resultHash(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& f : files) all += f.filename().string() + ' ' + sha256File(f) + '\n';
  return sha256Text(all);
}

/// The run record of the manifest plus the run figures of summary.csv (rows "run,<key>,,<value>").
std::string runRecord(const json& manifest, const std::filesystem::path& dir) {
  json r = manifest.value("run", json::object());
  json figures = json::object();
  std::ifstream in(dir / "summary.csv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("run,", 0) != 0) continue;
    const std::vector<std::string> cells = detail::splitCsvLine(line);
    if (cells.size() >= 4) figures[cells[1]] = cells[3];
  }
  r["figures"] = figures;
  return r.dump();
}

/// The fields of an OGR layer by name, for reading a feature's values where the layer has them.
class Fields {
 public:
  explicit Fields(OGRLayerH layer) : defn_(OGR_L_GetLayerDefn(layer)) {}
  [[nodiscard]] int index(const char* name) const { return OGR_FD_GetFieldIndex(defn_, name); }
  static double real(OGRFeatureH f, int i) { return i >= 0 && OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsDouble(f, i) : std::nan(""); }
  static std::string text(OGRFeatureH f, int i) { return i >= 0 && OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : ""; }

 private:
  OGRFeatureDefnH defn_;
};

void bindTextOrNull(Statement& s, int i, const std::string& v) {
  if (v.empty()) s.bindNull(i);
  else s.bind(i, v);
}

std::string receiverKind(const std::string& layer) {
  if (layer == "facade_receivers") return "facade";
  if (layer.rfind("grid_", 0) == 0) return "grid";
  if (layer == "sections") return "section";
  if (layer == "volume") return "volume";
  if (layer == "points") return "point";
  return "";
}

/// Test hook: CITYNOISE_TEST_KILL_STORE_ADD=N kills this process (SIGKILL, as a user's kill -9 or
/// a power cut would) after N receivers, so a test can check that the store is left as it was.
void killForTest(std::int64_t receiversSoFar) {
  static const char* limit = std::getenv("CITYNOISE_TEST_KILL_STORE_ADD");
  if (limit && receiversSoFar == std::atoll(limit)) std::raise(SIGKILL);
}

std::int64_t addReceivers(Database& db, OGRLayerH layer, const std::string& kind, std::int64_t version, bool& hourly) {
  auto s = db.prepareInsert("receivers", {"version", "id", "kind", "x", "y", "z", "building", "floor", "zone", "lday", "levening", "lnight",
                                          "lden", "ld", "ln", "exceed_day", "exceed_night", "dominant", "hourly"});
  const Fields fl(layer);
  // The LAeq of each hour where the result has them ([outputs] hourly: LAeq_h00 … LAeq_h23).
  int hour[24];
  bool hasHours = true;
  for (int h = 0; h < 24; ++h) hasHours = (hour[h] = fl.index((std::string("LAeq_h") + (h < 10 ? "0" : "") + std::to_string(h)).c_str())) >= 0 && hasHours;
  hourly = hourly || hasHours;
  std::vector<double> hours(24);
  const int id = fl.index("id"), building = fl.index("building"), floor = fl.index("floor"), zone = fl.index("zone");
  const int level[6] = {fl.index("Lday"), fl.index("Levening"), fl.index("Lnight"), fl.index("Lden"), fl.index("Ld"), fl.index("Ln")};
  const int exceedDay = fl.index("exceed_day"), exceedNight = fl.index("exceed_night"), dominant = fl.index("dominant");
  std::int64_t n = 0;
  OGR_L_ResetReading(layer);
  while (gdal::Feature f{OGR_L_GetNextFeature(layer)}) {
    OGRGeometryH g = OGR_F_GetGeometryRef(f.get());
    if (!g) continue;
    s->reset();
    s->bind(1, version);
    s->bind(2, Fields::text(f.get(), id));
    s->bind(3, kind);
    s->bind(4, OGR_G_GetX(g, 0));
    s->bind(5, OGR_G_GetY(g, 0));
    s->bind(6, OGR_G_GetZ(g, 0));
    bindTextOrNull(*s, 7, Fields::text(f.get(), building));
    if (floor >= 0 && OGR_F_IsFieldSetAndNotNull(f.get(), floor)) s->bind(8, static_cast<std::int64_t>(OGR_F_GetFieldAsInteger(f.get(), floor)));
    else s->bindNull(8);
    bindTextOrNull(*s, 9, Fields::text(f.get(), zone));
    for (int k = 0; k < 6; ++k) s->bindOptional(10 + k, Fields::real(f.get(), level[k]));
    s->bindOptional(16, Fields::real(f.get(), exceedDay));
    s->bindOptional(17, Fields::real(f.get(), exceedNight));
    bindTextOrNull(*s, 18, Fields::text(f.get(), dominant));
    if (hasHours) {
      for (int h = 0; h < 24; ++h) hours[static_cast<std::size_t>(h)] = Fields::real(f.get(), hour[h]);
      s->bind(19, hourlyBlob(hours));
    } else {
      s->bindNull(19);
    }
    s->step();
    killForTest(++n);
  }
  s->finish();
  return n;
}

std::string wktOf(OGRGeometryH g) {
  char* wkt = nullptr;
  OGR_G_ExportToWkt(g, &wkt);
  const gdal::CplString owner(wkt);
  return wkt ? std::string(wkt) : std::string();
}

std::int64_t addBuildings(Database& db, OGRLayerH layer, std::int64_t version, std::vector<std::string>& ids) {
  auto s = db.prepare(
      "INSERT INTO buildings (version, id, use, zone, sensitive, population, roof_altitude, facade_points, max_lday, max_levening, "
      "max_lnight, max_lden, max_ld, max_ln, exceed_day, exceed_night, people_over_limit, floors_over_night_limit, footprint, "
      "min_x, min_y, max_x, max_y) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const Fields fl(layer);
  const char* reals[] = {"sensitive", "population", "roof_altitude", "facade_points", "max_Lday", "max_Levening", "max_Lnight",
                         "max_Lden", "max_Ld", "max_Ln", "exceed_day", "exceed_night", "people_over_limit", "floors_over_night_limit"};
  std::int64_t n = 0;
  OGR_L_ResetReading(layer);
  while (gdal::Feature f{OGR_L_GetNextFeature(layer)}) {
    s->reset();
    s->bind(1, version);
    ids.push_back(Fields::text(f.get(), fl.index("id")));  // in the run's order: city.vtp numbers buildings so
    s->bind(2, ids.back());
    bindTextOrNull(*s, 3, Fields::text(f.get(), fl.index("use")));
    bindTextOrNull(*s, 4, Fields::text(f.get(), fl.index("zone")));
    for (int k = 0; k < 14; ++k) s->bindOptional(5 + k, Fields::real(f.get(), fl.index(reals[k])));
    OGRGeometryH g = OGR_F_GetGeometryRef(f.get());
    OGREnvelope e{};
    if (g) OGR_G_GetEnvelope(g, &e);
    bindTextOrNull(*s, 19, g ? wktOf(g) : "");
    s->bind(20, e.MinX), s->bind(21, e.MinY), s->bind(22, e.MaxX), s->bind(23, e.MaxY);
    s->step();
    ++n;
  }
  return n;
}

std::int64_t addSources(Database& db, OGRLayerH layer, std::int64_t version) {
  auto s = db.prepare(
      "INSERT INTO sources (version, id, part, class, kind, shape, lwa_day, lwa_evening, lwa_night, lwa_cn_night, geometry, "
      "min_x, min_y, max_x, max_y) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const Fields fl(layer);
  std::map<std::string, std::int64_t> parts;
  OGR_L_ResetReading(layer);
  while (gdal::Feature f{OGR_L_GetNextFeature(layer)}) {
    const std::string id = Fields::text(f.get(), fl.index("id"));
    s->reset();
    s->bind(1, version);
    s->bind(2, id);
    s->bind(3, parts[id]++);
    for (int k = 0; k < 3; ++k) bindTextOrNull(*s, 4 + k, Fields::text(f.get(), fl.index(std::array{"class", "kind", "shape"}[static_cast<std::size_t>(k)])));
    const char* lwa[] = {"LwA_day", "LwA_evening", "LwA_night", "LwA_cn_night"};
    for (int k = 0; k < 4; ++k) s->bindOptional(7 + k, Fields::real(f.get(), fl.index(lwa[k])));
    OGRGeometryH g = OGR_F_GetGeometryRef(f.get());
    bindTextOrNull(*s, 11, g ? wktOf(g) : "");
    OGREnvelope e{};
    if (g) OGR_G_GetEnvelope(g, &e);
    s->bind(12, e.MinX), s->bind(13, e.MinY), s->bind(14, e.MaxX), s->bind(15, e.MaxY);
    s->step();
  }
  std::int64_t n = 0;
  for (const auto& [id, k] : parts) n += k > 0;
  return n;
}

struct Counts {
  std::int64_t receivers = 0, facade = 0, buildings = 0, sources = 0;
  bool hourly = false;
  std::vector<std::string> buildingIds;  ///< by the run's building index
};

Counts addLayers(Database& db, const std::filesystem::path& gpkg, std::int64_t version) {
  gdal::ensureGdal();
  const gdal::Dataset ds(GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds) throw InputError(gpkg.string(), "", "cannot open the result's GeoPackage");
  Counts c;
  for (int i = 0; i < GDALDatasetGetLayerCount(ds.get()); ++i) {
    OGRLayerH layer = GDALDatasetGetLayer(ds.get(), i);
    const std::string name = OGR_L_GetName(layer);
    if (const std::string kind = receiverKind(name); !kind.empty()) {
      const std::int64_t n = addReceivers(db, layer, kind, version, c.hourly);
      c.receivers += n;
      if (kind == "facade") c.facade += n;
    } else if (name == "buildings") {
      c.buildings = addBuildings(db, layer, version, c.buildingIds);
    } else if (name == "sources") {
      c.sources = addSources(db, layer, version);
    }
  }
  return c;
}

void addSummaries(Database& db, const std::filesystem::path& dir, std::int64_t version) {
  auto s = db.prepare("INSERT INTO summaries (version, name, content) VALUES (?, ?, ?)");
  for (const char* name : {"summary.md", "summary.csv", "repairs.csv", "compare.md", "compare.csv"}) {
    if (!std::filesystem::exists(dir / name)) continue;
    s->reset();
    s->bind(1, version);
    s->bind(2, std::string(name));
    s->bind(3, readText(dir / name));
    s->step();
  }
}

}  // namespace

std::string utcTime(std::time_t t) {
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

MapVersion addResult(Database& db, const std::filesystem::path& dir, const std::string& label) {
  const std::filesystem::path manifestFile = dir / "citynoise-result.json";
  if (!std::filesystem::exists(manifestFile)) throw InputError(dir.string(), "", "not a citynoise result (no citynoise-result.json)");
  json manifest;
  try {
    manifest = json::parse(readText(manifestFile));
  } catch (const json::exception& e) {
    throw InputError(manifestFile.string(), "", std::string("not valid JSON: ") + e.what());
  }
  if (manifest.value("format", "") != "citynoise-result/1") throw InputError(manifestFile.string(), "format", "not a citynoise-result/1 manifest");
  const std::string gpkgName = manifest.value("files", json::object()).value("geopackage", "");
  if (gpkgName.empty() || gpkgName.find('/') != std::string::npos)
    throw InputError(manifestFile.string(), "files.geopackage", "the store needs the result's GeoPackage ([outputs] geopackage = true)");
  const std::string hash = resultHash(dir);
  auto existing = db.prepare(std::string("SELECT ") + kVersionColumns + " FROM versions WHERE result_hash = ?");
  existing->bind(1, hash);
  if (existing->step()) {
    MapVersion v = versionFrom(*existing);
    v.alreadyStored = true;
    return v;
  }
  auto insert = db.prepare(
      "INSERT INTO versions (label, scenario, variant, created, added, result_hash, scenario_text, scenario_sha256, method, crs, run, "
      "receivers, facade_receivers, buildings, sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)");
  const json run = manifest.value("run", json::object());
  insert->bind(1, label);
  insert->bind(2, manifest.value("scenario", ""));
  insert->bind(3, manifest.value("variant", ""));
  insert->bind(4, fileTime(manifestFile));
  insert->bind(5, utcTime(std::time(nullptr)));
  insert->bind(6, hash);
  insert->bind(7, std::filesystem::exists(dir / "scenario.toml") ? readText(dir / "scenario.toml") : std::string());
  insert->bind(8, run.value("scenario_sha256", ""));
  insert->bind(9, manifest.value("method", ""));
  insert->bind(10, manifest.value("crs", ""));
  insert->bind(11, runRecord(manifest, dir));
  insert->step();
  auto idOf = db.prepare("SELECT id FROM versions WHERE result_hash = ?");
  idOf->bind(1, hash);
  idOf->step();
  const std::int64_t id = idOf->integer(0);
  const Counts c = addLayers(db, dir / gpkgName, id);
  addSummaries(db, dir, id);
  fillFloors(db, id);
  const std::string city = manifest.value("files", json::object()).value("city", "");
  if (!city.empty() && city.find('/') == std::string::npos && std::filesystem::exists(dir / city)) addSurfaces(db, dir / city, c.buildingIds, id);
  auto counts = db.prepare("UPDATE versions SET receivers = ?, facade_receivers = ?, buildings = ?, sources = ?, hourly = ? WHERE id = ?");
  counts->bind(1, c.receivers), counts->bind(2, c.facade), counts->bind(3, c.buildings), counts->bind(4, c.sources);
  counts->bind(5, static_cast<std::int64_t>(c.hourly ? 1 : 0)), counts->bind(6, id);
  counts->step();
  MapVersion v;
  v.id = id;
  return v;
}

void fillSourceExtents(Database& db) {
  struct Row {
    std::int64_t version, part;
    std::string id, wkt;
  };
  std::vector<Row> todo;  // read first: the updates change the index a scan would walk
  auto rows = db.prepare("SELECT version, id, part, geometry FROM sources WHERE min_x IS NULL");
  while (rows->step()) todo.push_back({rows->integer(0), rows->integer(2), rows->text(1), rows->text(3)});
  auto set = db.prepare("UPDATE sources SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE version = ? AND id = ? AND part = ?");
  gdal::ensureGdal();
  for (Row& r : todo) {
    char* text = r.wkt.data();
    OGRGeometryH g = nullptr;
    OGR_G_CreateFromWkt(&text, nullptr, &g);
    const gdal::Geometry owner(g);
    OGREnvelope e{};
    if (g) OGR_G_GetEnvelope(g, &e);
    set->reset();
    set->bind(1, e.MinX), set->bind(2, e.MinY), set->bind(3, e.MaxX), set->bind(4, e.MaxY);
    set->bind(5, r.version), set->bind(6, r.id), set->bind(7, r.part);
    set->step();
  }
}

}  // namespace citynoise::io::store
