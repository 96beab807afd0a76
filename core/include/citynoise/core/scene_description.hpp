#pragma once
// What a 3D scene is made of, as plain data: terrain, ground types, buildings and thin walls.
// Readers (io) fill it; the scene builder (raytrace) turns it into geometry.

#include <citynoise/core/bands.hpp>
#include <citynoise/core/vec.hpp>

#include <optional>
#include <string>
#include <vector>

namespace citynoise {

using Ring2 = std::vector<Vec2>;

struct GroundArea {
  std::string id;
  Ring2 polygon;
  double g = 0.0;
};

struct Building {
  std::string id;
  Ring2 footprint;                  ///< outer ring
  std::vector<Ring2> holes;         ///< courtyards
  double roofAltitude = 0.0;        ///< flat roof, absolute altitude
  std::optional<BandArray> alpha;   ///< wall absorption; engine default when absent
};

struct Wall {
  std::string id;
  std::vector<Vec3> polyline;       ///< plan position and absolute top altitude per vertex
  std::optional<BandArray> alpha;
};

struct TerrainBreakline {
  Vec3 a, b;
};

struct SceneDescription {
  std::vector<TerrainBreakline> breaklines;  ///< constrained Delaunay input; z = 0 outside
  double defaultG = 0.0;
  std::vector<GroundArea> groundAreas;
  std::vector<Building> buildings;
  std::vector<Wall> walls;
};

}  // namespace citynoise
