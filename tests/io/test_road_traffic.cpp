// Road traffic given the Chinese way: counts by vehicle class (小型车/中型车/大型车, toll classes)
// mapped to the CNOSSOS-EU categories, attribute names in Chinese, and traffic estimated from the
// road class (主干路 …) where a layer has no counts.
#include <citynoise/core/decibel.hpp>
#include <citynoise/core/error.hpp>
#include <citynoise/io/scenario.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace citynoise;

namespace {

/// A scenario beside a one-road layer (EPSG:2154) with Chinese attribute names.
class RoadScenario {
 public:
  explicit RoadScenario(const std::string& roads, const std::string& props = R"("编号": "r1", "道路等级": "主干路", "小型车": 900, "中型车": 60, "大型车": 30, "客3": 10, "货2": 5, "货4": 7, "车速": 50)")
      : file_("scenario.toml", "[scenario]\nname = \"t\"\n[periods]\ntraffic = { D = \"07:00-19:00\", E = \"19:00-23:00\", N = \"23:00-07:00\" }\n" + roads) {
    std::ofstream(file_.path().parent_path() / "roads.geojson")
        << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}},
             "features":[{"type":"Feature","properties":{)" << props
        << R"(},"geometry":{"type":"LineString","coordinates":[[0,0],[100,0]]}}]})";
  }
  [[nodiscard]] io::Scenario load() const { return io::loadScenario(file_.path()); }

 private:
  test::TempFile file_;
};

std::string section(const std::string& period, const std::string& flows) {
  return "[roads.traffic." + period + "]\n" + flows + "speed = \"车速\"\n";
}

std::string road(const std::string& flows) {
  return "[[roads]]\nfile = \"roads.geojson\"\nid = \"编号\"\n" + section("D", flows) + section("E", flows) + section("N", flows);
}

double dayLevel(const io::Scenario& s) { return totalLevel(aWeighted(s.sources.at(0).elements.at(0).power[12])); }

}  // namespace

TEST_CASE("Chinese vehicle classes add to their CNOSSOS-EU categories: two-axle buses and lorries are category 2") {
  const RoadScenario chinese(road("\"小型车\" = \"小型车\"\n\"中型车\" = \"中型车\"\n\"大型车\" = \"大型车\"\n\"客3\" = \"客3\"\n\"货2\" = \"货2\"\n\"货4\" = \"货4\"\n"));
  // The same traffic by category: light 900, medium 60 + 10 (客3) + 5 (货2), heavy 30 + 7 (货4).
  const RoadScenario byCategory(road("light = 900\nmedium = 75\nheavy = 37\n"));
  const io::Scenario a = chinese.load(), b = byCategory.load();
  CHECK(a.sources.at(0).id == "r1");  // an id attribute named in Chinese
  CHECK(dayLevel(a) == Approx(dayLevel(b)).margin(1e-9));
  const RoadScenario lighter(road("light = 900\nmedium = 74\nheavy = 37\n"));
  CHECK(dayLevel(lighter.load()) < dayLevel(a) - 1e-6);  // the sum is not approximate
}

TEST_CASE("expressions over Chinese attribute names") {
  const RoadScenario s(road("light = \"小型车 + 客3\"\nheavy = \"大型车\"\n"));
  const RoadScenario same(road("light = 910\nheavy = 30\n"));
  CHECK(dayLevel(s.load()) == Approx(dayLevel(same.load())).margin(1e-9));
}

TEST_CASE("a key that is neither a category nor a known vehicle class is refused, naming it") {
  const RoadScenario s(road("\"拖拉机\" = 5\nlight = 100\n"));
  CHECK_THROWS_WITH(s.load(), Catch::Contains("roads[0].traffic.N.拖拉机: not a vehicle category") &&
                                  Catch::Contains("vehicle_classes.csv"));
}

TEST_CASE("traffic from the road class: the class table's daily flow in the EU periods, scaled by lanes") {
  const RoadScenario s("[[roads]]\nfile = \"roads.geojson\"\nid = \"编号\"\nclass = \"道路等级\"\n");
  // highways.csv: 主干路 = primary, 18 000 veh/day on 2 lanes, 3 % medium, 5 % heavy, 50 km/h;
  // day hours 0.0575 of the day.
  const RoadScenario same(road("light = " + std::to_string(18000 * 0.0575 * 0.92) + "\nmedium = " + std::to_string(18000 * 0.0575 * 0.03) +
                               "\nheavy = " + std::to_string(18000 * 0.0575 * 0.05) + "\n"));
  CHECK(dayLevel(s.load()) == Approx(dayLevel(same.load())).margin(1e-4));
  const RoadScenario fourLanes("[[roads]]\nfile = \"roads.geojson\"\nid = \"编号\"\nclass = \"道路等级\"\nlanes = 4\n");
  CHECK(dayLevel(fourLanes.load()) == Approx(dayLevel(s.load()) + 10 * std::log10(2.0)).margin(1e-6));
  const RoadScenario unknown("[[roads]]\nfile = \"roads.geojson\"\nid = \"编号\"\nclass = \"道路等级\"\n",
                             R"("编号": "r1", "道路等级": "乡道")");
  CHECK_THROWS_WITH(unknown.load(), Catch::Contains("roads.geojson: r1: 道路等级: road class \"乡道\" is not in"));
}
