#pragma once
// Lateral paths in the scene: the shortest paths from S to R around the obstacles that the plane
// Π through S and R cuts, left and right of S→R (core/lateral_path.hpp), found on a growing set
// of obstacles: those that block the straight line first, then every obstacle a path's leg
// crosses or touches, until the legs are free. The shortest path among a subset of the
// obstacles is never longer than among all of them, so once it crosses none of the others it is
// the shortest among all: the result equals an exhaustive visibility graph over the whole scene.

#include <citynoise/core/lateral_path.hpp>
#include <citynoise/core/vec.hpp>
#include <citynoise/raytrace/scene.hpp>

namespace citynoise::raytrace {

struct LateralChains {
  LateralChain left, right;  ///< exact obstacle corners (not yet moved off the obstacles)
};

/// The two chains, or none (found = false) when no obstacle blocks the straight line S–R.
LateralChains findLateralChains(const Scene& scene, const Vec3& source, const Vec3& receiver);

/// The cut of one obstacle (buildings first, then walls, by index) by the plane Π through
/// source and receiver: the parts whose top is above Π (outer rings only; courtyards are
/// inside the building for a lateral path). Appended to `out`.
void obstacleSections(const Scene& scene, std::uint32_t obstacle, const Vec3& source, const Vec3& receiver,
                      std::vector<PlanarObstacle>& out);

}  // namespace citynoise::raytrace
