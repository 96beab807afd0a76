#pragma once
// One tile's glb (internal to citynoise_io): its buildings' façades cut into floors and coloured,
// roofs, and the terrain, barriers and structures with the grid draped; the floors' levels as
// EXT_structural_metadata features.
#include <citynoise/io/receiver_index.hpp>
#include <citynoise/io/store.hpp>
#include <citynoise/io/tiles.hpp>

#include "earth_frame.hpp"

#include <array>
#include <string>
#include <vector>

namespace citynoise::io::tiles {

/// A building with what its tile needs.
struct TileBuilding {
  BuildingSummary summary;
  double population = 0;
  std::vector<StoredFloor> floors;
  std::vector<const StoredSurface*> surfaces;  ///< its façades and roofs
  double cx = 0, cy = 0;                        ///< plan centre of its surfaces
};

/// A triangle of the terrain, a barrier or a structure.
struct LooseTriangle {
  SurfaceKind kind;
  const double* xyz;  ///< 9 values
  double cx, cy;
};

struct Region {
  double west = 1e9, south = 1e9, east = -1e9, north = -1e9, low = 1e9, high = -1e9;  ///< radians, m
  void add(const Region& r);
  [[nodiscard]] bool empty() const { return west > east; }
};

struct TileContent {
  std::string glb;
  Region region;
  std::size_t triangles = 0, features = 0;
  PickMesh pick;  ///< the same triangles in the local east-north-up frame (tileContent only: the leaves)
};

/// `indicator`: 0–5 (Lday, Levening, Lnight, Lden, Ld, Ln), the façades' and the terrain's colour.
TileContent tileContent(const std::vector<const TileBuilding*>& buildings, const std::vector<const LooseTriangle*>& loose, const EarthFrame& frame,
                        const ReceiverIndex& levels, int indicator);

/// A coarser stand-in for a quadtree cell (its children refine it by REPLACE): each building one
/// feature (floor -3, the loudest floor's levels) coloured by its loudest floor, walls not cut into
/// floors; the terrain clustered in plan at `cell` m (mesh_clustering.hpp), coloured by the grid
/// at its new corners; barriers and structures whole.
TileContent coarseTileContent(const std::vector<const TileBuilding*>& buildings, const std::vector<const LooseTriangle*>& loose, const EarthFrame& frame,
                              const ReceiverIndex& levels, int indicator, double cell);

/// Coloured triangles without features (sections, a volume slice): 9 values (x y z of three
/// corners, the version's CRS) and one colour per triangle.
TileContent plainContent(const std::vector<double>& triangles, const std::vector<std::array<std::uint8_t, 3>>& colours, const EarthFrame& frame);

}  // namespace citynoise::io::tiles
