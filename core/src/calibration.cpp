// The gains' fit (see calibration.hpp).
#include <citynoise/core/calibration.hpp>

#include <citynoise/core/decibel.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace citynoise::calibration {
namespace {

/// Solves the symmetric positive definite system A x = b (Cholesky); A is n × n, row-major.
std::vector<double> solve(std::vector<double> a, std::vector<double> b, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (std::size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    d = std::sqrt(std::max(d, 1e-300));
    a[j * n + j] = d;
    for (std::size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (std::size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / d;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {  // L y = b
    for (std::size_t k = 0; k < i; ++k) b[i] -= a[i * n + k] * b[k];
    b[i] /= a[i * n + i];
  }
  for (std::size_t i = n; i-- > 0;) {  // Lᵀ x = y
    for (std::size_t k = i + 1; k < n; ++k) b[i] -= a[k * n + i] * b[k];
    b[i] /= a[i * n + i];
  }
  return b;
}

/// The groups' energy shares of an observation with gains γ (the model's Jacobian row).
std::vector<double> shares(const Observation& o, const std::vector<double>& gain) {
  std::vector<double> s(gain.size(), 0.0);
  double total = 0;
  for (std::size_t g = 0; g < gain.size(); ++g) total += s[g] = dbToEnergy(gain[g]) * o.energy[g];
  for (double& v : s) v = total > 0 ? v / total : 0.0;
  return s;
}

/// 1.4826 × the weighted median of |r|: the scale of normal residuals, robust to outliers.
double robustScale(const std::vector<std::pair<double, double>>& absResidualWeight) {
  std::vector<std::pair<double, double>> v = absResidualWeight;
  std::sort(v.begin(), v.end());
  double total = 0, run = 0;
  for (const auto& [r, w] : v) total += w;
  for (const auto& [r, w] : v)
    if ((run += w) >= total / 2) return 1.4826 * r;
  return 0;
}

/// Fills A = JᵀWJ/s² + P and b = JᵀW r/s² − P γ at γ (W: the intervals' weights times Huber's IRLS factors).
void normalEquations(const std::vector<Observation>& obs, const Options& o, const std::vector<double>& gain, double s, std::vector<double>& a,
                     std::vector<double>& b) {
  const std::size_t n = gain.size();
  a.assign(n * n, 0.0), b.assign(n, 0.0);
  for (const Observation& ob : obs) {
    const double model = modelLevel(ob, gain);
    if (!std::isfinite(model)) continue;
    const double r = ob.measured - model;
    const double huber = std::abs(r) <= o.huberK * s ? 1.0 : o.huberK * s / std::abs(r);  // IRLS weight of Huber's loss
    const double w = ob.weight * huber / (s * s);
    const std::vector<double> j = shares(ob, gain);
    for (std::size_t p = 0; p < n; ++p) {
      b[p] += w * j[p] * r;
      for (std::size_t q = 0; q < n; ++q) a[p * n + q] += w * j[p] * j[q];
    }
  }
  for (std::size_t g = 0; g < n; ++g) {
    const double prior = 1 / (o.priorSigma[g] * o.priorSigma[g]);
    a[g * n + g] += prior;
    b[g] -= prior * gain[g];
  }
}

}  // namespace

double modelLevel(const Observation& o, const std::vector<double>& gain) {
  double e = 0;
  for (std::size_t g = 0; g < gain.size() && g < o.energy.size(); ++g) e += dbToEnergy(gain[g]) * o.energy[g];
  return e > 0 ? energyToDb(e) : -std::numeric_limits<double>::infinity();
}

Fit fitGains(const std::vector<Observation>& observations, const Options& options) {
  const std::size_t n = options.priorSigma.size();
  Fit fit;
  fit.gain.assign(n, 0.0);
  fit.scale = 3.0;  // a first guess of the model's error at a point; re-estimated from the residuals
  std::vector<double> a, b;
  for (fit.iterations = 1; fit.iterations <= options.maxIterations; ++fit.iterations) {
    normalEquations(observations, options, fit.gain, fit.scale, a, b);
    const std::vector<double> step = solve(a, b, n);
    double largest = 0;
    for (std::size_t g = 0; g < n; ++g) {
      const double d = std::clamp(step[g], -6.0, 6.0);  // Gauss–Newton far from the answer: at most 6 dB a round
      fit.gain[g] += d, largest = std::max(largest, std::abs(d));
    }
    std::vector<std::pair<double, double>> residuals;
    for (const Observation& ob : observations)
      if (const double m = modelLevel(ob, fit.gain); std::isfinite(m)) residuals.emplace_back(std::abs(ob.measured - m), ob.weight);
    const double scale = std::max(options.minScale, robustScale(residuals));
    const bool settled = largest < 1e-6 && std::abs(scale - fit.scale) < 1e-6 * std::max(1.0, scale);
    fit.scale = scale;
    if (settled) {
      fit.converged = true;
      break;
    }
  }
  // The posterior covariance at the answer: column g of A⁻¹ for each g.
  normalEquations(observations, options, fit.gain, fit.scale, a, b);
  fit.sigma.assign(n, 0.0);
  for (std::size_t g = 0; g < n; ++g) {
    std::vector<double> unit(n, 0.0);
    unit[g] = 1;
    fit.sigma[g] = std::sqrt(std::max(0.0, solve(a, unit, n)[g]));
  }
  return fit;
}

std::vector<double> leaveOneStationOut(const std::vector<Observation>& observations, const Options& options) {
  std::map<std::size_t, std::vector<std::size_t>> byStation;
  for (std::size_t i = 0; i < observations.size(); ++i) byStation[observations[i].station].push_back(i);
  std::vector<double> out(observations.size(), std::numeric_limits<double>::quiet_NaN());
  for (const auto& [station, own] : byStation) {
    std::vector<Observation> others;
    for (const Observation& o : observations)
      if (o.station != station) others.push_back(o);
    const Fit f = fitGains(others, options);
    for (const std::size_t i : own) out[i] = modelLevel(observations[i], f.gain);
  }
  return out;
}

}  // namespace citynoise::calibration
