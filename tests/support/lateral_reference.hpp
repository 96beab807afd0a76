#pragma once
// Brute-force reference for lateral paths, written apart from the engine's: every obstacle of the
// description is cut by the plane Π through S and R, every vertex of every cut in a side's
// closed half-plane is a node, every pair of nodes is tested for visibility against every cut,
// and Floyd–Warshall gives the shortest path; lengths are 3D distances between points of Π.
// Same definition as core/lateral_path.hpp (the outer rings of footprints; touching or running
// along an outline is allowed, slipping between two touching footprints is not).

#include <citynoise/core/scene_description.hpp>

#include <vector>

namespace citynoise::test {

struct ReferenceChain {
  bool found = false;
  std::vector<Vec2> corners;
  double length = 0.0;
};

struct ReferenceLateral {
  ReferenceChain left, right;
  bool blocked = false;  ///< the straight line S–R crosses an obstacle cut
};

ReferenceLateral referenceLateralPaths(const std::vector<Building>& buildings, const std::vector<Wall>& walls,
                                       const Vec3& source, const Vec3& receiver);

}  // namespace citynoise::test
