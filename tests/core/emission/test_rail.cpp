// CNOSSOS-EU railway emission against the reference vectors of tests/data/emission/rail_tests.json
// (NoiseModelling's RailwayCnossosTest, tolerance 1e-4 dB, 24 one-third-octave bands).
#include <citynoise/core/decibel.hpp>
#include <citynoise/core/emission/rail.hpp>
#include <citynoise/io/coefficient_tables.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

using namespace citynoise;
using namespace citynoise::emission;
using nlohmann::json;

namespace {

const json& railVectors() {
  static const json doc = [] {
    std::ifstream in(test::dataDir() / "emission/rail_tests.json");
    return json::parse(in);
  }();
  return doc;
}

RailTrack trackOf(const json& t) {
  RailTrack r;
  r.trackTransfer = t["trackTransfer"];
  r.railRoughness = t["railRoughness"];
  r.impact = t["impactNoise"];
  const std::string bridge = t["bridgeTransfert"];
  r.bridge = bridge == "0" ? "" : bridge;
  r.curvature = static_cast<int>(t["curvature"].get<double>());
  r.tunnel = t["isTunnel"];
  r.tracks = static_cast<int>(t["nTracks"].get<double>());
  return r;
}

}  // namespace

TEST_CASE("Railway emission reproduces every reference vector to 1e-4 dB", "[core][emission][rail]") {
  int compared = 0;
  for (const json& t : railVectors()["tests"]) {
    if (!t.contains("expected_LW_per_m_dB_third_octave")) continue;
    const RailTables tables = io::loadRailTables(t["data_files"]["setRailwayDataFile"]);
    const auto vehicles = io::loadRailVehicles(t["data_files"]["setVehicleDataFile"]);
    const RailTrack track = trackOf(t["inputs"]["track"]);
    for (const auto& [period, field] : {std::pair{"D", "T_day"}, std::pair{"E", "T_evening"}, std::pair{"N", "T_night"}}) {
      std::array<ThirdOctaveArray, kRailSources> sum{};
      for (auto& s : sum) s.fill(0.0);
      bool any = false;
      for (const json& v : t["inputs"]["vehicles"]) {
        if (!v.contains(field)) continue;
        any = true;
        const auto lw = railLineEmission(tables, vehicles.at(v["type"]), track, v["speed_kmh"],
                                         static_cast<RunningCondition>(v["runningCondition"].get<double>()),
                                         v["nBUnit"], v[field]);
        for (std::size_t s = 0; s < kRailSources; ++s)
          for (std::size_t i = 0; i < kThirdOctaves; ++i) sum[s][i] += dbToEnergy(lw[s][i]);
      }
      if (!any) continue;
      for (const auto& [source, periods] : t["expected_LW_per_m_dB_third_octave"].items()) {
        if (!periods.contains(period)) continue;
        const char* names[] = {"ROLLING", "TRACTIONA", "TRACTIONB", "AERODYNAMICA", "AERODYNAMICB", "BRIDGE"};
        std::size_t s = 0;
        while (source != names[s]) ++s;
        for (std::size_t i = 0; i < kThirdOctaves; ++i) {
          INFO(t["name"].get<std::string>() << " " << source << " " << period << " band " << i);
          CHECK(energyToDb(sum[s][i]) == Approx(periods[period][i].get<double>()).margin(1e-4));
          ++compared;
        }
      }
    }
  }
  CHECK(compared > 1000);
}

TEST_CASE("Railway: unknown vehicle references and tunnels", "[core][emission][rail]") {
  const RailTables tables = io::loadRailTables("RailwayEmissionCnossos.json");
  const auto vehicles = io::loadRailVehicles("RailwayVehiclesCnossos.json");
  // Every vehicle of the file, with the references its emission looks up (testUnknownVehicle's
  // "notsupported" is refused by the scenario reader: tests/io/test_scenario.cpp, MAGLEV).
  std::ifstream file(std::string(CITYNOISE_SOURCE_DIR) + "/io/data/cnossos/RailwayVehiclesCnossos.json");
  const json raw = json::parse(file);
  const auto complete = std::count_if(raw.begin(), raw.end(), [](const json& v) { return v.contains("NbAxlePerVeh"); });
  CHECK(complete > 50);
  CHECK(vehicles.size() == static_cast<std::size_t>(complete));
  const RailVehicleType& tgv = vehicles.at("SNCF2");
  CHECK(tgv.units == 10.0);
  CHECK(tgv.axlesPerVehicle == Approx(2.6));
  CHECK(tgv.roughness == "SNCF4");
  CHECK(tgv.contact == "SNCF5");
  CHECK(tgv.transfer == "SNCF2");
  CHECK(tgv.traction == "SNCF1");
  CHECK(tgv.aerodynamic == "SNCF1");
  RailTrack track;
  track.trackTransfer = "SNCF5", track.railRoughness = "SNCF1", track.tracks = 2;
  RailVehicleType bad = vehicles.at("SNCF2");
  bad.transfer = "nope";
  CHECK_THROWS_WITH(railVehicleSources(tables, bad, track, 80.0, RunningCondition::Constant), Catch::Contains("vehicle transfer \"nope\""));
  track.tunnel = true;  // OC6: no source in a tunnel
  for (const auto& s : railLineEmission(tables, vehicles.at("SNCF2"), track, 80.0, RunningCondition::Constant, 2, 1))
    CHECK(s[10] == kSilenceDb);
}

TEST_CASE("One-third octaves fold into octaves by energy", "[core][emission][rail]") {
  ThirdOctaveArray t;
  t.fill(60.0);
  for (double o : foldToOctaves(t)) CHECK(o == Approx(60.0 + 10.0 * std::log10(3.0)));
}

TEST_CASE("A directly given rail line scales with the number of trains and the viaduct", "[core][emission][rail]") {
  const BandArray one = filled(70.0);
  const BandArray l = directRailLine(one, 12.0, filled(4.5));
  CHECK(l[2] == Approx(70.0 + 4.5 + 10.0 * std::log10(12.0)));
  CHECK(directRailLine(one, 0.0, filled(0.0))[0] == kSilenceDb);
}

TEST_CASE("Railway horizontal directivity: 10 lg(0.01 + 0.99 sin²φ) from the track axis", "[core][emission][rail]") {
  const Vec2 axis{1.0, 0.0};
  CHECK(railHorizontalDirectivity(axis, {0.0, 5.0}) == Approx(0.0).margin(1e-12));    // across the track
  CHECK(railHorizontalDirectivity(axis, {0.0, -2.0}) == Approx(0.0).margin(1e-12));   // either side
  CHECK(railHorizontalDirectivity(axis, {3.0, 0.0}) == Approx(-20.0));                // along it
  CHECK(railHorizontalDirectivity(axis, {-3.0, 0.0}) == Approx(-20.0));
  // φ = 30°: sin² = 1/4 → 10 lg(0.01 + 0.2475)
  CHECK(railHorizontalDirectivity(axis, {std::cos(M_PI / 6), std::sin(M_PI / 6)}) == Approx(10.0 * std::log10(0.2575)));
  // The length of the direction does not matter; a vertical (zero plan) direction gets 0 dB.
  CHECK(railHorizontalDirectivity(axis, {10.0, 10.0}) == Approx(railHorizontalDirectivity(axis, {0.1, 0.1})));
  CHECK(railHorizontalDirectivity(axis, {0.0, 0.0}) == 0.0);
}
