#include <citynoise/core/assessment.hpp>
#include <citynoise/raytrace/receivers.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

using namespace citynoise;
using namespace citynoise::raytrace;

namespace {

/// One 20 × 10 m building, 9 m high (three 3 m floors), on flat ground at 100 m.
SceneDescription oneBuilding() {
  SceneDescription d;
  Building b;
  b.id = "home";
  b.footprint = {{0, 0}, {20, 0}, {20, 10}, {0, 10}};
  b.heightAboveTerrain = 9.0;
  b.zone = "";
  d.buildings.push_back(b);
  d.outsideAltitude = 100.0;
  d.defaultZone = "2";
  return d;
}

Scene build(const SceneDescription& d) {
  std::vector<SceneWarning> w;
  return Scene::build(d, {}, w);
}

double distanceToFootprint(const Vec2& p) {
  // Outside the 20 × 10 box: the distance to it.
  const double dx = std::max({0.0 - p.x, 0.0, p.x - 20.0}), dy = std::max({0.0 - p.y, 0.0, p.y - 10.0});
  return std::hypot(dx, dy);
}

}  // namespace

TEST_CASE("Façade receivers: spacing along each façade, one per floor, in front of the wall", "[raytrace][receivers]") {
  const SceneDescription d = oneBuilding();
  const Scene scene = build(d);
  ReceiverSpec spec;
  spec.facades.enabled = true;
  spec.facades.spacing = 5.0;
  const ReceiverSet set = makeReceivers(scene, d, spec, Box2{});
  // 20 m façades: 4 points, 10 m façades: 2 points; 12 per floor, 3 floors.
  REQUIRE(set.receivers.size() == 36);
  std::set<std::string> ids;
  for (const Receiver& r : set.receivers) {
    ids.insert(r.id);
    CHECK(r.kind == ReceiverKind::Facade);
    CHECK(r.building == 0);
    CHECK(distanceToFootprint(plan(r.position)) == Approx(0.1));
    CHECK(r.position.z == Approx(100.0 + 3.0 * r.floor + 1.5));
    CHECK(r.floor >= 0);
    CHECK(r.floor <= 2);
    CHECK_FALSE(r.includeOwnFacade);
    CHECK(std::string(gb3096Limits()[static_cast<std::size_t>(r.zone)].zone) == "2");
  }
  CHECK(ids.size() == 36);  // ids are unique
}

TEST_CASE("Façade receivers: every other floor, GB mode 1 m in front, and a focus area", "[raytrace][receivers]") {
  const SceneDescription d = oneBuilding();
  const Scene scene = build(d);
  ReceiverSpec spec;
  spec.facades.enabled = true;
  spec.facades.spacing = 5.0;
  spec.facades.everyNthFloor = 2;
  spec.facades.includeOwnFacade = true;
  spec.facades.distance = 1.0;
  ReceiverSet set = makeReceivers(scene, d, spec, Box2{});
  REQUIRE(set.receivers.size() == 24);  // floors 0 and 2
  for (const Receiver& r : set.receivers) {
    CHECK((r.floor == 0 || r.floor == 2));
    CHECK(r.includeOwnFacade);
    CHECK(distanceToFootprint(plan(r.position)) == Approx(1.0));
  }
  spec.facades.bounds = Box2{{100, 100}, {200, 200}};
  CHECK(makeReceivers(scene, d, spec, Box2{}).receivers.empty());
  spec.facades.bounds = Box2{{15, 5}, {200, 200}};  // meets the footprint's box: the whole building
  CHECK(makeReceivers(scene, d, spec, Box2{}).receivers.size() == 24);
}

TEST_CASE("Grid receivers inside a building are dropped, zones come from polygons", "[raytrace][receivers]") {
  SceneDescription d = oneBuilding();
  d.zones.push_back({"z4a", {{-100, -100}, {100, -100}, {100, 5}, {-100, 5}}, "4a"});
  const Scene scene = build(d);
  ReceiverSpec spec;
  // A lattice offset by 1 m so that no point lies on a wall (where "inside" is moot).
  spec.grids.push_back({{4.0}, 5.0, Box2{{-9, -9}, {31, 21}}});
  const ReceiverSet set = makeReceivers(scene, d, spec, Box2{});
  REQUIRE(set.grids.size() == 1);
  CHECK(set.grids[0].nx == 9);
  CHECK(set.grids[0].ny == 7);
  // Lattice points inside the footprint (x 1, 6, 11, 16 × y 1, 6) are dropped.
  std::size_t inside = 0;
  for (const Receiver& r : set.receivers) {
    CHECK(r.kind == ReceiverKind::Grid);
    CHECK(r.position.z == Approx(104.0));
    const Vec2 p = plan(r.position);
    inside += p.x > 0 && p.x < 20 && p.y > 0 && p.y < 10;
    const char* zone = gb3096Limits()[static_cast<std::size_t>(r.zone)].zone;
    CHECK(std::string(zone) == (p.y < 5.0 ? "4a" : "2"));
  }
  CHECK(inside == 0);
  CHECK(set.receivers.size() + set.droppedInside == 63);
  CHECK(set.droppedInside == 8);
}

TEST_CASE("Sections and the volume: a lattice above the terrain or in absolute altitude", "[raytrace][receivers]") {
  SceneDescription d = oneBuilding();
  const Scene scene = build(d);
  ReceiverSpec spec;
  SectionSpec s;
  s.id = "across";
  s.line = {{-15, 5}, {45, 5}};
  s.spacing = 10.0;
  s.zMin = 1.5;
  s.zMax = 13.5;
  s.dz = 3.0;
  spec.sections.push_back(s);
  spec.volume.enabled = true;
  spec.volume.bounds = Box2{{-20, -20}, {40, 30}};
  spec.volume.zMin = 95.0;  // the lowest layer is under the ground
  spec.volume.zMax = 115.0;
  spec.volume.spacing = 10.0;
  spec.volume.dz = 5.0;
  const ReceiverSet set = makeReceivers(scene, d, spec, Box2{});
  std::size_t section = 0, volume = 0, underground = 0;
  for (const Receiver& r : set.receivers) {
    if (r.kind == ReceiverKind::Section) ++section;
    if (r.kind == ReceiverKind::Volume) {
      ++volume;
      CHECK(r.position.z >= 100.0);
      underground += r.position.z < 100.0;
    }
  }
  // Section: 7 points along × 5 heights, less those inside the building: x 5 and 15 at 1.5, 4.5
  // and 7.5 m (the roof is at 9 m).
  CHECK(section == 7 * 5 - 6);
  REQUIRE(set.volume);
  CHECK(set.volume->nx == 7);
  CHECK(set.volume->ny == 6);
  CHECK(set.volume->nz == 5);
  CHECK(underground == 0);
  CHECK(volume < 7 * 6 * 5);
}
