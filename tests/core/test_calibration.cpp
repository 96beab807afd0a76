// The gains' fit (core/calibration.hpp) on made-up energies: exact recovery, a prior for what no
// observation sees, an outlier that does not move the answer, the posterior σ, leave-one-out.
#include <citynoise/core/calibration.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace citynoise::calibration;

namespace {

/// 10 stations × 12 intervals of three groups with energies that vary by station and interval,
/// measured with the gains `truth` (plus noise of σ `noise` dB); group 3 is silent everywhere.
std::vector<Observation> synthetic(const std::vector<double>& truth, double noise, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> level(40, 70);
  std::normal_distribution<double> error(0, noise > 0 ? noise : 1);
  std::vector<Observation> out;
  for (std::size_t s = 0; s < 10; ++s)
    for (int i = 0; i < 12; ++i) {
      Observation o;
      o.station = s;
      for (int g = 0; g < 3; ++g) o.energy.push_back(std::pow(10.0, level(rng) / 10));
      o.energy.push_back(0.0);
      o.measured = modelLevel(o, truth) + (noise > 0 ? error(rng) : 0.0);
      out.push_back(o);
    }
  return out;
}

Options options() {
  Options o;
  o.priorSigma = {3, 6, 6, 6};
  return o;
}

}  // namespace

TEST_CASE("calibration: exact measurements give the gains back; a silent group keeps its prior") {
  const std::vector<double> truth = {3, -4, 6, 0};
  const Fit f = fitGains(synthetic(truth, 0, 1), options());
  REQUIRE(f.converged);
  for (int g = 0; g < 3; ++g) CHECK(f.gain[static_cast<std::size_t>(g)] == Approx(truth[static_cast<std::size_t>(g)]).margin(0.01));
  CHECK(f.gain[3] == 0.0);
  CHECK(f.sigma[3] == Approx(6.0));
  CHECK(f.scale == Approx(0.05));  // the residual scale's floor
}

TEST_CASE("calibration: with noise the error stays within 3 σ; one outlier barely moves the gains") {
  const std::vector<double> truth = {2, -3, 5, 0};
  std::vector<Observation> obs = synthetic(truth, 1.5, 2);
  const Fit f = fitGains(obs, options());
  for (std::size_t g = 0; g < 3; ++g) {
    CHECK(std::abs(f.gain[g] - truth[g]) < 3 * f.sigma[g]);
    CHECK(f.sigma[g] < 1.0);
  }
  CHECK(f.scale == Approx(1.5).margin(0.4));
  obs[5].measured += 40;  // a barking dog
  const Fit dog = fitGains(obs, options());
  for (std::size_t g = 0; g < 3; ++g) CHECK(std::abs(dog.gain[g] - f.gain[g]) < 0.3);
}

TEST_CASE("calibration: the model's level is the energy sum with the gains, leave-one-out predicts every observation") {
  Observation o;
  o.energy = {1e6, 1e5};
  CHECK(modelLevel(o, {0, 0}) == Approx(10 * std::log10(1.1e6)));
  CHECK(modelLevel(o, {10, 0}) == Approx(10 * std::log10(1.01e7)));
  const std::vector<Observation> obs = synthetic({1, 1, 1, 0}, 0, 3);
  const std::vector<double> loo = leaveOneStationOut(obs, options());
  REQUIRE(loo.size() == obs.size());
  for (std::size_t i = 0; i < obs.size(); ++i) CHECK(loo[i] == Approx(obs[i].measured).margin(0.05));
}
