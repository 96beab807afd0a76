#pragma once
// Splitting line and area sources into point sources for one receiver. Rule: every piece
// subtends at most `maxAngleDeg` seen from the receiver (in plan), so nearby stretches are cut
// finely and distant ones coarsely — a long road is neither one point nor a million. Pieces
// are never shorter than `minLength` (areas: cells never smaller) nor longer than `maxLength`.
// Each piece becomes a point at its centre carrying the power of the whole piece.
//
// Error bound (tested): for an incoherent straight line in free field, 5° pieces reproduce the
// exact integral within 0.05 dB at any distance.

#include <citynoise/core/vec.hpp>

#include <span>
#include <vector>

namespace citynoise {

struct SplitRule {
  double maxAngleDeg = 5.0;
  double minLength = 0.5;
  double maxLength = 200.0;
};

/// A point source from a piece: position (z as in the input) and the piece's length or area.
struct PointPiece {
  Vec3 position;
  double size = 0.0;  ///< m (lines) or m² (areas)
};

/// Appends the pieces of a polyline to `out`.
void splitLine(std::span<const Vec3> polyline, const Vec3& receiver, const SplitRule& rule, std::vector<PointPiece>& out);

/// Appends the pieces of the polygon `ring` to `out` (square cells refined near the receiver;
/// a cell belongs to the area when its centre does; z of the pieces: the ring's mean z).
void splitArea(std::span<const Vec3> ring, const Vec3& receiver, const SplitRule& rule, std::vector<PointPiece>& out);

}  // namespace citynoise
