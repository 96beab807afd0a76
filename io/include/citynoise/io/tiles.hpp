#pragma once
// A stored version as OGC 3D Tiles 1.1 for any 3D Tiles client (CesiumJS, QGIS ≥ 3.34, the
// service's page): the city's buildings as glTF meshes whose façades are cut into floors and
// coloured by the chosen indicator's 5 dB class, each floor a feature with its levels
// (EXT_mesh_features, EXT_structural_metadata), roofs neutral, the terrain with the grid's levels
// draped on it; split by a quadtree so a whole city loads tile by tile.

#include <citynoise/io/store.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace citynoise::io {

struct TileOptions {
  std::string indicator = "Lden";   ///< Lday, Levening, Lnight, Lden, Ld or Ln
  int maxBuildingsPerTile = 150;    ///< a quadtree cell with more is split
  int maxTerrainTrianglesPerTile = 40000;
  int maxDepth = 8;
};

struct Tileset {
  std::string json;  ///< tileset.json
  std::vector<std::pair<std::string, std::string>> files;  ///< relative path ("tiles/2-1-3.glb") → bytes
  std::size_t triangles = 0, features = 0;
};

/// The version's tileset. InputError for an unknown version or indicator, or a version without
/// city surfaces (a result written without VTK outputs) or without a CRS PROJ knows.
Tileset makeTiles(const MapStore& store, std::int64_t version, const TileOptions& options);

/// Writes the tiles into `dir` (each file atomically, tileset.json last; tiles of an earlier
/// tileset that this one does not use are removed after).
void writeTiles(const Tileset& tiles, const std::filesystem::path& dir);

}  // namespace citynoise::io
