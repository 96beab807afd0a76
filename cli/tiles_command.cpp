// `citynoise tiles STORE VERSION --out DIR [--indicator Lden]`: a stored version as 3D Tiles 1.1.
#include "commands.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/tiles.hpp>

#include <chrono>
#include <iostream>

namespace citynoise::cli {

void addTilesCommand(CLI::App& app, TilesOptions& o) {
  CLI::App* cmd = app.add_subcommand("tiles", "Write a stored version as OGC 3D Tiles 1.1 (façades per floor, terrain with the grid draped)");
  cmd->add_option("STORE", o.store, "store file or PG:connection")->required();
  cmd->add_option("VERSION", o.version, "version number (citynoise store list)")->required()->check(CLI::PositiveNumber);
  cmd->add_option("--out", o.out, "output folder (tileset.json and tiles/)")->required();
  cmd->add_option("--indicator", o.tiles.indicator, "colours by this indicator's 5 dB classes: Lden (default), Lday, Levening, Lnight, Ld, Ln, or an hour h00 … h23");
  cmd->add_option("--max-buildings-per-tile", o.tiles.maxBuildingsPerTile, "split a quadtree cell with more buildings (default 150)")
      ->check(CLI::Range(1, 100000));
}

int runTiles(const TilesOptions& o) {
  try {
    const auto t0 = std::chrono::steady_clock::now();
    const io::MapStore store(o.store);
    const io::Tileset tiles = io::makeTiles(store, o.version, o.tiles);
    io::writeTiles(tiles, o.out);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << o.out << "/tileset.json: " << tiles.files.size() << " tiles, " << tiles.triangles << " triangles, " << tiles.features
              << " façade floors and roofs (" << tiles.coarseTriangles
              << " more triangles in the coarser levels), in " << s << " s\n";
    return kExitOk;
  } catch (const InputError& e) {
    std::cerr << "citynoise tiles: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "citynoise tiles: error: " << e.what() << '\n';
    return kExitFailure;
  }
}

}  // namespace citynoise::cli
