#pragma once
// A propagation path in 3D as a path finder (or a conformance case) describes it, and its
// conversion to the kernel's profile. Shared by `citynoise case` and the map engine.

#include <citynoise/core/atmosphere.hpp>
#include <citynoise/core/profile.hpp>
#include <citynoise/core/propagation.hpp>
#include <citynoise/core/vec.hpp>

#include <optional>
#include <vector>

namespace citynoise {

/// One vertex of a path's vertical cut in 3D.
struct PathVertex {
  ProfilePointKind kind = ProfilePointKind::Terrain;
  Vec3 xyz;               ///< position; z = obstacle top for walls/buildings, ground for terrain
  double zGround = 0.0;   ///< terrain altitude under the vertex
  double g = 0.0;         ///< ground factor from this vertex towards the receiver
  double reflectorTop = 0.0;  ///< Reflection: altitude of the reflector's top edge here
  BandArray reflectorAlpha{}; ///< Reflection: absorption coefficient of the reflecting surface
};

/// A path in 3D: its type and vertices (source first, receiver last). A lateral path may carry a
/// separate favourable-condition cut; a path without one has no favourable contribution.
struct Path3 {
  PathType type = PathType::Direct;
  std::vector<PathVertex> vertices;
  std::optional<std::vector<PathVertex>> favourableVertices;
  bool hasFavourable = true;
};

/// Kernel profile of a 3D cut: s = horizontal distance along the (unfolded) cut, lengths and
/// reflector tables filled. `points` and `alphas` are caller-owned buffers (reused).
PathProfile makeProfile(PathType type, const std::vector<PathVertex>& vertices,
                        std::vector<ProfilePoint>& points, std::vector<BandArray>& alphas);

/// The vertices that define the ray itself (source, vertical edges, reflections, receiver).
bool isRayVertex(ProfilePointKind kind);

/// Results of one path: both conditions and their long-term combination.
struct PathResult {
  ConditionResult homogeneous, favourable;
  ConditionTrace traceH, traceF;
  BandArray levelH{}, levelF{}, levelLongTerm{};  ///< L = L_W − A per condition, and combined
};

struct PointToPointResult {
  std::vector<PathResult> paths;
  BandArray receiverLevel{};  ///< all paths summed energetically (unweighted)
  BandArray alphaAtm{};
};

/// Levels at a receiver from one point source of power `lw` through the given paths.
PointToPointResult evaluatePaths(const std::vector<Path3>& paths, const BandArray& lw,
                                 const Atmosphere& air, double favourableProbability,
                                 bool withTrace);

}  // namespace citynoise
