#pragma once
// Geometry in the vertical plane of a profile: (s, z) points, the mean ground plane and the
// upper convex hull that yields the diffraction edges. No allocation: callers own the buffers.

#include <span>
#include <vector>

namespace citynoise {

struct Point2 {
  double s = 0.0;  ///< horizontal distance along the path, m
  double z = 0.0;  ///< altitude, m
};

double distance(const Point2& a, const Point2& b);

/// The straight line z = slope·s + intercept, used as the mean ground plane of a (sub-)path.
struct Line2 {
  double slope = 0.0;
  double intercept = 0.0;

  /// Signed distance of p above the line (positive above).
  [[nodiscard]] double heightOf(const Point2& p) const;
  /// Orthogonal projection of p on the line.
  [[nodiscard]] Point2 foot(const Point2& p) const;
  /// Mirror image of p in the line (the image source S' or receiver R').
  [[nodiscard]] Point2 mirror(const Point2& p) const;
};

/// Least-squares line through a piecewise-linear ground line (the "mean plane" of CNOSSOS-EU,
/// Directive 2015/996 Annex II §2.5.6 and the closed form of NoiseModelling's
/// getMeanPlaneCoefficients, "equations VI-3/VI-4"). Vertical steps (zero width) add nothing.
/// Coordinates are shifted to the first vertex internally so distant sub-paths keep precision.
Line2 meanPlane(std::span<const Point2> groundLine);

/// Heights of the two end points above a mean plane and the distance between their projections.
struct PlaneGeometry {
  Line2 plane;
  double zA = 0.0;
  double zB = 0.0;
  double dp = 0.0;
};
PlaneGeometry planeGeometry(std::span<const Point2> groundLine, const Point2& a, const Point2& b);

/// Indices (into `points`, sorted by s) of the upper convex hull from the first to the last
/// point; collinear points are dropped. `hull` is cleared and filled.
void upperHull(std::span<const Point2> points, std::vector<int>& hull);

}  // namespace citynoise
