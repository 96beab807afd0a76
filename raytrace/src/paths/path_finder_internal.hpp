#pragma once
// Pieces of the path finder shared by its source files.

#include <citynoise/core/path.hpp>
#include <citynoise/raytrace/mesh_obstacles.hpp>
#include <citynoise/raytrace/path_finder.hpp>

#include <vector>

namespace citynoise::raytrace {

/// A path before its profile is cut: its type and corners (vertical edges or reflection points).
struct PathSkeleton {
  std::uint32_t source = 0;  ///< which source of a batch
  PathType type = PathType::Direct;
  bool hasFavourable = true;
  std::uint32_t firstCorner = 0, cornerCount = 0;  ///< into PathFinderScratch::corners
};

struct PathFinderScratch {
  std::vector<TerrainSample> terrain;
  std::vector<GroundChange> ground;
  std::vector<ObstacleEvent> events, meshEvents;
  std::vector<MeshCrossing> meshCrossings;
  std::vector<std::uint32_t> ids;
  // candidate paths (skeletons, corners flat) and leg checks
  std::vector<PathSkeleton> skeletons;
  std::vector<PathVertex> corners;
  std::vector<Ray> rays, sortedRays;
  std::vector<std::uint8_t> blocked, sortedBlocked;
  std::vector<std::uint32_t> rayOrder;
  std::vector<double> rayKeys;
  std::vector<std::uint32_t> reflectors, receiverReflectors;
  Vec3 reflectorsReceiver{};  ///< the receiver receiverReflectors were found for
  int reflectorsExcluded = -1;
  bool reflectorsValid = false;
  // kernel, for the line-of-sight tests that decide lateral paths
  PropagationScratch kernel;
  std::vector<ProfilePoint> points;
  std::vector<BandArray> alphas;
};

/// Vertex of a path end or corner, with the terrain and ground factor under it.
PathVertex pointVertex(const Scene& scene, ProfilePointKind kind, const Vec3& xyz);

/// Appends the profile vertices strictly between `from` and `to` (terrain slope changes, ground
/// changes, footprint entries/exits, wall crossings), ordered along the leg.
void appendLeg(const Scene& scene, const Vec3& from, const Vec3& to, PathFinderScratch& sc,
               std::vector<PathVertex>& out);

/// A path through the given corners: source, legs with their cuts, corners, receiver.
Path3 pathThrough(const Scene& scene, PathType type, const Vec3& source, std::span<const PathVertex> corners,
                  const Vec3& receiver, PathFinderScratch& sc);

/// Lateral paths left and right of the direct path around the obstacles that block it
/// (lateral_paths.hpp), as skeletons appended to sc.skeletons.
void findLateralPaths(const Scene& scene, const Vec3& source, const Vec3& receiver, bool favourable,
                      PathFinderScratch& sc);

/// Specular reflections up to `order` (image sources), as skeletons appended to sc.skeletons.
void findReflections(const Scene& scene, const PathFinderOptions& options, const Vec3& source,
                     const Vec3& receiver, PathFinderScratch& sc);

}  // namespace citynoise::raytrace
