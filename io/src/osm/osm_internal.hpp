#pragma once
// The stages of `citynoise osm` (internal to citynoise_io): OSM features with their tags in, plain
// records of buildings, roads, rail lines and ground areas out, then written as a GeoPackage and
// a scenario. Each rule is a small function here, its table in io/data/osm/.

#include <citynoise/io/gis.hpp>
#include <citynoise/io/osm_import.hpp>
#include <citynoise/io/osm_tags.hpp>

#include "osm_tables.hpp"

#include <array>
#include <string>
#include <vector>

namespace citynoise::io::osm {

/// A feature of the OSM layers with all its tags (columns and other_tags merged).
struct OsmFeature {
  std::string id;  ///< "way/123" or "relation/45"
  Tags tags;
  std::vector<std::vector<std::vector<Vec3>>> polygons;  ///< areas
  std::vector<std::vector<Vec3>> lines;                  ///< ways
};

/// The tags of a feature read from GDAL's OSM layers, its id from osm_way_id / osm_id.
OsmFeature osmFeature(GisFeature&& f);
std::string osmId(const GisFeature& f);

using Polygons = std::vector<std::vector<std::vector<Vec3>>>;

struct BuildingRecord {
  std::string id, name, type, use, heightSource, useSource;
  double height = 0, floors = 0, population = 0;
  Polygons polygons;
};

struct RoadRecord {
  std::string id, name, highway;
  double lanes = 0, speed = 0;
  bool oneway = false, bridge = false;
  std::array<std::array<double, 3>, 3> flow{};  ///< [period D/E/N][category light/medium/heavy] veh/h
  std::vector<std::vector<Vec3>> lines;
};

struct RailRecord {
  std::string id, name, kind;
  bool bridge = false;
  std::vector<std::vector<Vec3>> lines;
};

struct GroundRecord {
  std::string id, kind;
  double g = 0;
  Polygons polygons;
};

/// Buildings from building=* areas and building:part=* parts, heights and uses chosen by the
/// rules of io/data/osm/README.md; every choice counted in `report`.
std::vector<BuildingRecord> buildingsFrom(std::vector<OsmFeature> areas, const std::vector<OsmFeature>& landuse,
                                          const Tables& tables, double storeyHeight, OsmImportReport& report);

/// Road sources from highway=* ways of the motor classes in the table (tunnels left out).
std::vector<RoadRecord> roadsFrom(const std::vector<OsmFeature>& ways, const Tables& tables, OsmImportReport& report);

/// Rail lines of the kinds in the table, above ground.
std::vector<RailRecord> railFrom(const std::vector<OsmFeature>& ways, const Tables& tables, OsmImportReport& report);

/// Ground areas with their CNOSSOS-EU G (Directive Table 2.5.a) from landuse, natural, leisure.
std::vector<GroundRecord> groundFrom(const std::vector<OsmFeature>& areas, OsmImportReport& report);

/// DIR/city.gpkg (layers buildings, roads, rail, ground), atomically.
void writeCityGeoPackage(const std::filesystem::path& file, const std::string& crs, const std::vector<BuildingRecord>& buildings,
                         const std::vector<RoadRecord>& roads, const std::vector<RailRecord>& rail,
                         const std::vector<GroundRecord>& ground);

/// DIR/scenario.toml: a runnable scenario over city.gpkg.
void writeOsmScenario(const std::filesystem::path& file, const OsmImportOptions& options, const OsmImportReport& report,
                      const Tables& tables);

/// DIR/osm_summary.md: what was made and how each value was chosen.
void writeOsmSummary(const std::filesystem::path& file, const OsmImportOptions& options, const OsmImportReport& report,
                     const Tables& tables);

}  // namespace citynoise::io::osm
