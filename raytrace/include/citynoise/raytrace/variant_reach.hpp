#pragma once
// Which paths a variant's scene changes can reach. A variant that adds or removes a barrier,
// changes a building or the ground recomputes only the source elements whose paths the change
// can alter; everything else keeps the base's transfers. The test is geometric and
// conservative: a path of plan length |SR| + detour lies inside the ellipse with foci S and R and
// major axis |SR| + detour, and so do its vertical cut and lateral hull.

#include <citynoise/core/geometry2d.hpp>
#include <citynoise/core/vec.hpp>

#include <vector>

namespace citynoise::raytrace {

/// A barrier added by a variant, in plan (a polyline); also a changed building's outline.
using PlanPolyline = std::vector<Vec2>;
/// A piece of ground a variant changed, in plan.
using PlanPolygon = std::vector<Vec2>;

/// What a variant changed in the scene, prepared once for the reach test: barriers (walls added
/// or removed, outlines of buildings that changed), which screen and reflect, and changed
/// ground, which only changes the profiles over it.
struct SceneEdits {
  SceneEdits() = default;
  SceneEdits(std::vector<PlanPolyline> barriers, std::vector<PlanPolygon> ground);
  [[nodiscard]] bool empty() const { return barriers.empty() && ground.empty(); }

  std::vector<PlanPolyline> barriers;
  std::vector<PlanPolygon> ground;
  std::vector<PlanPolyline> groundOutlines;  ///< the ground polygons as closed polylines
  std::vector<Box2> barrierBoxes, groundBoxes;
};

/// Slack on the ellipse test (m): rounding in detours and positions never hides a barrier.
inline constexpr double kEllipseSlack = 0.01;

/// Whether the edits touch every path to the receiver at `r`: a barrier within the reflection
/// distance (new reflections), or changed ground under it (its height over the ground).
bool editsNearReceiver(const Vec2& r, double reflectionDistance, const SceneEdits& edits);

/// Whether the edits can change the paths between a source piece at `s` and the receiver at `r`
/// whose longest detour is `detour`: a barrier within the reflection distance of `s`, or a
/// barrier or changed ground entering the ellipse |XS| + |XR| ≤ |SR| + detour (+ slack), or
/// changed ground under `s`.
bool editsReachPaths(const Vec2& s, const Vec2& r, double detour, double reflectionDistance, const SceneEdits& edits);

/// Whether a polyline comes into the ellipse |XF1| + |XF2| ≤ major.
bool polylineEntersEllipse(const PlanPolyline& line, const Vec2& f1, const Vec2& f2, double major);

/// Distance from p to the nearest point of a polyline (infinity for an empty one).
double distanceToPolyline(const Vec2& p, const PlanPolyline& line);

}  // namespace citynoise::raytrace
