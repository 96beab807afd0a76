#pragma once
// Where receivers go (plain settings; the generator is raytrace/receivers.hpp).

#include <citynoise/core/geometry2d.hpp>

#include <optional>
#include <string>
#include <vector>

namespace citynoise {

struct FacadeReceiverSpec {
  bool enabled = false;
  double spacing = 5.0;          ///< m along each façade segment (at least one per segment)
  double heightAboveFloor = 1.5; ///< m
  double distance = 0.1;         ///< m in front of the wall
  bool includeOwnFacade = false; ///< GB 3096 practice: 1 m in front, the façade's own reflection included
  double storeyHeight = 3.0;
  int everyNthFloor = 1;         ///< 2: every other floor (demo maps)
  double minSegment = 1.0;       ///< façade pieces shorter than this get no receiver
  /// Only buildings whose footprint box meets these bounds get façade receivers (a focus area);
  /// such a building gets them on all its façades, so its assessment is complete.
  std::optional<Box2> bounds;
};

struct GridSpec {
  std::vector<double> heights;   ///< above the terrain
  double spacing = 10.0;
  std::optional<Box2> bounds;    ///< default: the extent of the buildings and sources
};

struct SectionSpec {
  std::string id;
  std::vector<Vec2> line;
  double spacing = 5.0;
  double zMin = 1.5, zMax = 60.0, dz = 3.0;
  bool aboveTerrain = true;      ///< z relative to the terrain (else absolute)
};

struct VolumeSpec {
  bool enabled = false;
  Box2 bounds;
  double zMin = 0.0, zMax = 100.0;  ///< absolute altitude
  double spacing = 20.0, dz = 5.0;
};

struct PointReceiverSpec {
  std::string id;
  Vec2 position;
  double height = 4.0;
};

struct ReceiverSpec {
  FacadeReceiverSpec facades;
  std::vector<GridSpec> grids;
  std::vector<SectionSpec> sections;
  VolumeSpec volume;
  std::vector<PointReceiverSpec> points;
};

}  // namespace citynoise
