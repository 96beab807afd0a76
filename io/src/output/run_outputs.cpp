#include <citynoise/io/checksum.hpp>
#include <citynoise/io/repairs.hpp>
#include <citynoise/io/run_outputs.hpp>

#include <citynoise/core/map_palette.hpp>
#include <citynoise/io/atomic_file.hpp>
#include <citynoise/io/data_files.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <cmath>

namespace citynoise::io {

std::array<std::uint8_t, 3> levelColour(double level) { return mapPalette().colour(MapScale::Level, level, {160, 160, 160}); }

std::string gridName(double heightAboveTerrain) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", heightAboveTerrain);
  std::string s = std::string("grid_") + buf;
  std::replace(s.begin(), s.end(), '.', '_');
  return s;
}

namespace {

/// A layer file and the files that belong to it (a shapefile's .dbf, .shx, .prj, .cpg).
std::vector<std::filesystem::path> withSidecars(const std::filesystem::path& file) {
  std::vector<std::filesystem::path> out{file};
  if (file.extension() == ".shp")
    for (const char* ext : {".dbf", ".shx", ".prj", ".cpg"}) {
      std::filesystem::path side = file;
      side.replace_extension(ext);
      if (std::filesystem::exists(side)) out.push_back(side);
    }
  return out;
}

/// What the result was made from, deterministic (no times: a re-run writes the same manifest):
/// the scenario file and its checksum, every input file's checksum, the calculation options, the
/// counts. Paths relative to the scenario's folder.
nlohmann::ordered_json runRecord(const RunData& run) {
  const Scenario& s = run.scenario;
  nlohmann::ordered_json r;
  r["scenario_file"] = s.file.filename().string();
  r["scenario_sha256"] = sha256File(s.file);
  std::set<std::filesystem::path> files(s.rasterAndMeshInputs.begin(), s.rasterAndMeshInputs.end());
  for (const LayerInfo& l : s.layers) files.insert(l.file);
  nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
  for (const std::filesystem::path& f : files)
    for (const std::filesystem::path& part : withSidecars(f)) {
      std::error_code ec;
      const std::filesystem::path rel = std::filesystem::relative(part, s.dir, ec);
      inputs.push_back({{"file", (ec || rel.empty() ? part : rel).generic_string()}, {"sha256", sha256File(part)}});
    }
  r["inputs"] = inputs;
  const CalculationSettings& c = s.calculation;
  r["options"] = {{"reflection_order", c.reflectionOrder}, {"max_distance", c.maxDistance},
                  {"max_reflection_distance", c.maxReflectionDistance}, {"lateral_diffraction", c.lateralDiffraction},
                  {"split_angle", c.splitAngleDeg}};
  r["paths"] = run.figures.paths;
  if (!s.emissionGains.empty()) {  // a calibrated run: not what the scenario alone gives
    nlohmann::ordered_json gains = nlohmann::ordered_json::object();
    for (const auto& [group, db] : s.emissionGains) gains[group] = db;
    r["emission_gains"] = {{"file", s.gainsFile.filename().string()}, {"sha256", sha256File(s.gainsFile)}, {"gains_db", gains}};
  }
  return r;
}

}  // namespace

void writeManifest(const std::filesystem::path& dir, const RunData& run) {
  const OutputSettings& o = run.scenario.outputs;
  nlohmann::ordered_json m;
  m["format"] = "citynoise-result/1";
  m["scenario"] = run.scenario.variant.empty() ? run.scenario.name : run.scenario.name + " / " + run.scenario.variant;
  if (!run.scenario.variant.empty()) m["variant"] = run.scenario.variant;
  m["crs"] = run.scenario.crs;
  m["method"] = "CNOSSOS-EU (Directive 2015/996 Annex II, 2021/1226); GB 3096-2008 limits";
  m["indicators"] = {"Lday", "Levening", "Lnight", "Lden", "Ld", "Ln"};
  nlohmann::ordered_json files;
  files["summary"] = "summary.md";
  files["repairs"] = "repairs.csv";
  files["scenario"] = "scenario.toml";
  if (o.geopackage) files["geopackage"] = run.scenario.name + ".gpkg";
  if (o.vtk) {
    files["city"] = "city.vtp";
    files["facades"] = "facades.vtp";
    files["facade_patches"] = "facade_patches.vtp";
    files["sources"] = "sources.vtp";
    nlohmann::ordered_json grids = nlohmann::ordered_json::array();
    for (const GridInfo& g : run.receivers.grids) grids.push_back({{"file", gridName(g.height) + ".vtp"}, {"height", g.height}});
    files["grids"] = grids;
    if (!run.receivers.sections.empty()) files["sections"] = "sections.vtp";
    if (run.receivers.volume) files["volume"] = "volume.vti";
  }
  if (o.gltf) files["gltf"] = "city.glb";
  m["files"] = files;
  std::size_t facades = 0;
  for (const Receiver& r : run.receivers.receivers) facades += r.kind == ReceiverKind::Facade;
  m["counts"] = {{"receivers", run.receivers.receivers.size()}, {"facade_receivers", facades}, {"buildings", run.buildings.size()},
                 {"source_objects", run.scenario.sources.size()}};
  m["run"] = runRecord(run);
  AtomicFile f(dir / "citynoise-result.json");
  f.stream() << m.dump(2) << '\n';
  f.commit();
}

void writeRunOutputs(const std::filesystem::path& dir, const RunData& run) {
  writeSummary(dir, run);
  const OutputSettings& o = run.scenario.outputs;
  if (o.geopackage) writeGeoPackage(dir / (run.scenario.name + ".gpkg"), run);
  if (o.geotiff) writeGeoTiffs(dir, run);
  if (o.vtk) writeVtk(dir, run);
  if (o.gltf) writeGltf(dir / "city.glb", run);
  writeRepairsCsv(dir / "repairs.csv", run.scenario.repairs);
  // The scenario as it was, so the result (and a store holding it) says what it computed.
  AtomicFile scenario(dir / "scenario.toml");
  std::ifstream in(run.scenario.file, std::ios::binary);
  scenario.stream() << in.rdbuf();
  scenario.commit();
  writeManifest(dir, run);
}

}  // namespace citynoise::io
