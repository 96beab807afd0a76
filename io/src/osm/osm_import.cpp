// `citynoise osm`: reading the extract through GDAL's OSM driver, choosing the CRS, and the
// stages of osm_internal.hpp in order.
#include "osm_internal.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/data_files.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace citynoise::io {

std::string utmZoneCrs(double longitude, double latitude) {
  const int zone = std::clamp(static_cast<int>(std::floor((longitude + 180.0) / 6.0)) + 1, 1, 60);
  return "EPSG:" + std::to_string((latitude >= 0.0 ? 32600 : 32700) + zone);
}

namespace osm {
namespace {

/// The lon/lat box of the import: the one asked for, else the extract's (its header's bounds).
Box2 importBounds(const OsmImportOptions& o) {
  if (o.bounds) return *o.bounds;
  if (const auto e = layerExtent(o.input.string(), "multipolygons"); e && !e->empty()) return *e;
  // No header bounds (an .osm file without <bounds>): the buildings' own extent.
  LayerQuery q;
  q.layer = "multipolygons";
  q.where = "building IS NOT NULL";
  Box2 box;
  for (const GisFeature& f : readVectorLayer(o.input.string(), q).features)
    for (const auto& poly : f.polygons)
      for (const Vec3& p : poly.front()) box.extend(plan(p));
  if (box.empty()) throw InputError(o.input.string(), "multipolygons", "no buildings (no area tagged building=*) in the data");
  return box;
}

std::string chooseCrs(const OsmImportOptions& o) {
  if (!o.crs.empty()) {
    if (isGeographicCrs(o.crs)) throw InputError("--crs", o.crs, "a geographic CRS (degrees): give a projected one");
    if (!isKnownCrs(o.crs)) throw InputError("--crs", o.crs, "not a CRS GDAL knows (give e.g. EPSG:2056 or EPSG:4547)");
    return o.crs;
  }
  const Box2 b = importBounds(o);
  return utmZoneCrs(0.5 * (b.min.x + b.max.x), 0.5 * (b.min.y + b.max.y));
}

std::vector<OsmFeature> readOsm(const OsmImportOptions& o, const std::string& layer, const std::string& where, GeometryKind kind,
                                const std::string& crs, OsmImportReport& report) {
  LayerQuery q;
  q.layer = layer;
  q.where = where;
  q.targetCrs = crs;
  q.expect = kind;
  q.idOf = osmId;
  q.strict = o.strict;
  q.bounds = o.bounds;
  q.openOptions = {"CONFIG_FILE=" + (dataDirectory() / "osm/osmconf.ini").string()};
  GisLayer l = readVectorLayer(o.input.string(), q);
  report.repairs.insert(report.repairs.end(), l.repairs.begin(), l.repairs.end());
  std::vector<OsmFeature> out;
  out.reserve(l.features.size());
  for (GisFeature& f : l.features) out.push_back(osmFeature(std::move(f)));
  return out;
}

}  // namespace
}  // namespace osm

OsmImportReport importOsm(const OsmImportOptions& options) {
  using namespace osm;
  OsmImportOptions o = options;
  const std::string file = o.input.string();
  if (!std::filesystem::exists(o.input)) throw InputError(file, "", "no such file");
  if (o.name.empty()) o.name = o.input.stem().stem().string();  // geneva.osm.pbf -> geneva
  if (o.storeyHeight <= 0.0) throw InputError("--storey-height", "", "expected a positive height");
  const Tables tables = loadTables(o.highways, o.railways, o.buildings);
  OsmImportReport report;
  report.crs = chooseCrs(o);
  if (!o.dem.empty()) (void)readElevationRaster(o.dem.string(), report.crs);  // fails early, naming the DEM

  const std::string areas = "building IS NOT NULL OR landuse IS NOT NULL OR \"natural\" IS NOT NULL OR leisure IS NOT NULL OR "
                            "other_tags LIKE '%\"building:part\"=>%' OR other_tags LIKE '%\"waterway\"=>\"riverbank\"%'";
  std::vector<OsmFeature> polygons = readOsm(o, "multipolygons", areas, GeometryKind::Polygon, report.crs, report);
  std::vector<OsmFeature> buildingAreas, landAreas;
  for (OsmFeature& f : polygons) {
    const bool building = !tag(f.tags, "building").empty() || !tag(f.tags, "building:part").empty();
    (building ? buildingAreas : landAreas).push_back(std::move(f));
  }
  const std::vector<OsmFeature> ways = readOsm(o, "lines", "highway IS NOT NULL OR railway IS NOT NULL", GeometryKind::Line, report.crs, report);

  const std::vector<BuildingRecord> buildings = buildingsFrom(std::move(buildingAreas), landAreas, tables, o.storeyHeight, report);
  if (buildings.empty()) throw InputError(file, "multipolygons", "no buildings (no area tagged building=*) in the data" +
                                                                  std::string(o.bounds ? " within --bounds" : ""));
  const std::vector<RoadRecord> roads = roadsFrom(ways, tables, report);
  const std::vector<RailRecord> rail = railFrom(ways, tables, report);
  const std::vector<GroundRecord> ground = groundFrom(landAreas, report);
  orderRepairs(report.repairs);

  std::filesystem::create_directories(o.outDir);
  writeCityGeoPackage(o.outDir / "city.gpkg", report.crs, buildings, roads, rail, ground);
  writeRepairsCsv(o.outDir / "repairs.csv", report.repairs);
  writeOsmSummary(o.outDir / "osm_summary.md", o, report, tables);
  writeOsmScenario(o.outDir / "scenario.toml", o, report, tables);
  return report;
}

}  // namespace citynoise::io
