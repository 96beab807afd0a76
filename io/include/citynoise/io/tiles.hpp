#pragma once
// A stored version as OGC 3D Tiles 1.1 for any 3D Tiles client (CesiumJS, QGIS ≥ 3.34, the
// service's page): the city's buildings as glTF meshes whose façades are cut into floors and
// coloured by the chosen indicator's 5 dB class, each floor a feature with its levels
// (EXT_mesh_features, EXT_structural_metadata), roofs neutral, the terrain with the grid's levels
// draped on it; split by a quadtree so a whole city loads tile by tile, each split cell with a
// coarser content of its own (one colour per building, the terrain simplified) for distant views.

#include <citynoise/io/store.hpp>

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace citynoise::io {

struct TileOptions {
  std::string indicator = "Lden";   ///< Lday, Levening, Lnight, Lden, Ld, Ln, or h00 … h23 (a version with hourly levels)
  int maxBuildingsPerTile = 150;    ///< a quadtree cell with more is split
  int maxTerrainTrianglesPerTile = 40000;
  int maxDepth = 8;
};

/// What a click on the map can hit: every leaf's triangles (the full detail) in the tileset's
/// local east-north-up frame (the root transform's), each with its feature — a building's floor,
/// or the terrain and structures (building empty), which only hide what lies behind them.
struct PickMesh {
  std::vector<float> triangles;        ///< 9 per triangle
  std::vector<std::uint32_t> feature;  ///< per triangle, into building and floor
  std::vector<std::string> building;
  std::vector<int> floor;              ///< as the tiles' features number floors (-1 roof, -2 no points)
};

struct Tileset {
  std::string json;  ///< tileset.json
  std::vector<std::pair<std::string, std::string>> files;  ///< relative path ("tiles/2-1-3.glb") → bytes
  std::size_t triangles = 0, features = 0;  ///< in the leaves (the full detail)
  std::size_t coarseTriangles = 0;           ///< in the coarser levels of split cells
  PickMesh pick;
};

struct PickHit {
  std::string building;  ///< empty: the terrain or a structure was hit first
  int floor = 0;
  double distance = 0;           ///< along the ray, in the units of its direction's length
  std::array<double, 3> point{};  ///< where, local east-north-up (m)
};

/// The first of the tileset's triangles on a ray (origin and direction in its local east-north-up
/// frame; Möller–Trumbore in double precision, every triangle tried: ~10 ms for the full Yuzhong
/// district's 600 000); nullopt when it hits none. What a page asks instead of a pick render pass,
/// which a software-rendering browser takes seconds over.
std::optional<PickHit> pickTiles(const Tileset& tiles, const std::array<double, 3>& origin, const std::array<double, 3>& direction);

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
  /// Whether PROJ knows the CRS (otherwise every point is NaN).
  [[nodiscard]] bool known() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The version's tileset. InputError for an unknown version or indicator, or a version without
/// city surfaces (a result written without VTK outputs) or without a CRS PROJ knows.
Tileset makeTiles(const MapStore& store, std::int64_t version, const TileOptions& options);

class ReceiverIndex;

/// The version's vertical sections as a tileset of one tile: each section receiver a vertical cell
/// (half-way to its neighbours along the line and in height) in its 5 dB class of `indicator`.
/// No files when the version has no sections.
Tileset makeSectionTiles(const MapStore& store, const ReceiverIndex& index, std::int64_t version, const std::string& indicator);

/// The volume cut at `altitude` (m) as a tileset of one tile: each lattice column a horizontal cell
/// of the volume's spacing, its level linear in dB between the layers around the altitude
/// (ReceiverIndex::volumeSlice). InputError without a volume or outside its altitudes.
Tileset makeSliceTiles(const MapStore& store, const ReceiverIndex& index, std::int64_t version, const std::string& indicator, double altitude);

/// Writes the tiles into `dir` (each file atomically, tileset.json last; tiles of an earlier
/// tileset that this one does not use are removed after).
void writeTiles(const Tileset& tiles, const std::filesystem::path& dir);

}  // namespace citynoise::io
