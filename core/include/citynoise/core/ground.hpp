#pragma once
// Ground attenuation of CNOSSOS-EU, Directive (EU) 2015/996 Annex II §2.5.6 as amended by
// (EU) 2021/1226 ("Calculation of the ground effect", homogeneous and favourable conditions).

#include <citynoise/core/bands.hpp>

#include <cstdint>

namespace citynoise {

enum class Condition : std::uint8_t { Homogeneous, Favourable };

/// The geometry the ground formula needs, all relative to the mean ground plane of the
/// (sub-)path: heights of the end points above it and the distance between their projections.
struct GroundGeometry {
  double zs = 0.0;     ///< height of the source (or the diffraction edge acting as one), m
  double zr = 0.0;     ///< height of the receiver (or the edge acting as one), m
  double dp = 0.0;     ///< distance between the projections on the mean plane, m
  double gPath = 0.0;  ///< G_path: share of absorbing ground along the path
  double gSource = 0.0;  ///< G_s: ground factor at the source, for G'_path
};

/// G'_path: near the source, G_path is blended with the source's own ground,
/// G'_path = G_path·d_p/(30(z_s+z_r)) + G_s·(1 − d_p/(30(z_s+z_r))) when d_p ≤ 30(z_s+z_r).
double groundFactorPrime(const GroundGeometry& g);

/// w(f, G_w) = 0.0185 f^2.5 G_w^2.6 / (f^1.5 G_w^2.6 + 1.3·10³ f^0.75 G_w^1.3 + 1.16·10⁶).
BandArray groundW(double gw);

/// C_f = d_p·(1 + 3 w d_p e^(−√(w d_p))) / (1 + w d_p).
double groundCf(double w, double dp);

struct GroundTerms {
  BandArray aGround{};
  BandArray w{};
  BandArray cf{};
};

/// A_ground in one condition. An end point below the mean plane counts as standing on it
/// (z = 0): a diffraction edge under the plane of the ground behind it, a source in a cutting.
///  H: G_w = G_m = G'_path, lower bound −3(1 − G_m); if G_path = 0, A_ground,H = −3 dB.
///  F: heights raised by δz_s + δz_T, δz_r + δz_T (a_0 = 2·10⁻⁴ m⁻¹), G_w = G_path, G_m = G'_path,
///     lower bound −3(1 − G_m) if d_p ≤ 30(z_s+z_r), else −3(1 − G_m)(1 + 2(1 − 30(z_s+z_r)/d_p));
///     if G_path = 0 the bound is the result.
GroundTerms groundAttenuation(const GroundGeometry& g, Condition condition);

}  // namespace citynoise
