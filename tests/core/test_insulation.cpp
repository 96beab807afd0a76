// Indoor levels behind a façade (EN 12354-3 simplified model).
#include <citynoise/core/insulation.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace citynoise;

TEST_CASE("the level difference is R' plus the room term 10 lg(V / (6 T0 S))", "[insulation]") {
  FacadeInsulation f;
  f.rwCtr = 30.0;
  f.roomVolume = 30.0;
  f.facadeArea = 10.0;
  // 10 lg(30 / (6 · 0.5 · 10)) = 0 dB: the room term vanishes for V = 3 S.
  CHECK(facadeLevelDifference(f) == Approx(30.0));
  f.roomVolume = 60.0;  // a room twice as large: the same sound power spreads over more absorption
  CHECK(facadeLevelDifference(f) == Approx(30.0 + 10.0 * std::log10(2.0)));
  f.shapeTerm = 2.0;
  CHECK(facadeLevelDifference(f) == Approx(32.0 + 10.0 * std::log10(2.0)));
}

TEST_CASE("indoor levels: an incident level gets the façade reflection first", "[insulation]") {
  FacadeInsulation f;
  f.rwCtr = 30.0;  // with V = 30, S = 10: D = 30 dB
  CHECK(indoorLevel(65.0, f, false) == Approx(38.0));  // 65 + 3 − 30
  CHECK(indoorLevel(65.0, f, true) == Approx(35.0));   // GB practice: the 1 m level holds it
  // Better windows lower the indoor level dB for dB.
  FacadeInsulation better = f;
  better.rwCtr = 38.0;
  CHECK(indoorLevel(65.0, f, false) - indoorLevel(65.0, better, false) == Approx(8.0));
}
