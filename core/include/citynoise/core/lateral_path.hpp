#pragma once
// The lateral (vertical-edge) diffraction path of CNOSSOS-EU, Directive 2015/996 Annex II §2.5.7:
// the shortest path from S to R around the obstacles cut by the plane Π that contains S and R
// and is perpendicular to their vertical plane, on one side of the line SR. Pure geometry in
// plan coordinates; distances are measured in Π.
//
// Construction (a visibility graph, the standard exact method for shortest paths among polygonal
// obstacles): a shortest path bends only at convex corners of the obstacles, so its vertices are
// S, R and such corners; Dijkstra over the pairs that see each other gives the path. A side is
// the closed half-plane left (or right) of the line S→R, seen from S: the path stays in it.

#include <citynoise/core/vec.hpp>

#include <array>
#include <span>
#include <unordered_map>
#include <vector>

namespace citynoise {

/// One obstacle's section by Π: the part of its outline whose top is above Π. A closed ring (a
/// footprint) kept only where dot(clipNormal, p) + clipOffset > 0 (the roof above Π; a flat roof
/// and an inclined plane meet along a line), or an open polyline (a thin wall's piece, already
/// cut). Keeping the ring whole and the clip apart keeps a concave footprint cut in two exact.
struct PlanarObstacle {
  std::vector<Vec2> points;
  bool closed = true;
  Vec2 clipNormal{};
  double clipOffset = 1.0;
  int generation = 0;  ///< when it joined a growing obstacle set (see LateralPathScratch::visibility)
  [[nodiscard]] double keep(const Vec2& p) const { return dot(clipNormal, p) + clipOffset; }
};

/// Lengths in the inclined plane Π through S and R, from plan coordinates: Π rises with slope m
/// along the direction of S→R, so a plan step (a along it, b across) has length √(a²(1+m²) + b²).
struct InclinedMetric {
  Vec2 direction{1.0, 0.0};  ///< unit plan direction S→R
  double slope = 0.0;        ///< (z_R − z_S) / plan distance S–R
  [[nodiscard]] double length(const Vec2& p, const Vec2& q) const;
};

enum class LateralSide : int { Left = 1, Right = -1 };

struct LateralChain {
  bool found = false;
  std::vector<Vec2> corners;  ///< obstacle corners between S and R, in order (none: S sees R)
  double length = 0.0;        ///< S, corners, R in Π
};

/// Scratch buffers of the visibility graph (kept between calls).
/// What is known of one pair of points: blocked, or visible against every obstacle of
/// generation ≤ `checked`.
struct PairVisibility {
  bool visible = false;
  int checked = -1;
};
struct PointPairHash {
  std::size_t operator()(const std::array<double, 4>& k) const;
};

struct LateralPathScratch {
  /// Visibility of point pairs from earlier calls over a set that has only grown since (each
  /// obstacle tagged with its generation): a blocked pair stays blocked, a visible one is tested
  /// against the newer obstacles only. Clear it when S, R, the side or the set's origin change.
  std::unordered_map<std::array<double, 4>, PairVisibility, PointPairHash> visibility;
  std::vector<Vec2> nodes;
  std::vector<Vec2> before, after;  ///< a corner's neighbours on its outline
  std::vector<char> anyTangent;     ///< S, R, wall ends, clip corners: no tangency to test
  std::vector<double> dist;
  std::vector<int> previous;
  std::vector<char> done;
};

/// The shortest path from s to r that stays in the closed half-plane of `side` and does not cross
/// the interior of any obstacle (rings) nor any wall piece (polylines); found = false if there is
/// none (s or r enclosed). Touching an outline or running along it is allowed.
LateralChain shortestLateralPath(const Vec2& s, const Vec2& r, LateralSide side,
                                 std::span<const PlanarObstacle> obstacles, const InclinedMetric& metric,
                                 LateralPathScratch& scratch);

/// Whether the plan segment ab crosses the obstacle: through a ring's interior or across a wall
/// piece (touching, or running along an outline, does not count).
bool segmentCrossesObstacle(const Vec2& a, const Vec2& b, const PlanarObstacle& obstacle);

/// Whether p lies strictly inside a closed obstacle (farther than 1 µm from its outline).
bool strictlyInside(const PlanarObstacle& obstacle, const Vec2& p);

}  // namespace citynoise
