#pragma once
// A propagation path as the kernel sees it: a vertical cut (profile) along the — possibly
// unfolded — path from the source to the receiver. Path finders produce these; the kernel turns
// them into attenuations. Plain data, no geometry library types.

#include <citynoise/core/bands.hpp>

#include <cstdint>
#include <span>

namespace citynoise {

enum class ProfilePointKind : std::uint8_t {
  Source,
  Receiver,
  Terrain,        ///< a vertex of the ground line
  GroundChange,   ///< the ground factor changes here (g applies from this point on)
  Wall,           ///< a thin screen crossed by the path; z = its top
  BuildingEnter,  ///< the path enters a footprint; z = roof altitude
  BuildingExit,   ///< the path leaves a footprint; z = roof altitude
  VerticalEdge,   ///< corner of a lateral path (diffraction around a vertical edge)
  Reflection,     ///< specular reflection on a vertical surface; z = altitude of the ray there
};

struct ProfilePoint {
  double s = 0.0;        ///< horizontal distance from the source along the unfolded path, m
  double z = 0.0;        ///< altitude: obstacle top (walls, buildings) or the path point itself
  double zGround = 0.0;  ///< terrain altitude under the point, m
  double g = 0.0;        ///< ground factor G from this point towards the receiver
  ProfilePointKind kind = ProfilePointKind::Terrain;
  double reflectorTop = 0.0;      ///< Reflection: altitude of the reflector's top edge here
  std::uint32_t reflector = 0;    ///< Reflection: index into PathProfile::reflectorAbsorption
};

enum class PathType : std::uint8_t { Direct, LateralLeft, LateralRight, Reflection };

const char* toString(PathType type);

/// One path, in one propagation condition's geometry. A lateral path in favourable conditions
/// may come with its own (curved-ray) profile; everything else uses one profile for H and F.
struct PathProfile {
  PathType type = PathType::Direct;
  std::span<const ProfilePoint> points;  ///< ordered by s, source first, receiver last
  double directDistance = 0.0;  ///< 3D source–receiver distance (A_div and A_atm of direct paths)
  double pathLength = 0.0;      ///< 3D length through S, vertical edges, reflection points, R
  double lateralEdgeSpan = 0.0; ///< lateral paths: 3D distance from the first to the last vertical edge
  std::span<const BandArray> reflectorAbsorption;  ///< absorption coefficient α per reflector
};

}  // namespace citynoise
