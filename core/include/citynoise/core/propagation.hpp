#pragma once
// The CNOSSOS-EU propagation kernel: attenuation of one path in one condition, from its profile.
// Directive (EU) 2015/996 Annex II §2.5 as amended by (EU) 2021/1226; the conventions that make
// ISO/TR 17534-4 agree are listed in ../shared/reference/methods.md (A.0, A.4) and README.

#include <citynoise/core/bands.hpp>
#include <citynoise/core/ground.hpp>
#include <citynoise/core/profile.hpp>
#include <citynoise/core/profile_geometry.hpp>

#include <vector>

namespace citynoise {

struct PropagationSettings {
  BandArray alphaAtmDbPerKm{};        ///< atmospheric absorption per band
};

/// Attenuation of one path in one condition; level = L_W − total.
struct ConditionResult {
  BandArray aDiv{};
  BandArray aAtm{};
  BandArray aBoundary{};
  BandArray aRef{};
  BandArray aRetroDiff{};
  BandArray total{};
  /// False when the path does not exist in this condition: a reflection point that the ray (its
  /// arc, in favourable conditions) passes above. Only a favourable result can be false.
  bool exists = true;
};

/// Every intermediate quantity the kernel computes, for `citynoise case` and for debugging one
/// receiver. A NaN band means "not computed for this path in this band" (reported as null).
struct ConditionTrace {
  BandArray w{}, cf{}, aGround{};
  BandArray deltaDifSR{}, deltaDifSPrimeR{}, deltaDifSRPrime{};
  BandArray aGroundSO{}, aGroundOR{}, deltaGroundSO{}, deltaGroundOR{}, aDif{};
  bool hasGround = false;       ///< w, cf, aGround present (possibly NaN in some bands)
  bool hasDiffraction = false;  ///< the Δ terms present (0 in bands where Rayleigh rejects)
  bool hasLateral = false;      ///< lateral path: only deltaDifSR of the Δ terms
  bool hasReflection = false;   ///< aRef and aRetroDiff meaningful
};

/// Reusable buffers: the kernel allocates nothing once these have grown to the profile size.
struct PropagationScratch {
  std::vector<Point2> groundLine;
  std::vector<int> firstVertex, lastVertex;  ///< ground-line vertices of each profile point
  std::vector<double> segmentG;              ///< G of the segment after each profile point
  std::vector<Point2> hullPoints, curvedPoints;
  std::vector<int> hullIndex, hullStraight, edgeIndex;
  std::vector<Point2> edges;
};

/// Attenuation of `path` in one condition. `trace` may be null (the hot path).
ConditionResult evaluateCondition(const PathProfile& path, Condition condition,
                                  const PropagationSettings& settings, PropagationScratch& scratch,
                                  ConditionTrace* trace = nullptr);

/// Whether the ray from source to receiver is intercepted by the profile in this condition
/// (straight rays in H, arcs of radius Γ in F): the test that decides if lateral paths exist.
bool lineOfSightBlocked(const PathProfile& path, Condition condition, PropagationScratch& scratch);

}  // namespace citynoise
