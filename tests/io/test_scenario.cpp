// Scenario files: sources built from TOML and GIS layers, and every kind of bad input refused
// with the file, the object and the field named.
#include <citynoise/core/decibel.hpp>
#include <citynoise/core/error.hpp>
#include <citynoise/io/scenario.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace citynoise;

namespace {

/// A scenario folder with a small road layer (GeoJSON, EPSG:2154).
class ScenarioDir {
 public:
  explicit ScenarioDir(const std::string& toml, const std::string& roadProps = R"("ID": "r1", "Q": 1000, "HV": 100, "V": 50, "SURF": "NL05")")
      : file_("scenario.toml", "[scenario]\nname = \"t\"\n" + toml) {
    std::ofstream(file_.path().parent_path() / "roads.geojson")
        << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}},
             "features":[{"type":"Feature","properties":{)" << roadProps
        << R"(},"geometry":{"type":"LineString","coordinates":[[0,0],[100,0]]}}]})";
  }
  [[nodiscard]] const std::filesystem::path& path() const { return file_.path(); }

 private:
  test::TempFile file_;
};

const std::string kRoad = R"(
[[roads]]
file = "roads.geojson"
id = "ID"
surface = "SURF"
[roads.traffic.D]
light = "Q - HV"
heavy = "HV"
speed = "V"
[roads.traffic.E]
light = "(Q - HV) / 2"
speed = 50
[roads.traffic.N]
light = 100
speed = 40
)";

std::string loadError(const std::string& toml, const std::string& props = R"("ID": "r1", "Q": 1000, "HV": 100, "V": 50, "SURF": "NL05")") {
  ScenarioDir d(toml, props);
  try {
    io::loadScenario(d.path());
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("A road layer becomes one line source with hourly emission per traffic period", "[io][scenario]") {
  ScenarioDir d(kRoad);
  const io::Scenario s = io::loadScenario(d.path());
  REQUIRE(s.sources.size() == 1);
  const SourceObject& road = s.sources[0];
  CHECK(road.id == "r1");
  CHECK(road.sourceClass == SourceClass::Road);
  REQUIRE(road.elements.size() == 1);
  CHECK(road.elements[0].geometry[0].z == Approx(0.05));
  // Day traffic in 07–19 (EU periods by default), half the light vehicles in the evening.
  const double day = totalLevel(aWeighted(road.elements[0].power[12]));
  const double evening = totalLevel(aWeighted(road.elements[0].power[20]));
  const double night = totalLevel(aWeighted(road.elements[0].power[2]));
  CHECK(day > evening + 3.0);
  CHECK(evening > night);
  CHECK(periodEmission(road, kEuDay)[4] == Approx(road.elements[0].power[12][4]));
}

TEST_CASE("Bad road input names the file, the feature and the field", "[io][scenario][bad-input]") {
  CHECK(loadError(kRoad, R"("ID": "r1", "Q": 50, "HV": 100, "V": 50, "SURF": "NL05")").find("roads.geojson: r1: traffic.D.light (Q - HV): negative flow -50 veh/h") != std::string::npos);
  CHECK(loadError(kRoad, R"("ID": "r2", "HV": 100, "V": 50, "SURF": "NL05")").find("r2: traffic.D.light (Q - HV): field Q: no such field") != std::string::npos);
  CHECK(loadError(kRoad, R"("ID": "r3", "Q": 1000, "HV": 100, "V": 50, "SURF": "XX99")").find("r3: SURF: unknown road surface code \"XX99\"") != std::string::npos);
  CHECK(loadError(kRoad, R"("ID": "r4", "Q": 1000, "HV": 100, "V": null, "SURF": "NL05")").find("r4: traffic.D.light_speed: field V: missing value") != std::string::npos);
  std::string noTraffic = kRoad.substr(0, kRoad.find("[roads.traffic.D]"));
  CHECK(loadError(noTraffic).find("roads[0].traffic: missing") != std::string::npos);
  CHECK(loadError("[[roads]]\nfile = \"nowhere.shp\"\n[roads.traffic.D]\n[roads.traffic.E]\n[roads.traffic.N]\n").find("nowhere.shp: no such file") != std::string::npos);
}

TEST_CASE("Speeds outside the model's range are clamped with a warning", "[io][scenario][bad-input]") {
  ScenarioDir d(kRoad, R"("ID": "slow", "Q": 1000, "HV": 100, "V": 10, "SURF": "DEF")");
  const io::Scenario s = io::loadScenario(d.path());
  REQUIRE_FALSE(s.warnings.empty());
  CHECK(s.warnings[0].where.find("slow") != std::string::npos);
  CHECK(s.warnings[0].message.find("clamped") != std::string::npos);
}

TEST_CASE("A construction site: machines at places and spread over the site, with a night permit", "[io][scenario]") {
  ScenarioDir d(R"(
[[construction]]
id = "site-A"
polygon = [[0, 0], [50, 0], [50, 40], [0, 40]]
schedule = { windows = ["07:00-12:00", "14:00-19:00"], days = "mon-sat", night = ["22:00-02:00"], night_days_per_year = 73 }
[[construction.equipment]]
source = "excavator"
count = 2
on_time = 0.5
[[construction.equipment]]
source = "breaker"
position = [10, 10]
)");
  const io::Scenario s = io::loadScenario(d.path());
  REQUIRE(s.sources.size() == 1);
  const SourceObject& site = s.sources[0];
  REQUIRE(site.elements.size() == 2);
  CHECK(site.elements[0].shape == SourceShape::Point);
  CHECK(site.elements[1].shape == SourceShape::Area);
  // The breaker (118 dB(A), impulsive: +12 dB) is the night maximum.
  REQUIRE(site.nightMaxPower);
  CHECK(totalLevel(aWeighted(*site.nightMaxPower)) == Approx(130.0));
  // Hand-computed: the breaker at 09:00 runs 6/7 of the days, 100 % of the time.
  CHECK(totalLevel(aWeighted(site.elements[0].power[9])) == Approx(118.0 + 10.0 * std::log10(6.0 / 7.0)));
  // At 23:00 it runs on 73 nights of 365.
  CHECK(totalLevel(aWeighted(site.elements[0].power[23])) == Approx(118.0 + 10.0 * std::log10(0.2)));
  // The two excavators (104 dB(A) each, 50 % on) spread over 2 000 m².
  CHECK(totalLevel(aWeighted(site.elements[1].power[9])) == Approx(104.0 + 3.0103 + 10.0 * std::log10(6.0 / 7.0) - 10.0 * std::log10(2000.0)).margin(1e-3));
  CHECK(site.elements[1].power[13][0] == kSilenceDb);  // the lunch break
}

TEST_CASE("A schedule window may start at H:MM: 7:00-12:00 is the hours 7 to 11", "[io][scenario]") {
  ScenarioDir d("[[construction]]\nid = \"s\"\nschedule = { windows = [\"7:00-12:00\"] }\n"
                "[[construction.equipment]]\nsource = \"excavator\"\nposition = [0, 0]\n");
  const io::Scenario s = io::loadScenario(d.path());
  REQUIRE(s.sources.size() == 1);
  REQUIRE(s.sources[0].elements.size() == 1);
  const auto& power = s.sources[0].elements[0].power;
  CHECK(power[6][0] == kSilenceDb);
  CHECK(power[7][0] > kSilenceDb);
  CHECK(power[11] == power[7]);
  CHECK(power[12][0] == kSilenceDb);
}

TEST_CASE("Loudspeakers: plain and smart, aimed into the plaza", "[io][scenario]") {
  ScenarioDir d(R"(
[[loudspeakers]]
id = "dance-1"
source = "square_dance_speaker"
position = [0, 0]
aim = 90
schedule = { windows = ["19:00-21:30"] }
[[loudspeakers]]
id = "dance-smart"
source = "square_dance_speaker"
smart = true
position = [0, 0]
aim_at = [0, 30]
schedule = { windows = ["19:00-21:30"] }
)");
  const io::Scenario s = io::loadScenario(d.path());
  REQUIRE(s.sources.size() == 2);
  const SourceObject& plain = s.sources[0];
  const SourceObject& smart = s.sources[1];
  CHECK(plain.aim.x == Approx(1.0));  // bearing 90° = east
  CHECK(smart.aim.y == Approx(1.0));
  CHECK(totalLevel(aWeighted(plain.elements[0].power[19])) == Approx(103.0));
  CHECK(totalLevel(aWeighted(plain.elements[0].power[21])) == Approx(103.0 + 10.0 * std::log10(0.5)));
  CHECK(totalLevel(aWeighted(smart.elements[0].power[19])) == Approx(97.0));
  CHECK(plain.elements[0].power[12][3] == kSilenceDb);
  // The smart array is more directional: quieter off axis relative to its axis.
  const BandArray a = smart.directivity.correction(0.0), side = smart.directivity.correction(1.2);
  const BandArray pa = plain.directivity.correction(0.0), pside = plain.directivity.correction(1.2);
  CHECK(a[5] - side[5] > pa[5] - pside[5]);
}

TEST_CASE("Bad source input: empty schedules, missing power, unknown library keys", "[io][scenario][bad-input]") {
  CHECK(loadError("[[loudspeakers]]\nid = \"quiet\"\nposition = [0, 0]\nschedule = { windows = [\"19:00-21:00\"] }\n")
            .find("loudspeakers[0].lwa: missing sound power") != std::string::npos);
  CHECK(loadError("[[loudspeakers]]\nid = \"x\"\nlwa = 100\nposition = [0, 0]\nschedule = { days = \"all\" }\n")
            .find("loudspeakers[0].schedule: empty schedule") != std::string::npos);
  CHECK(loadError("[[commercial]]\nid = \"x\"\nsource = \"jukebox\"\nposition = [0, 0]\nschedule = { windows = [\"19:00-21:00\"] }\n")
            .find("commercial[0].source: unknown library source \"jukebox\"") != std::string::npos);
  CHECK(loadError("[[construction]]\nid = \"s\"\nschedule = { windows = [\"7h-12h\"] }\n[[construction.equipment]]\nsource = \"excavator\"\nposition = [0, 0]\n")
            .find("construction[0].schedule.windows: expected HH:MM-HH:MM") != std::string::npos);
  CHECK(loadError("[[construction]]\nid = \"s\"\nschedule = { windows = [\"07:00-12:00\"] }\n[[construction.equipment]]\nsource = \"excavator\"\n")
            .find("construction[0].equipment[0].position: missing") != std::string::npos);
  CHECK(loadError("[scenario]\nname = \"dup\"\n").find("not valid TOML") != std::string::npos);
  CHECK(loadError("[[rail]]\nid = \"m\"\nline = [[0, 0], [10, 0]]\nkind = \"cnossos\"\ntrack = { transfer = \"SNCF5\", roughness = \"SNCF1\" }\n"
                  "[[rail.trains]]\nvehicle = \"MAGLEV\"\nspeed = 80\nper_hour = { D = 1, E = 1, N = 1 }\n")
            .find("rail[0].trains[0].vehicle: unknown vehicle type \"MAGLEV\"") != std::string::npos);
}

TEST_CASE("Rail: a metro on a viaduct with a direct LW', and CNOSSOS-EU vehicles", "[io][scenario]") {
  ScenarioDir d(R"(
[[rail]]
id = "monorail"
line = [[0, 0], [500, 0]]
height = 12
lwa_per_train = 70
spectrum = "engine"
viaduct = 1
trains = { D = 12, E = 8, N = 0 }
[[rail]]
id = "mainline"
line = [[0, 50], [500, 50]]
kind = "cnossos"
track = { transfer = "SNCF5", roughness = "SNCF1", tracks = 2 }
[[rail.trains]]
vehicle = "SNCF2"
speed = 80
units = 2
per_hour = { D = 1, E = 1, N = 0.25 }
)");
  const io::Scenario s = io::loadScenario(d.path());
  REQUIRE(s.sources.size() == 2);
  const SourceObject& mono = s.sources[0];
  CHECK(mono.elements[0].geometry[0].z == Approx(12.5));
  CHECK(totalLevel(aWeighted(mono.elements[0].power[12])) == Approx(70.0 + 4.5 + 10.0 * std::log10(12.0)));
  CHECK(mono.elements[0].power[2][0] == kSilenceDb);
  const SourceObject& main = s.sources[1];
  REQUIRE(main.elements.size() == 2);  // source heights A and B
  CHECK(main.elements[1].geometry[0].z == Approx(4.0));
  CHECK(std::isfinite(main.elements[0].power[12][3]));
}

TEST_CASE("Near a junction a road is cut into 10 m pieces with the acceleration term", "[io][scenario]") {
  ScenarioDir d(kRoad + "[roads.junctions]\nfile = \"lights.geojson\"\n");
  std::ofstream(d.path().parent_path() / "lights.geojson")
      << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[0,0]}}]})";
  const io::Scenario s = io::loadScenario(d.path());
  const SourceObject& road = s.sources.at(0);
  REQUIRE(road.elements.size() == 10);  // 100 m within 100 m of the lights
  // Propulsion +5.5 dB and rolling −4.5 dB for cars at x = 5 m (factor 0.95), nothing at 95 m … almost.
  const double nearJunction = road.elements.front().power[12][1], far = road.elements.back().power[12][1];
  CHECK(nearJunction > far + 1.0);
}
