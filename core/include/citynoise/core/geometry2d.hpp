#pragma once
// Plan (2D) geometry on plain vectors: segment crossings, polygons. Pure functions.

#include <citynoise/core/vec.hpp>

#include <optional>
#include <span>
#include <vector>

namespace citynoise {

struct Box2 {
  Vec2 min{1e300, 1e300}, max{-1e300, -1e300};
  void extend(const Vec2& p);
  void extend(const Box2& b);
  [[nodiscard]] bool empty() const { return min.x > max.x; }
  [[nodiscard]] bool overlaps(const Box2& b) const;
  [[nodiscard]] bool contains(const Vec2& p) const;
  [[nodiscard]] Box2 grown(double margin) const;
};

/// Where two segments ab and cd cross: parameters t on ab and u on cd in [0, 1].
struct SegmentCrossing {
  double t = 0.0;
  double u = 0.0;
};

/// Proper or touching intersection of segments ab and cd (parallel segments never cross).
std::optional<SegmentCrossing> intersectSegments(const Vec2& a, const Vec2& b, const Vec2& c, const Vec2& d);

/// Signed area, positive for counter-clockwise rings (shoelace formula).
double signedArea(std::span<const Vec2> ring);

/// Point-in-polygon by crossing parity (points exactly on an edge count as either).
bool insideRing(std::span<const Vec2> ring, const Vec2& p);

/// Convex hull of points, counter-clockwise (Andrew's monotone chain); repeated and collinear
/// points dropped.
void convexHull(std::vector<Vec2> points, std::vector<Vec2>& hull);

/// Whether segment ab enters the polygon `ring`: an end inside, or a crossing with an edge (a
/// barrier through a building).
bool segmentEntersRing(const Vec2& a, const Vec2& b, std::span<const Vec2> ring);

/// Distance from p to segment ab.
double distanceToSegment(const Vec2& p, const Vec2& a, const Vec2& b);

/// Whether the segments of a ring cross each other anywhere but at shared neighbours.
bool ringSelfIntersects(std::span<const Vec2> ring);

/// Whether the interiors of two simple rings overlap by more than `tolerance` (m): an edge of one
/// properly crosses an edge of the other, or a vertex or edge midpoint of one lies inside the other
/// farther than `tolerance` from its boundary, or the rings are the same. Rings that only share walls (terraced
/// houses) or touch at corners do not overlap.
bool ringsOverlap(std::span<const Vec2> a, std::span<const Vec2> b, double tolerance = 1e-3);

/// Whether two rings have the same vertices in the same cyclic order (either direction), within `tolerance`.
bool sameRing(std::span<const Vec2> a, std::span<const Vec2> b, double tolerance = 1e-6);

}  // namespace citynoise
