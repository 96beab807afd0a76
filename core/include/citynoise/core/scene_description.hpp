#pragma once
// What a 3D scene is made of, as plain data: terrain, ground types, buildings and thin walls.
// Readers (io) fill it; the scene builder (raytrace) turns it into geometry.

#include <citynoise/core/bands.hpp>
#include <citynoise/core/vec.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace citynoise {

using Ring2 = std::vector<Vec2>;

struct GroundArea {
  std::string id;
  Ring2 polygon;
  double g = 0.0;
  std::string source;  ///< the file it came from, for messages ("" = the scene's origin)
};

struct Building {
  std::string id;
  Ring2 footprint;                  ///< outer ring
  std::vector<Ring2> holes;         ///< courtyards
  double roofAltitude = 0.0;        ///< flat roof, absolute altitude
  /// If set, the roof is this high above the terrain under the footprint (the mean terrain
  /// altitude at its vertices) and roofAltitude is computed when the scene is built.
  std::optional<double> heightAboveTerrain;
  std::optional<BandArray> alpha;   ///< wall absorption; engine default when absent
  // Assessment attributes (optional).
  double population = 0.0;
  double dwellings = 0.0;
  std::string use;                  ///< as given ("school", "hospital", …)
  bool sensitive = false;           ///< homes, schools, hospitals, elderly care (per the scenario's mapping)
  std::string zone;                 ///< GB 3096 class from a building attribute, "" = from zone polygons
  std::string source;               ///< the file it came from, for messages ("" = the scene's origin)
  /// A city model's surfaces above the eaves (pitched roofs, gable ends), absolute altitudes, for
  /// the 3D outputs only: the scene screens and reflects with the prism up to roofAltitude.
  std::vector<std::array<Vec3, 3>> roofShape;
};

/// An area of one GB 3096 functional-zone class.
struct ZoneArea {
  std::string id;
  Ring2 polygon;
  std::string zone;  ///< "0", "1", "2", "3", "4a", "4b"
};

struct Wall {
  std::string id;
  std::vector<Vec3> polyline;       ///< plan position and top altitude per vertex
  std::optional<BandArray> alpha;
  bool topAboveGround = false;      ///< z is the height above the terrain, not an altitude
  std::string source;               ///< the file it came from, for messages ("" = the scene's origin)
};

/// A structure that footprints cannot describe (a viaduct deck, a bridge, an elevated track),
/// as a triangle mesh with absolute altitudes. It screens sound as a solid block over the stretch
/// where a path's vertical plane cuts it, unless the path passes entirely beneath it.
struct MeshObstacle {
  std::string id;
  std::vector<Vec3> vertices;
  std::vector<std::array<std::uint32_t, 3>> triangles;
  std::string source;  ///< the file it came from, for messages
};

struct TerrainBreakline {
  Vec3 a, b;
  std::string id;  ///< for messages (feature id, or the position in the input)
};

/// A regular elevation raster (DEM), north-up: cell (i, j) centre at
/// (originX + (i + 0.5)·cellSize, originY − (j + 0.5)·cellSize) when `northUp`, as GDAL rasters are.
struct ElevationGrid {
  double originX = 0.0, originY = 0.0;  ///< top-left corner
  double cellSizeX = 1.0, cellSizeY = 1.0;
  int columns = 0, rows = 0;
  std::vector<double> values;  ///< row-major, rows from the top
  double noData = -1e30;
  [[nodiscard]] double at(int column, int row) const { return values[static_cast<std::size_t>(row) * columns + column]; }
};

/// An earth berm: a straight bank along `a`–`b` (its crest axis), `height` above the ground,
/// flat on top over `crestWidth`, sloping down to the ground at `baseWidth` (sides and ends at the
/// same slope). It becomes part of the terrain (break lines of a TIN), so it screens through the
/// ground profile as CNOSSOS-EU treats earth banks.
struct Berm {
  std::string id;
  Vec2 a, b;
  double height = 2.0, crestWidth = 1.0, baseWidth = 8.0;
  std::string source;  ///< where it came from, for messages
};

/// A berm's plan outline at `width` (its base: the toe; its crest width: the top): the crest axis
/// grown by half the width on the sides and, at the ends, by the run of the slopes beyond the
/// crest's ends. Corners: a-left, b-left, b-right, a-right.
std::array<Vec2, 4> bermOutline(const Berm& berm, double width);

struct SceneDescription {
  std::vector<TerrainBreakline> breaklines;  ///< constrained Delaunay input
  std::vector<Vec3> spotHeights;             ///< more constrained Delaunay input
  std::optional<ElevationGrid> dem;          ///< a raster instead of break lines
  double outsideAltitude = 0.0;              ///< ground altitude where the terrain has no data
  double defaultG = 0.0;
  std::vector<GroundArea> groundAreas;
  std::vector<Building> buildings;
  std::vector<Wall> walls;
  std::vector<ZoneArea> zones;
  std::vector<MeshObstacle> meshes;
  std::vector<Berm> berms;  ///< need a TIN terrain (break lines or spot heights), not a raster
  std::string defaultZone;  ///< where no zone polygon or attribute applies ("" = unknown)
};

}  // namespace citynoise
