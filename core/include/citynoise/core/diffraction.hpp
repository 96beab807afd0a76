#pragma once
// Diffraction terms of CNOSSOS-EU, Directive (EU) 2015/996 Annex II §2.5.7 ("Diffraction"),
// as amended by (EU) 2021/1226.

#include <citynoise/core/bands.hpp>
#include <citynoise/core/profile_geometry.hpp>

namespace citynoise {

/// Edges closer together than this act as one (C'' = 1): the convention of NoiseModelling, whose
/// values ISO/TR 17534-4 asserts (../shared/reference/methods.md A.4); it keeps two vertices of
/// one rounded terrain crest, or the two edges of a thin block, from counting as a double edge.
inline constexpr double kSingleEdgeSpan = 0.3;

/// C'' for multiple diffraction: [1 + (5λ/e)²] / [1/3 + (5λ/e)²], e = distance along the path
/// between the first and the last edge; 1 for a single edge (e ≤ kSingleEdgeSpan).
double multipleEdgeFactor(double wavelength, double edgeSpan);

/// Δ_dif = 10·C_h·lg(3 + (40/λ)·C''·δ) if (40/λ)·C''·δ ≥ −2, else 0 (C_h = 1).
/// No upper limit here: the 25 dB limit of Δ_dif(S,R) on horizontal edges is applied in A_dif.
double deltaDif(double pathDifference, double wavelength, double cDoublePrime);

/// Δ_dif per band for one path difference and edge span.
BandArray deltaDif(double pathDifference, double edgeSpan);

/// Δ_ground(S,O) = −20·lg{1 + [10^(−A_ground(S,O)/20) − 1]·10^(−(Δ_dif(S',R) − Δ_dif(S,R))/20)};
/// the same form gives Δ_ground(O,R) with A_ground(O,R) and Δ_dif(S,R').
double deltaGround(double aGround, double deltaDifImage, double deltaDifDirect);

/// Upper limit of Δ_dif(S,R) for diffraction over horizontal edges.
inline constexpr double kMaxDeltaDifHorizontal = 25.0;

/// Radius of the curved rays in favourable conditions, Γ = max(1000, 8d) m, with d the
/// source–receiver distance of the (unfolded) path.
double curvedRayRadius(double distance);

/// Length of the arc of radius Γ over a chord of length l: 2Γ·asin(l/(2Γ)).
double arcLength(double chord, double radius);

/// Path difference δ_F in favourable conditions (rays are arcs of radius Γ) for a single edge O
/// that does not intercept the curved ray from A to B, negative (Annex II §2.5.7 as amended by
/// 2021/1226, favourable conditions). Where O intercepts the straight line AB the obstructed
/// form ÂO + ÔB − ÂB applies (negative while O lies below the arc); where O lies below the
/// straight line, the non-obstructed form 2ÂC + 2ĈB − ÂO − ÔB − ÂB, with C the point of the
/// straight line AB above O. Both agree for O on the line.
double favourablePassingDifference(const Point2& a, const Point2& b, const Point2& o, double radius);

}  // namespace citynoise
