#pragma once
// Calibrating a map to measurements: a gain per source group (dB on its emission) fitted to the
// levels measured at stations, by regularised, robust, weighted least squares. Pure functions.
//
// Model of observation i (an interval at a station): L_i(γ) = 10 lg Σ_g 10^(γ_g/10) E_gi, with
// E_gi the energy the uncalibrated model gives group g over the interval. Since the levels are
// energy sums of element powers times propagation, a gain on a group's emission is exactly a
// factor on its energy: calibrating needs no new paths. The fit minimises
//   Σ_i w_i ρ((M_i − L_i(γ)) / s) + Σ_g (γ_g / σ_g)²
// (ρ Huber's loss with k = 1.345: a barking dog at one station weighs like a 1.345 s error, not
// its own square; s the residuals' robust scale, 1.4826 × their weighted median absolute value,
// re-estimated each round, at least `minScale`), by iteratively reweighted Gauss–Newton. The
// Jacobian is the groups' energy shares: ∂L_i/∂γ_g = 10^(γ_g/10) E_gi / Σ_h 10^(γ_h/10) E_hi.
// The gains' standard deviations come from the posterior covariance (JᵀWJ/s² + diag σ_g⁻²)⁻¹;
// a group no observation sees keeps γ = 0 and σ = its prior.

#include <cstddef>
#include <string>
#include <vector>

namespace citynoise::calibration {

struct Observation {
  double measured = 0;          ///< LAeq over the interval, dB(A)
  std::vector<double> energy;   ///< per group: 10^(L_g/10) of the uncalibrated model over the interval
  double weight = 1;            ///< e.g. the interval's length in hours
  std::size_t station = 0;      ///< for leave-one-station-out
};

struct Options {
  std::vector<double> priorSigma;  ///< per group, dB (3 for traffic, 6 for construction and loudspeakers)
  double minScale = 0.05;          ///< dB: the residual scale's floor (a noise-free fit converges to it)
  double huberK = 1.345;
  int maxIterations = 100;
};

struct Fit {
  std::vector<double> gain, sigma;  ///< per group, dB
  double scale = 0;                 ///< the residuals' robust scale s, dB
  int iterations = 0;
  bool converged = false;
};

/// The model's level of an observation with gains γ (dB); −inf where every group is silent.
double modelLevel(const Observation& o, const std::vector<double>& gain);

/// The fit over `observations` (groups: options.priorSigma.size()).
Fit fitGains(const std::vector<Observation>& observations, const Options& options);

/// Fits without each station in turn; per station the model's level of each of its
/// observations with the gains fitted without it (in the observations' order).
std::vector<double> leaveOneStationOut(const std::vector<Observation>& observations, const Options& options);

}  // namespace citynoise::calibration
