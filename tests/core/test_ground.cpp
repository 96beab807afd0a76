#include <citynoise/core/ground.hpp>

#include <catch2/catch.hpp>

using namespace citynoise;

// ISO/TR 17534-4 TC01–TC03: S 1 m and R 4 m above flat ground, d_p = 194.16 m.
constexpr double kDp = 194.164878389476;

TEST_CASE("Reflecting ground (G = 0): A_ground,H = -3 dB, A_ground,F at its bound", "[core][ground]") {
  const GroundGeometry g{1.0, 4.0, kDp, 0.0, 0.0};
  const GroundTerms h = groundAttenuation(g, Condition::Homogeneous);
  const GroundTerms f = groundAttenuation(g, Condition::Favourable);
  for (std::size_t i = 0; i < kBandCount; ++i) {
    CHECK(h.aGround[i] == Approx(-3.0));
    // −3(1 − G_m)(1 + 2(1 − 30(z_s+z_r)/d_p)) with G_m = 0
    CHECK(f.aGround[i] == Approx(-3.0 * (1.0 + 2.0 * (1.0 - 150.0 / kDp))));
    CHECK(f.aGround[i] == Approx(-4.36).margin(0.005));
    CHECK(h.w[i] == 0.0);
    CHECK(h.cf[i] == Approx(kDp));  // C_f = d_p when w = 0
  }
}

TEST_CASE("Mixed and porous ground match ISO/TR 17534-4 TC02 and TC03", "[core][ground]") {
  const BandArray tc02H{-1.5, -1.5, -1.5, 0.85, 5.71, -1.5, -1.5, -1.5};
  const BandArray tc02F{-2.18, -2.18, -2.18, -2.18, -0.93, -2.18, -2.18, -2.18};
  const BandArray tc03H{0.0, 0.0, 1.59, 9.67, 5.03, 0.0, 0.0, 0.0};
  const BandArray tc03Cf{214.47, 224.67, 130.15, 22.76, 2.48, 0.49, 0.11, 0.03};
  const GroundTerms h2 = groundAttenuation({1.0, 4.0, kDp, 0.5, 0.5}, Condition::Homogeneous);
  const GroundTerms f2 = groundAttenuation({1.0, 4.0, kDp, 0.5, 0.5}, Condition::Favourable);
  const GroundTerms h3 = groundAttenuation({1.0, 4.0, kDp, 1.0, 1.0}, Condition::Homogeneous);
  for (std::size_t i = 0; i < kBandCount; ++i) {
    CHECK(h2.aGround[i] == Approx(tc02H[i]).margin(0.006));
    CHECK(f2.aGround[i] == Approx(tc02F[i]).margin(0.006));
    CHECK(h3.aGround[i] == Approx(tc03H[i]).margin(0.006));
    CHECK(h3.cf[i] == Approx(tc03Cf[i]).margin(0.006));
  }
}

TEST_CASE("G'_path blends in the source ground near the source", "[core][ground]") {
  // d_p = 60 ≤ 30(z_s + z_r) = 150: G' = G_path·0.4 + G_s·0.6
  CHECK(groundFactorPrime({1.0, 4.0, 60.0, 0.2, 1.0}) == Approx(0.2 * 0.4 + 1.0 * 0.6));
  CHECK(groundFactorPrime({1.0, 4.0, 300.0, 0.2, 1.0}) == Approx(0.2));
}

TEST_CASE("A_ground never falls below its lower bound -3(1 - G_m)", "[core][ground]") {
  for (double g : {0.1, 0.3, 0.7, 1.0})
    for (double dp : {20.0, 100.0, 500.0}) {
      const GroundGeometry geo{0.5, 4.0, dp, g, g};
      const GroundTerms h = groundAttenuation(geo, Condition::Homogeneous);
      for (double a : h.aGround) CHECK(a >= -3.0 * (1.0 - groundFactorPrime(geo)) - 1e-12);
    }
}

TEST_CASE("An end point below its mean plane counts as standing on it", "[core][ground]") {
  // A roof edge 0.7 m under the mean plane of the roof-and-ground line behind it (the receiver
  // side of a flat-roofed building, JRC-2012 bldg family): z = 0 in the formula. Hand-computed
  // from eq. 2.5.15 (H) with z_s = 0, z_r = 7.5 m, d_p = 73 m, G = 0.6: 4 kHz +0.142, 8 kHz +3.726 dB.
  const GroundTerms below = groundAttenuation({-0.7, 7.5, 73.0, 0.6, 0.6}, Condition::Homogeneous);
  const GroundTerms on = groundAttenuation({0.0, 7.5, 73.0, 0.6, 0.6}, Condition::Homogeneous);
  CHECK(below.aGround[6] == Approx(0.14222431598573537).margin(1e-9));
  CHECK(below.aGround[7] == Approx(3.7261115927688326).margin(1e-9));
  for (std::size_t i = 0; i < kBandCount; ++i) CHECK(below.aGround[i] == on.aGround[i]);
  const GroundTerms belowF = groundAttenuation({-0.7, 7.5, 73.0, 0.6, 0.6}, Condition::Favourable);
  const GroundTerms onF = groundAttenuation({0.0, 7.5, 73.0, 0.6, 0.6}, Condition::Favourable);
  for (std::size_t i = 0; i < kBandCount; ++i) CHECK(belowF.aGround[i] == onF.aGround[i]);
}
