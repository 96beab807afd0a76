#pragma once
// dB ↔ energy conversion, in one place. Every energetic sum in the project goes through here so
// that the conversion constants and the treatment of silence (−∞ dB ↔ 0 energy) never diverge.

#include <citynoise/core/bands.hpp>

#include <cmath>
#include <limits>

namespace citynoise {

/// Level used for "no sound at all" (an empty energy sum).
inline constexpr double kSilenceDb = -std::numeric_limits<double>::infinity();

/// 10^(L/10); −∞ dB gives 0. Written as exp(L·ln10/10), which is several times faster than pow
/// and agrees with it to a few ulp (1e-15 relative: far below any level's resolution).
inline double dbToEnergy(double levelDb) { return std::exp(levelDb * 0.23025850929940458); }

/// 10·lg(E); 0 gives −∞ dB.
inline double energyToDb(double energy) {
  return energy > 0.0 ? 10.0 * std::log10(energy) : kSilenceDb;
}

inline BandArray dbToEnergy(const BandArray& levels) {
  BandArray e{};
  for (std::size_t i = 0; i < kBandCount; ++i) e[i] = dbToEnergy(levels[i]);
  return e;
}

inline BandArray energyToDb(const BandArray& energies) {
  BandArray l{};
  for (std::size_t i = 0; i < kBandCount; ++i) l[i] = energyToDb(energies[i]);
  return l;
}

/// Energetic sum of two levels: 10·lg(10^(a/10) + 10^(b/10)).
inline double addLevels(double a, double b) { return energyToDb(dbToEnergy(a) + dbToEnergy(b)); }

/// Accumulates levels energetically, band by band. The order of `add` calls is the summation
/// order: keep it fixed (by work item) for identical results on any thread count.
class EnergySum {
 public:
  void add(const BandArray& levelsDb, double weight = 1.0) {
    for (std::size_t i = 0; i < kBandCount; ++i) energy_[i] += weight * dbToEnergy(levelsDb[i]);
  }
  void addEnergy(const BandArray& energy) {
    for (std::size_t i = 0; i < kBandCount; ++i) energy_[i] += energy[i];
  }
  [[nodiscard]] const BandArray& energy() const { return energy_; }
  [[nodiscard]] BandArray levels() const { return energyToDb(energy_); }

 private:
  BandArray energy_{};
};

/// Sum of all bands of a spectrum, energetically (e.g. the A-weighted total LA).
inline double totalLevel(const BandArray& levelsDb) {
  double e = 0.0;
  for (double l : levelsDb) e += dbToEnergy(l);
  return energyToDb(e);
}

inline BandArray aWeighted(const BandArray& levelsDb) { return levelsDb + kAWeighting; }

/// The long-term combination of the two conditions, on energies (levels 10^(L/10), or transfer
/// factors 10^(−A/10)): p·E_F + (1 − p)·E_H, Directive 2015/996 Annex II eq. 2.5.11 before the
/// logarithm. `favourableWeight` is normally p; it is 0 for a path without a favourable
/// counterpart. The one place this equation is written: levels and map transfers both use it.
constexpr double longTermEnergy(double energyH, double energyF, double p, double favourableWeight) {
  return favourableWeight * energyF + (1.0 - p) * energyH;
}

/// Long-term level of one path from its homogeneous and favourable levels,
/// L = 10·lg(p·10^(L_F/10) + (1 − p)·10^(L_H/10))  (eq. 2.5.11).
inline BandArray longTermLevel(const BandArray& levelH, const BandArray& levelF, double p,
                               double favourableWeight) {
  BandArray out{};
  for (std::size_t i = 0; i < kBandCount; ++i)
    out[i] = energyToDb(longTermEnergy(dbToEnergy(levelH[i]), dbToEnergy(levelF[i]), p, favourableWeight));
  return out;
}
inline BandArray longTermLevel(const BandArray& levelH, const BandArray& levelF, double p) {
  return longTermLevel(levelH, levelF, p, p);
}

}  // namespace citynoise
