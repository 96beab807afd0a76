#include <citynoise/core/diffraction.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace citynoise;

TEST_CASE("Thin screen: CNOSSOS Delta_dif = 10 lg(3 + 20 N) against the analytic table", "[core][diffraction]") {
  const double lambda = kWavelengths[4];  // 1 kHz
  int checked = 0;
  for (const auto& row : test::readCsv(test::dataDir() / "reference/analytic_validation_values.csv")) {
    if (row[1].find("CNOSSOS Delta_dif") == std::string::npos) continue;
    const double fresnel = std::stod(row[2]);           // N = 2δ/λ
    const double delta = fresnel * lambda / 2.0;
    const double d = std::min(deltaDif(delta, lambda, 1.0), kMaxDeltaDifHorizontal);
    CHECK(d == Approx(std::stod(row[4])).margin(0.006));
    ++checked;
  }
  CHECK(checked >= 10);
}

TEST_CASE("Delta_dif is 0 when the ray passes far above the edge", "[core][diffraction]") {
  const double lambda = kWavelengths[0];
  CHECK(deltaDif(-2.0 * lambda / 40.0 - 1e-9, lambda, 1.0) == 0.0);
  CHECK(deltaDif(-2.0 * lambda / 40.0 + 1e-9, lambda, 1.0) == Approx(0.0).margin(1e-6));
  CHECK(deltaDif(0.0, lambda, 1.0) == Approx(10.0 * std::log10(3.0)));
}

TEST_CASE("C'' is 1 for one edge and tends to 3 for edges far apart", "[core][diffraction]") {
  CHECK(multipleEdgeFactor(1.0, 0.0) == 1.0);
  CHECK(multipleEdgeFactor(0.0425, 1000.0) == Approx(3.0).margin(1e-3));
  CHECK(multipleEdgeFactor(5.4, 0.01) == Approx(1.0).margin(1e-4));
  // Edges up to 0.3 m apart are one edge; just beyond, at 8 kHz, C'' is already 1.8.
  CHECK(multipleEdgeFactor(0.0425, 0.3) == 1.0);
  const double q = 5.0 * 0.0425 / 0.31;
  CHECK(multipleEdgeFactor(0.0425, 0.31) == Approx((1.0 + q * q) / (1.0 / 3.0 + q * q)));
  CHECK(multipleEdgeFactor(0.0425, 0.31) > 1.7);
}

TEST_CASE("Delta_ground vanishes without ground effect and equals A_ground when images add nothing",
          "[core][diffraction]") {
  CHECK(deltaGround(0.0, 12.0, 10.0) == Approx(0.0).margin(1e-12));
  CHECK(deltaGround(-2.5, 10.0, 10.0) == Approx(-2.5));
  // A strong image term (Δ(S',R) ≫ Δ(S,R)) hides the ground effect.
  CHECK(deltaGround(-3.0, 60.0, 10.0) == Approx(0.0).margin(0.02));
}

TEST_CASE("Curved rays: Gamma = max(1000, 8d) and arcs longer than chords", "[core][diffraction]") {
  CHECK(curvedRayRadius(50.0) == 1000.0);
  CHECK(curvedRayRadius(500.0) == 4000.0);
  CHECK(arcLength(100.0, 1000.0) > 100.0);
  CHECK(arcLength(100.0, 1000.0) == Approx(100.0 + 100.0 * 100.0 * 100.0 / (24.0 * 1000.0 * 1000.0)).epsilon(1e-6));
}

TEST_CASE("Favourable path difference of an edge below the curved ray (Annex II 2.5.7)", "[core][diffraction]") {
  // Hand-computed (arc = 2Γ·asin(l/2Γ), Γ = 1000 m): a 1 m screen 0.236 m below the straight line
  // from a 0.05 m source to a 2.06 m receiver 41.8 m away: δ_F = 2ŜC + 2ĈR − ŜO − ÔR − ŜR.
  const Point2 s{0.0, 0.05}, r{41.772, 2.061};
  CHECK(favourablePassingDifference(s, r, {24.627, 1.0}, 1000.0) == Approx(-0.0049481588).margin(1e-9));
  // An edge above the straight line but below the arc: ŜO + ÔR − ŜR, negative.
  const Point2 s2{0.0, 1.0}, r2{190.59118552545917, 14.0};
  CHECK(favourablePassingDifference(s2, r2, {146.75, 11.5}, 1528.2722270590407) == Approx(-0.06267).margin(2e-4));
  // The two forms meet on the straight line, and both tend to −(SO + OR − SR) for straight rays.
  const Point2 onLine{20.0, 0.05 + 2.011 * 20.0 / 41.772};
  const Point2 justBelow{20.0, onLine.z - 1e-9};
  CHECK(favourablePassingDifference(s, r, onLine, 1000.0) ==
        Approx(favourablePassingDifference(s, r, justBelow, 1000.0)).margin(1e-7));
  const Point2 o{24.627, 1.0};
  const double straight = -(distance(s, o) + distance(o, r) - distance(s, r));
  CHECK(favourablePassingDifference(s, r, o, 1e9) == Approx(straight).margin(1e-9));
  CHECK(favourablePassingDifference(s, r, o, 1000.0) < straight);  // the arc passes higher
}
