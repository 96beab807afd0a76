// CNOSSOS-EU road emission against the reference vectors (tests/data/emission/road_tests.json,
// from NoiseModelling's RoadCnossosTest, T02–T06 being JRC reference-DLL values).
#include <citynoise/core/decibel.hpp>
#include <citynoise/core/emission/road.hpp>
#include <citynoise/io/coefficient_tables.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace citynoise;
using namespace citynoise::emission;
using nlohmann::json;

namespace {

const json& vectors() {
  static const json doc = [] {
    std::ifstream in(test::dataDir() / "emission/road_tests.json");
    return json::parse(in);
  }();
  return doc;
}

const json& vector(const std::string& name) {
  for (const json& t : vectors()["tests"])
    if (t["name"] == name) return t;
  throw std::runtime_error("no vector " + name);
}

const RoadCoefficients& table(int version) {
  static const RoadCoefficients v2015 = io::loadRoadCoefficients("cnossos-2015");
  static const RoadCoefficients v2020 = io::loadRoadCoefficients("cnossos-2020");
  return version == 1 ? v2015 : v2020;
}

TrafficFlow trafficOf(const json& in) {
  TrafficFlow t;
  const char* cats[] = {"1", "2", "3", "4a", "4b"};
  for (std::size_t m = 0; m < 5; ++m) {
    t.flow[m] = in["flow_veh_per_h"][cats[m]].get<double>();
    t.speed[m] = in.contains("speed_kmh") ? in["speed_kmh"][cats[m]].get<double>() : in["speed_kmh_all_categories"].get<double>();
  }
  return t;
}

RoadConditions conditionsOf(const json& in) {
  RoadConditions c;
  c.surface = in["road_surface"];
  c.temperatureC = in["temperature_C"];
  c.studMonths = in["Ts_stud_months"];
  c.studShare = in["Pm_stud"];
  c.junction = static_cast<JunctionType>(in["junction_type"].get<double>());
  c.junctionDistance = in["junction_distance_m"];
  const double s = in.contains("slope_percent") ? in["slope_percent"].get<double>() : in["slope_percent_input"].get<double>();
  c.gradientPct = std::clamp(s, -12.0, 12.0);  // the corrections saturate at 12 % anyway
  c.bothDirections = in.value("way", 1) == 3;
  return c;
}

std::size_t bandOf(double f) {
  for (std::size_t i = 0; i < kBandCount; ++i)
    if (kNominalFrequencies[i] == f) return i;
  throw std::runtime_error("not an octave band");
}

}  // namespace

TEST_CASE("Road emission reproduces the JRC reference values T02-T06", "[core][emission][road]") {
  for (const char* name : {"T02", "T03", "T04", "T05", "T06"}) {
    const json& t = vector(name);
    const json& in = t["inputs"];
    const BandArray lw = roadLineEmission(table(in["coefficient_file_version"]), trafficOf(in), conditionsOf(in));
    INFO(name);
    CHECK(lw[bandOf(in["frequency_Hz"])] ==
          Approx(t["expected"]["LW_per_m_dB_at_frequency"].get<double>()).margin(t["tolerance_db"].get<double>()));
  }
}

TEST_CASE("Road emission over 8 bands at 20 km/h with studded tyres and a steep descent", "[core][emission][road]") {
  const json& t = vector("CnossosEmissionTest");
  const json& in = t["inputs"];
  const BandArray lw = roadLineEmission(table(in["coefficient_file_version"]), trafficOf(in), conditionsOf(in));
  for (std::size_t i = 0; i < kBandCount; ++i)
    CHECK(lw[i] == Approx(t["expected"]["LW_per_m_dB_per_octave"][i].get<double>()).margin(0.01));
}

TEST_CASE("A two-way road on a slope: half the flow climbs, half descends", "[core][emission][road]") {
  // The Directive's reading. NoiseModelling's vector CnossosEmissionTestwithSlope embeds a defect
  // (it shifts the rolling noise by the difference of the two gradient corrections and keeps the
  // uphill propulsion correction; road_tests.json implementation_notes): it is not matched.
  const json& in = vector("CnossosEmissionTestwithSlope")["inputs"];
  const RoadCoefficients& c = table(1);
  RoadConditions both = conditionsOf(in), asGiven = both, reversed = both;
  asGiven.bothDirections = reversed.bothDirections = false;
  reversed.gradientPct = -asGiven.gradientPct;
  TrafficFlow half = trafficOf(in);
  for (double& q : half.flow) q *= 0.5;
  const BandArray l = roadLineEmission(c, trafficOf(in), both);
  const BandArray lu = roadLineEmission(c, half, asGiven), ld = roadLineEmission(c, half, reversed);
  for (std::size_t i = 0; i < kBandCount; ++i) CHECK(l[i] == Approx(addLevels(lu[i], ld[i])).margin(1e-9));
  // and one way, as given, is the reference vector above
  const BandArray oneWay = roadLineEmission(c, trafficOf(in), asGiven);
  CHECK(oneWay[3] == Approx(vector("CnossosEmissionTest")["expected"]["LW_per_m_dB_per_octave"][3].get<double>()).margin(0.01));
}

TEST_CASE("Global A-weighted level on the French FR_R2 surface", "[core][emission][road]") {
  const json& t = vector("TGlobalBP");
  const json& in = t["inputs"];
  const BandArray lw = roadLineEmission(table(1), trafficOf(in), conditionsOf(in));
  CHECK(totalLevel(aWeighted(lw)) == Approx(t["expected"]["LWA_per_m_dBA_global"].get<double>()).margin(0.1));
}

TEST_CASE("Coefficient lookup and unknown surfaces", "[core][emission][road]") {
  CHECK(table(1).vehicles[1].ar[1] == Approx(88.7));  // TestTableIII
  RoadConditions c;
  c.surface = "wrongPavement";
  TrafficFlow t;
  t.flow[0] = 100.0, t.speed[0] = 50.0;
  CHECK_THROWS_WITH(roadLineEmission(table(2), t, c), Catch::Contains("wrongPavement"));
}

TEST_CASE("One vehicle: the static model per vehicle, and its variability", "[core][emission][road]") {
  const json& iv = vectors()["individual_vehicle_tests"];
  const double z = iv["java_random_nextGaussian_seed_10"];
  RoadConditions c;
  c.temperatureC = 15.0;
  // T02_OneVeh: one light vehicle at 50 km/h equals LW' of 50 000 veh/h at 50 km/h (flow term 0 dB).
  TrafficFlow t;
  t.flow[0] = 50000.0, t.speed[0] = 50.0;
  for (std::size_t m = 1; m < 5; ++m) t.speed[m] = 10.0;
  CHECK(individualVehicleSoundPower(table(2), VehicleCategory::Light, 50.0, c, 0.0, 0.0)[3] ==
        Approx(roadLineEmission(table(2), t, c)[3]).margin(1e-9));
  // testRoadNoise2_speed0: a heavy vehicle standing (no rolling noise, propulsion at the model's
  // lowest speed), σ = 1 dB, z = the first deviate of Java's Random(10), as the vector used.
  // (testRoadNoise1 is not matched: NoiseModelling adds the studded-tyre term linearly, a defect
  // recorded in road_tests.json; here a studded vehicle gets the full Δ_stud in dB.)
  c.temperatureC = 0.0;
  c.junction = JunctionType::TrafficLights;
  c.junctionDistance = 200.0;
  const double expected = iv["tests"][2]["expected"]["LW_dB"];
  CHECK(individualVehicleSoundPower(table(2), VehicleCategory::Heavy, 0.0, c, 1.0, z)[3] ==
        Approx(expected).margin(0.1));
}

TEST_CASE("Quiet pavement lowers light-vehicle emission at urban speed", "[core][emission][road]") {
  TrafficFlow t;
  t.flow = {900, 30, 20, 0, 10};
  t.speed = {50, 50, 50, 50, 50};
  RoadConditions dense, porous;
  porous.surface = "NL02";  // 2-layer ZOAB, −4.0 dB(A) for cars at 50 km/h (methods.md A.1)
  const double l0 = totalLevel(aWeighted(roadLineEmission(table(2), t, dense)));
  const double l1 = totalLevel(aWeighted(roadLineEmission(table(2), t, porous)));
  CHECK(l0 - l1 == Approx(4.0).margin(0.5));
}
