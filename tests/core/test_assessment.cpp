#include <citynoise/core/assessment.hpp>
#include <citynoise/core/results.hpp>
#include <citynoise/core/scene_description.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace citynoise;

namespace {

int zoneIndex(const char* zone) {
  for (std::size_t i = 0; i < gb3096Limits().size(); ++i)
    if (std::string(gb3096Limits()[i].zone) == zone) return static_cast<int>(i);
  return -1;
}

Receiver facade(int building, int floor, const char* zone) {
  Receiver r;
  r.kind = ReceiverKind::Facade;
  r.building = building;
  r.floor = floor;
  r.zone = zoneIndex(zone);
  return r;
}

/// Levels with every indicator of every class at `all`, then Ld and Ln as given.
ReceiverLevels levels(float all, float ld, float ln) {
  ReceiverLevels l;
  for (auto& c : l.levels) c.fill(-std::numeric_limits<float>::infinity());
  l.levels[kSourceClasses].fill(all);
  l.levels[kSourceClasses][LdCn] = ld;
  l.levels[kSourceClasses][LnCn] = ln;
  l.levels[0].fill(all);  // all of it from roads
  return l;
}

Building building(const char* id, const char* use, double population) {
  Building b;
  b.id = id;
  b.use = use;
  b.population = population;
  b.sensitive = std::string(use) != "office";
  return b;
}

}  // namespace

TEST_CASE("GB 3096-2008 limits per functional zone (reference/tables/gb3096_limits.csv)", "[core][assessment]") {
  const auto check = [](const char* zone, double day, double night) {
    const ZoneLimit* z = findZoneLimit(zone);
    REQUIRE(z);
    CHECK(z->day == day);
    CHECK(z->night == night);
  };
  check("0", 50, 40);
  check("1", 55, 45);
  check("2", 60, 50);
  check("3", 65, 55);
  check("4a", 70, 55);
  check("4b", 70, 60);
  CHECK(findZoneLimit("5") == nullptr);
  CHECK(findZoneLimit("") == nullptr);
}

TEST_CASE("5 dB classes: lower bounds, everything quiet in the lowest", "[core][assessment]") {
  CHECK(fiveDbClass(57.3) == 55);
  CHECK(fiveDbClass(55.0) == 55);
  CHECK(fiveDbClass(54.999) == 50);
  CHECK(fiveDbClass(44.9) == 40);
  CHECK(fiveDbClass(-std::numeric_limits<double>::infinity()) == 40);
  CHECK(fiveDbClassLabel(55) == "55-60");
  CHECK(fiveDbClassLabel(40) == "<45");
}

TEST_CASE("A façade point against its zone: Ld vs the day limit, Ln vs the night limit", "[core][assessment]") {
  const FacadeAssessment a = assessFacade(facade(0, 0, "4a"), levels(60, 68.5, 58.0));
  REQUIRE(a.known);
  CHECK(std::string(a.zone) == "4a");
  CHECK(a.exceedDay == Approx(-1.5));
  CHECK(a.exceedNight == Approx(3.0));
  CHECK_FALSE(assessFacade(facade(0, 0, "none"), levels(60, 60, 60)).known);
}

TEST_CASE("The district summary: classes, people, zones, sensitive buildings and distinct hot spots",
          "[core][assessment]") {
  const std::vector<Building> buildings{building("home", "residential", 100), building("school", "school", 0),
                                        building("office", "office", 0)};
  std::vector<Receiver> r;
  std::vector<ReceiverLevels> l;
  // home: two floors, the upper one louder; 4 dB over the night limit of class 2 (50).
  r.push_back(facade(0, 0, "2")), l.push_back(levels(62, 58, 52));
  r.push_back(facade(0, 1, "2")), l.push_back(levels(66, 59, 54));
  // school: 1 dB over the night limit of class 1 (45): less exceeded than the home.
  r.push_back(facade(1, 0, "1")), l.push_back(levels(55, 54, 46));
  // office: the loudest, but not sensitive.
  r.push_back(facade(2, 0, "4a")), l.push_back(levels(72, 69, 60));
  r.push_back(facade(2, 0, "4a")), l.push_back(levels(71, 68, 59));
  Receiver grid;
  grid.kind = ReceiverKind::Grid;
  r.push_back(grid), l.push_back(levels(80, 80, 80));  // grids are not façades

  const DistrictSummary s = summarize(r, l, buildings, 10);
  CHECK(s.facadePoints.at(60)[Lden] == 1);
  CHECK(s.facadePoints.at(65)[Lden] == 1);
  CHECK(s.facadePoints.at(70)[Lden] == 2);
  // Buildings by their most exposed façade point; people from the population.
  CHECK(s.buildingCount.at(65)[Lden] == 1);
  CHECK(s.buildingCount.at(70)[Lden] == 1);
  CHECK(s.people.at(65)[Lden] == 100);
  CHECK(s.people.at(55)[Lden] == 0);
  CHECK(s.zoneExceedances.at("2") == std::array<int, 3>{2, 0, 2});
  CHECK(s.zoneExceedances.at("4a") == std::array<int, 3>{2, 0, 2});
  CHECK(s.zoneExceedances.at("1") == std::array<int, 3>{1, 0, 1});
  // Sensitive buildings over a limit, the most exceeded first: home (+4) before school (+1).
  CHECK(s.sensitiveOverLimit == std::vector<int>{0, 1});
  // Hot spots: one per building, its loudest point, loudest buildings first.
  REQUIRE(s.hotSpots.size() == 3);
  CHECK(s.hotSpots[0] == 3);
  CHECK(s.hotSpots[1] == 1);
  CHECK(s.hotSpots[2] == 2);
  // Per floor maxima of the home.
  for (const BuildingAssessment& b : s.buildings)
    if (b.building == 0) {
      REQUIRE(b.maxPerFloor.size() == 2);
      CHECK(b.maxPerFloor[1][Lden] == 66.0f);
      CHECK(b.facadePoints == 2);
    }
}
