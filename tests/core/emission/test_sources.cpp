#include <citynoise/core/decibel.hpp>
#include <citynoise/core/emission/directivity.hpp>
#include <citynoise/core/emission/spectra.hpp>
#include <citynoise/core/source_split.hpp>
#include <citynoise/core/sources.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

using namespace citynoise;
using namespace citynoise::emission;

TEST_CASE("Spectra for a given LwA carry exactly that A-weighted total", "[core][emission][spectra]") {
  for (const char* name : {"flat", "engine", "impact", "piling", "vibratory", "cutting", "music", "speech", "fan"}) {
    const auto shape = parseSpectrumShape(name);
    REQUIRE(shape);
    CHECK(totalLevel(aWeighted(spectrumForLwA(*shape, 104.0))) == Approx(104.0));
  }
  CHECK_FALSE(parseSpectrumShape("bagpipes"));
  // Music is bass-heavy, speech is not.
  CHECK(spectrumForLwA(SpectrumShape::Music, 100)[0] > spectrumForLwA(SpectrumShape::Speech, 100)[0] + 10);
}

TEST_CASE("Directivity keeps the radiated power and points where it is aimed", "[core][emission][directivity]") {
  const Directivity speaker = Directivity::piston(0.15, -15.0);
  // Power: the mean over the sphere of 10^(D/10) is 1 in every band.
  for (std::size_t i = 0; i < kBandCount; ++i) {
    double mean = 0.0;
    constexpr int n = 2000;
    for (int k = 0; k < n; ++k) {
      const double t = (k + 0.5) * std::numbers::pi / n;
      mean += dbToEnergy(speaker.correction(t)[i]) * std::sin(t) * std::numbers::pi / n / 2.0;
    }
    CHECK(mean == Approx(1.0).epsilon(1e-3));
  }
  // 15 dB quieter behind the cabinet; in front the beam narrows with frequency.
  const BandArray onAxis = speaker.correction(0.0), behind = speaker.correction(std::numbers::pi);
  const BandArray side = speaker.correction(std::numbers::pi / 3);
  CHECK(onAxis[6] - behind[6] == Approx(15.0));
  CHECK(onAxis[0] - side[0] < 0.5);
  CHECK(onAxis[6] - side[6] > 10.0);
  CHECK(onAxis[6] > onAxis[1]);
  CHECK(speaker.correction(Vec3{1, 0, 0}, Vec3{5, 0, 0})[5] == Approx(onAxis[5]));
  CHECK(Directivity().correction(1.0)[3] == 0.0);
  CHECK_THROWS(Directivity::table({0, 90}, {filled(0.0)}));
}

TEST_CASE("A split line reproduces the incoherent line source in free field", "[core][split]") {
  // Straight line of LW' = 0 dB/m along x from −L to L, receiver at distance r: the exact
  // intensity ∫ dx / (4π(r² + x²)) = atan(L/r) / (2π r).
  for (double r : {2.0, 10.0, 50.0, 300.0}) {
    const double L = 2000.0;
    std::vector<PointPiece> pieces;
    const std::vector<Vec3> line{{-L, 0, 0}, {L, 0, 0}};
    splitLine(line, {0, r, 0}, SplitRule{}, pieces);
    double sum = 0.0, total = 0.0;
    for (const PointPiece& p : pieces) {
      sum += p.size / (4.0 * std::numbers::pi * (p.position.x * p.position.x + r * r));
      total += p.size;
    }
    const double exact = std::atan(L / r) / (2.0 * std::numbers::pi * r);
    CHECK(total == Approx(2 * L));
    CHECK(std::abs(10.0 * std::log10(sum / exact)) < 0.05);
    CHECK(pieces.size() < 200);  // neither one point nor a million
  }
}

TEST_CASE("A split area keeps its area and refines near the receiver", "[core][split]") {
  const std::vector<Vec3> square{{0, 0, 1}, {100, 0, 1}, {100, 100, 1}, {0, 100, 1}};
  std::vector<PointPiece> near, far;
  splitArea(square, {50, 50, 1.5}, SplitRule{}, near);
  splitArea(square, {5000, 50, 1.5}, SplitRule{}, far);
  double a = 0.0;
  for (const PointPiece& p : near) a += p.size;
  CHECK(a == Approx(10000.0));
  CHECK(near.size() > far.size());
  std::vector<PointPiece> tiny;
  splitArea(std::vector<Vec3>{{0, 0, 0}, {0.1, 0, 0}, {0, 0.1, 0}}, {100, 100, 0}, SplitRule{}, tiny);
  REQUIRE(tiny.size() == 1);
  CHECK(tiny[0].size == Approx(0.005));
}

TEST_CASE("Period emission of objects: lines length-weighted, points summed", "[core][sources]") {
  SourceObject road;
  road.elements.resize(2);
  for (auto& e : road.elements) e.shape = SourceShape::Line;
  road.elements[0].geometry = {{0, 0, 0}, {30, 0, 0}};
  road.elements[1].geometry = {{30, 0, 0}, {40, 0, 0}};
  road.elements[0].power.fill(filled(70.0));
  road.elements[1].power.fill(filled(80.0));
  CHECK(periodEmission(road, kEuDay)[0] == Approx(10.0 * std::log10((30 * 1e7 + 10 * 1e8) / 40.0)));
  SourceObject site;
  site.elements.resize(2);
  site.elements[0].power.fill(filled(100.0));
  site.elements[1].power.fill(filled(100.0));
  CHECK(periodEmission(site, kEuNight)[0] == Approx(103.0103).margin(1e-4));
}
