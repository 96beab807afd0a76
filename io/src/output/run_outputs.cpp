#include <citynoise/io/repairs.hpp>
#include <citynoise/io/run_outputs.hpp>

#include <citynoise/core/map_palette.hpp>
#include <citynoise/io/atomic_file.hpp>
#include <citynoise/io/data_files.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
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
  writeManifest(dir, run);
}

}  // namespace citynoise::io
