#include <citynoise/core/decibel.hpp>

#include <catch2/catch.hpp>

using namespace citynoise;

TEST_CASE("dB and energy convert both ways, silence is -inf", "[core][decibel]") {
  for (double l : {-20.0, 0.0, 37.5, 93.0, 140.0}) CHECK(energyToDb(dbToEnergy(l)) == Approx(l).margin(1e-12));
  CHECK(dbToEnergy(kSilenceDb) == 0.0);
  CHECK(energyToDb(0.0) == kSilenceDb);
}

TEST_CASE("Energetic sums of levels", "[core][decibel]") {
  CHECK(addLevels(60.0, 60.0) == Approx(63.0103).margin(1e-4));
  CHECK(addLevels(60.0, kSilenceDb) == Approx(60.0));
  EnergySum sum;
  sum.add(filled(50.0));
  sum.add(filled(50.0));
  sum.add(filled(50.0));
  for (double l : sum.levels()) CHECK(l == Approx(50.0 + 10.0 * std::log10(3.0)));
  CHECK(totalLevel(filled(93.0)) == Approx(93.0 + 10.0 * std::log10(8.0)));
}

TEST_CASE("A-weighting per octave band, 63 Hz to 8 kHz", "[core][decibel]") {
  const BandArray la = aWeighted(filled(0.0));
  const BandArray expected{-26.2, -16.1, -8.6, -3.2, 0.0, 1.2, 1.0, -1.1};
  for (std::size_t i = 0; i < kBandCount; ++i) CHECK(la[i] == expected[i]);
}

TEST_CASE("Long-term level combines H and F with the probability p", "[core][decibel]") {
  const BandArray h = filled(40.0), f = filled(46.0);
  CHECK(longTermLevel(h, f, 0.0)[0] == Approx(40.0));
  CHECK(longTermLevel(h, f, 1.0)[0] == Approx(46.0));
  // p = 0.5: 10 lg(0.5·10^4.6 + 0.5·10^4.0)
  CHECK(longTermLevel(h, f, 0.5)[3] == Approx(10.0 * std::log10(0.5 * std::pow(10.0, 4.6) + 0.5e4)));
  // A path without a favourable counterpart keeps only the (1 − p) homogeneous share.
  CHECK(longTermLevel(h, f, 0.5, 0.0)[0] == Approx(40.0 - 10.0 * std::log10(2.0)));
}

TEST_CASE("Long-term energy is eq. 2.5.11 on energies, for levels and transfer factors alike", "[core][decibel]") {
  // Transfer factors of A_H = 60 dB and A_F = 54 dB at p = 0.25.
  const double eH = dbToEnergy(-60.0), eF = dbToEnergy(-54.0);
  CHECK(longTermEnergy(eH, eF, 0.25, 0.25) == Approx(0.25 * std::pow(10.0, -5.4) + 0.75e-6));
  CHECK(longTermEnergy(eH, eF, 0.25, 0.0) == Approx(0.75e-6));
  // The level form is the logarithm of the energy form.
  const BandArray h = filled(60.0), f = filled(66.0);
  CHECK(longTermLevel(h, f, 0.3)[5] == Approx(energyToDb(longTermEnergy(1e6, std::pow(10.0, 6.6), 0.3, 0.3))));
}
