// A variant against the base: people relieved outdoors and indoors, costs per person, ranking.
#include <citynoise/core/scene_description.hpp>
#include <citynoise/core/variant_comparison.hpp>

#include <catch2/catch.hpp>

using namespace citynoise;

namespace {

/// Two buildings in zone class 2 (night limit 50 dB): one façade point each.
struct Street {
  std::vector<Building> buildings;
  std::vector<Receiver> receivers;
  Street() {
    for (int b = 0; b < 2; ++b) {
      Building building;
      building.id = "b" + std::to_string(b);
      building.population = b == 0 ? 100.0 : 40.0;
      building.dwellings = b == 0 ? 40.0 : 16.0;
      buildings.push_back(building);
      Receiver r;
      r.id = "p" + std::to_string(b);
      r.kind = ReceiverKind::Facade;
      r.building = b;
      r.floor = 0;
      r.includeOwnFacade = true;
      for (std::size_t z = 0; z < gb3096Limits().size(); ++z)
        if (std::string(gb3096Limits()[z].zone) == "2") r.zone = static_cast<int>(z);
      receivers.push_back(r);
    }
  }
};

ReceiverLevels levels(float ln, float lden) {
  ReceiverLevels l;
  for (auto& c : l.levels) c.fill(-100.0f);
  l.levels[kSourceClasses][LnCn] = ln;
  l.levels[kSourceClasses][Lden] = lden;
  l.levels[kSourceClasses][LdCn] = ln + 5.0f;
  l.levels[0] = l.levels[kSourceClasses];  // all from roads
  return l;
}

IndoorComparison sameWindows(std::size_t n, double rwCtr = 27.0) {
  IndoorComparison c;
  FacadeInsulation f;
  f.rwCtr = rwCtr;
  c.base.assign(n, f);
  c.variant = c.base;
  return c;
}

}  // namespace

TEST_CASE("people relieved are those whose building drops under the night limit", "[variant]") {
  const Street s;
  const std::vector<ReceiverLevels> base{levels(53.0f, 63.0f), levels(52.0f, 62.0f)};
  const std::vector<ReceiverLevels> variant{levels(49.5f, 59.5f), levels(51.0f, 61.0f)};  // b0 under 50, b1 still over
  const DistrictSummary before = summarize(s.receivers, base, s.buildings), after = summarize(s.receivers, variant, s.buildings);
  const VariantComparison c = compareVariant(s.receivers, base, variant, before, after, s.buildings, 50000.0, sameWindows(2, 60.0));
  CHECK(c.peopleOverNightBase == 140.0);
  CHECK(c.peopleOverNightVariant == 40.0);
  CHECK(c.peopleRelievedNight == 100.0);
  CHECK(c.dwellingsRelievedNight == 40.0);
  CHECK(c.peopleRelieved == 100.0);
  CHECK(c.costPerPersonRelieved == Approx(500.0));
  CHECK(c.facadePointsImproved3dbLden == 1);  // b0: −3.5 dB; b1: −1 dB
  CHECK(c.largestDropLden == Approx(3.5));
  CHECK(c.largestRiseLden == 0.0);  // nothing rose
}

TEST_CASE("better windows relieve people indoors and nobody outdoors", "[variant]") {
  const Street s;
  const std::vector<ReceiverLevels> base{levels(60.0f, 70.0f), levels(60.0f, 70.0f)};
  const DistrictSummary summary = summarize(s.receivers, base, s.buildings);
  IndoorComparison windows = sameWindows(2);  // 60 − 27 = 33 dB indoors: over the WHO 30 dB
  windows.variant[1].rwCtr = 35.0;             // b1 only: 25 dB indoors
  const VariantComparison c = compareVariant(s.receivers, base, base, summary, summary, s.buildings, 8000.0, windows);
  CHECK(c.peopleRelievedNight == 0.0);
  CHECK(c.peopleIndoorOverBase == 140.0);
  CHECK(c.peopleIndoorOverVariant == 100.0);
  CHECK(c.peopleRelievedIndoor == 40.0);
  CHECK(c.peopleRelieved == 40.0);
  CHECK(c.costPerPersonRelieved == Approx(200.0));
  CHECK(c.facadePointsImproved3dbLn == 0);
}

TEST_CASE("variants are ranked by cost per person relieved; those relieving nobody come last", "[variant]") {
  std::vector<VariantComparison> v(4);
  v[0].variant = "nobody", v[0].cost = 10.0;
  v[1].variant = "dear", v[1].peopleRelieved = 10, v[1].costPerPersonRelieved = 900;
  v[2].variant = "cheap", v[2].peopleRelieved = 5, v[2].costPerPersonRelieved = 100;
  v[3].variant = "free", v[3].peopleRelieved = 2, v[3].costPerPersonRelieved = 0;
  const std::vector<std::size_t> order = rankVariants(v);
  REQUIRE(order.size() == 4);
  CHECK(v[order[0]].variant == "free");
  CHECK(v[order[1]].variant == "cheap");
  CHECK(v[order[2]].variant == "dear");
  CHECK(v[order[3]].variant == "nobody");
}
