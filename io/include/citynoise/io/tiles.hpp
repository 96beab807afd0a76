#pragma once
// A stored version as OGC 3D Tiles 1.1 for any 3D Tiles client (CesiumJS, QGIS ≥ 3.34, the
// service's page): the city's buildings as glTF meshes whose façades are cut into floors and
// coloured by the chosen indicator's 5 dB class, each floor a feature with its levels
// (EXT_mesh_features, EXT_structural_metadata), roofs neutral, the terrain with the grid's levels
// draped on it; split by a quadtree so a whole city loads tile by tile.

#include <citynoise/io/store.hpp>

#include <array>
#include <filesystem>
#include <memory>
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

/// Longitudes and latitudes (WGS 84, degrees) of a CRS's points, for a page that flies to them.
/// Safe to share between threads (one transformation, used under a lock).
class LonLatConverter {
 public:
  /// For a CRS PROJ does not know (or none), every point is NaN.
  explicit LonLatConverter(const std::string& crs);
  ~LonLatConverter();
  LonLatConverter(const LonLatConverter&) = delete;
  LonLatConverter& operator=(const LonLatConverter&) = delete;
  /// {longitude, latitude}; NaN where the point lies outside the CRS's area or the CRS is unknown.
  [[nodiscard]] std::array<double, 2> operator()(double x, double y) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The version's tileset. InputError for an unknown version or indicator, or a version without
/// city surfaces (a result written without VTK outputs) or without a CRS PROJ knows.
Tileset makeTiles(const MapStore& store, std::int64_t version, const TileOptions& options);

/// Writes the tiles into `dir` (each file atomically, tileset.json last; tiles of an earlier
/// tileset that this one does not use are removed after).
void writeTiles(const Tileset& tiles, const std::filesystem::path& dir);

}  // namespace citynoise::io
