#pragma once
// `citynoise osm`: an OpenStreetMap extract (.osm.pbf or .osm) turned into a city the run
// command maps with no other step — DIR/city.gpkg (buildings, roads, rail, ground) and a
// runnable DIR/scenario.toml — with every guess (heights, traffic, rail defaults) taken from a
// documented, editable table (io/data/osm/) and counted.

#include <citynoise/core/geometry2d.hpp>
#include <citynoise/io/repairs.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace citynoise::io {

struct OsmImportOptions {
  std::filesystem::path input;    ///< .osm.pbf or .osm
  std::filesystem::path outDir;
  std::string crs;                ///< "" = the UTM zone of the data's centre
  std::filesystem::path dem;      ///< optional elevation raster, referenced by the scenario
  std::optional<Box2> bounds;     ///< lon/lat (WGS 84) box to keep
  std::filesystem::path highways, railways, buildings;  ///< tables replacing the built-in ones
  std::string name;               ///< scenario name ("" = the input's stem)
  bool strict = false;            ///< a geometry defect stops the import
  double storeyHeight = 3.0;      ///< m per level
};

/// What the import made, and how each value was chosen (the counts of osm_summary.md).
struct OsmImportReport {
  std::string crs;                      ///< the projected CRS the city is in
  std::size_t buildings = 0, roads = 0, railLines = 0, groundAreas = 0;
  std::map<std::string, std::size_t> heightFrom;   ///< "height tag", "building:levels", "default for house", …
  std::map<std::string, std::size_t> useFrom;      ///< "building=school", "landuse=residential", …
  std::map<std::string, std::size_t> roadsByClass; ///< highway value → ways kept
  std::map<std::string, std::size_t> railByKind;
  std::map<std::string, std::size_t> groundByKind; ///< "grass (G = 1)", "water (G = 0)", …
  std::map<std::string, std::size_t> leftOut;      ///< "road in a tunnel", "non-motor highway=footway", …
  std::size_t speedTagged = 0, lanesTagged = 0, onewayWays = 0, bridges = 0;
  std::size_t partsReplacingOutline = 0, partsDropped = 0, raisedParts = 0;
  std::vector<Repair> repairs;
};

/// Reads the extract and writes DIR/city.gpkg, DIR/scenario.toml, DIR/osm_summary.md and
/// DIR/repairs.csv (each atomically). Throws InputError (file, layer or table, what) on bad input:
/// no buildings, an unknown CRS, a table that cannot be read.
OsmImportReport importOsm(const OsmImportOptions& options);

/// The UTM zone of a point as an EPSG code text ("EPSG:32632" north, "EPSG:327zz" south).
std::string utmZoneCrs(double longitude, double latitude);

}  // namespace citynoise::io
