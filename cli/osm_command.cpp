// `citynoise osm FILE.osm.pbf --out DIR`: a city from OpenStreetMap, ready for `citynoise run`.

#include "commands.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/osm_import.hpp>

#include <iostream>
#include <sstream>

namespace citynoise::cli {
namespace {

/// --bounds lon_min,lat_min,lon_max,lat_max (WGS 84 degrees).
Box2 parseBounds(const std::string& text) {
  std::stringstream in(text);
  double v[4];
  char comma = 0;
  bool ok = static_cast<bool>(in >> v[0]);
  for (int i = 1; i < 4 && ok; ++i) ok = static_cast<bool>(in >> comma >> v[i]) && comma == ',';
  in >> std::ws;
  if (!ok || !in.eof() || v[0] >= v[2] || v[1] >= v[3] || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90)
    throw InputError("--bounds", text, "expected lon_min,lat_min,lon_max,lat_max in degrees (WGS 84), min below max");
  return {{v[0], v[1]}, {v[2], v[3]}};
}

}  // namespace

void addOsmCommand(CLI::App& app, OsmOptions& o) {
  CLI::App* cmd = app.add_subcommand("osm", "Make a city (city.gpkg) and a runnable scenario.toml from an OpenStreetMap extract");
  cmd->add_option("FILE", o.input, "OpenStreetMap extract (.osm.pbf or .osm)")->required();
  cmd->add_option("--out", o.out, "output folder (city.gpkg, scenario.toml, osm_summary.md, repairs.csv)")->required();
  cmd->add_option("--crs", o.crs, "projected CRS of the city (default: the UTM zone of the data's centre)");
  cmd->add_option("--dem", o.dem, "elevation raster for [terrain] (any GDAL raster, reprojected)");
  cmd->add_option("--bounds", o.bounds, "keep what meets lon_min,lat_min,lon_max,lat_max (WGS 84 degrees)");
  cmd->add_option("--name", o.name, "scenario name (default: the file's name)");
  cmd->add_option("--storey-height", o.storeyHeight, "metres per building level (default 3)");
  cmd->add_option("--highways", o.highways, "traffic table by road class replacing the built-in one (CSV)");
  cmd->add_option("--railways", o.railways, "rail defaults by railway kind replacing the built-in ones (CSV)");
  cmd->add_option("--buildings", o.buildings, "floors and use by building type replacing the built-in table (CSV)");
  cmd->add_flag("--strict", o.strict, "stop at the first geometry defect instead of repairing it");
}

int runOsm(const OsmOptions& o) {
  try {
    io::OsmImportOptions options;
    options.input = o.input;
    options.outDir = o.out;
    options.crs = o.crs;
    options.dem = o.dem;
    if (!o.bounds.empty()) options.bounds = parseBounds(o.bounds);
    options.name = o.name;
    options.storeyHeight = o.storeyHeight;
    options.highways = o.highways;
    options.railways = o.railways;
    options.buildings = o.buildings;
    options.strict = o.strict;
    const io::OsmImportReport r = io::importOsm(options);
    std::size_t material = 0;
    for (const io::Repair& rep : r.repairs) material += rep.material();
    std::cout << options.input.filename().string() << ": " << r.buildings << " buildings, " << r.roads << " roads, " << r.railLines
              << " rail lines, " << r.groundAreas << " ground areas in " << r.crs << "; " << r.repairs.size() << " geometry repairs ("
              << material << " material) -> " << (std::filesystem::path(o.out) / "scenario.toml").string() << "\n";
    return kExitOk;
  } catch (const InputError& e) {
    std::cerr << "citynoise osm: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "citynoise osm: " << o.input << ": error: " << e.what() << '\n';
    return kExitFailure;
  }
}

}  // namespace citynoise::cli
