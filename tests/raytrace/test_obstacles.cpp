#include <citynoise/raytrace/ground_map.hpp>
#include <citynoise/raytrace/obstacles.hpp>

#include <catch2/catch.hpp>

using namespace citynoise;
using namespace citynoise::raytrace;

namespace {
Building box(const char* id, double x0, double y0, double x1, double y1, double roof) {
  Building b;
  b.id = id;
  b.footprint = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
  b.roofAltitude = roof;
  return b;
}
}  // namespace

TEST_CASE("Crossing a footprint gives an entry and an exit with the roof altitude", "[raytrace][obstacles]") {
  const Obstacles o({box("b", 10, -5, 20, 5, 12)}, {});
  std::vector<ObstacleEvent> ev;
  o.crossings({0, 0}, {30, 0}, ev);
  REQUIRE(ev.size() == 2);
  CHECK(ev[0].kind == ObstacleEventKind::BuildingEnter);
  CHECK(ev[0].t == Approx(1.0 / 3.0));
  CHECK(ev[1].kind == ObstacleEventKind::BuildingExit);
  CHECK(ev[1].top == 12.0);
}

TEST_CASE("Through a corner or along an edge the entries and exits stay consistent", "[raytrace][obstacles]") {
  const Obstacles o({box("b", 10, 10, 20, 20, 12)}, {});
  std::vector<ObstacleEvent> ev;
  o.crossings({0, 0}, {30, 30}, ev);  // along the diagonal, through two corners
  REQUIRE(ev.size() == 2);
  CHECK(ev[0].kind == ObstacleEventKind::BuildingEnter);
  CHECK(ev[1].kind == ObstacleEventKind::BuildingExit);
  o.crossings({0, 0}, {20, 20}, ev);  // touching the far corner only at the end: one entry
  CHECK(ev.size() == 1);
  o.crossings({0, 10}, {30, 10}, ev);  // along an edge: the edge is the boundary, not inside
  CHECK(ev.size() % 2 == 0);
  o.crossings({5, 20}, {10, 25}, ev);  // grazing a corner from outside
  CHECK(ev.empty());
}

TEST_CASE("A courtyard is outside its building", "[raytrace][obstacles]") {
  Building b = box("court", 0, 0, 30, 30, 15);
  b.holes = {{{10, 10}, {10, 20}, {20, 20}, {20, 10}}};
  const Obstacles o({b}, {});
  CHECK(o.buildingAt({5, 5}) == 0);
  CHECK(o.buildingAt({15, 15}) == -1);
  std::vector<ObstacleEvent> ev;
  o.crossings({-5, 15}, {35, 15}, ev);
  REQUIRE(ev.size() == 4);  // enter, exit into the courtyard, enter, exit
  CHECK(ev[1].kind == ObstacleEventKind::BuildingExit);
  CHECK(ev[2].kind == ObstacleEventKind::BuildingEnter);
}

TEST_CASE("Walls are crossed once, even at a joint, with the top altitude there", "[raytrace][obstacles]") {
  const Obstacles o({}, {{"w", {{0, -10, 4}, {0, 0, 6}, {0, 10, 4}}, std::nullopt, false, {}}});
  std::vector<ObstacleEvent> ev;
  o.crossings({-5, 0}, {5, 0}, ev);
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].kind == ObstacleEventKind::Wall);
  CHECK(ev[0].top == Approx(6.0));
  o.crossings({-5, -5}, {5, -5}, ev);
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].top == Approx(5.0));
}

TEST_CASE("Façade normals point away from the building, into courtyards too", "[raytrace][obstacles]") {
  Building b = box("court", 0, 0, 30, 30, 15);
  b.holes = {{{10, 10}, {20, 10}, {20, 20}, {10, 20}}};
  const Obstacles o({b}, {});
  for (const ObstacleSegment& s : o.segments()) {
    const Vec2 mid = (s.a + s.b) * 0.5;
    CHECK(o.buildingAt(mid + s.outward * 0.5) == -1);
    CHECK(o.buildingAt(mid - s.outward * 0.5) == 0);
  }
}

TEST_CASE("Ground factor: the last area wins, changes are reported where G changes", "[raytrace][ground]") {
  const GroundMap g(0.2, {{"a", {{0, 0}, {50, 0}, {50, 50}, {0, 50}}, 1.0, {}},
                          {"b", {{40, 0}, {100, 0}, {100, 50}, {40, 50}}, 0.5, {}}});
  CHECK(g.gAt({-10, 10}) == 0.2);
  CHECK(g.gAt({10, 10}) == 1.0);
  CHECK(g.gAt({45, 10}) == 0.5);
  std::vector<GroundChange> ch;
  g.changes({-20, 10}, {120, 10}, ch);
  REQUIRE(ch.size() == 3);
  CHECK(ch[0].t == Approx(20.0 / 140.0));
  CHECK(ch[0].g == 1.0);
  CHECK(ch[1].t == Approx(60.0 / 140.0));
  CHECK(ch[1].g == 0.5);
  CHECK(ch[2].g == 0.2);
}

TEST_CASE("Entries and exits match point-in-building tests on random cuts through a block",
          "[raytrace][obstacles]") {
  // Concave footprints (L shapes), a courtyard building and boxes sharing walls, cut by random
  // segments, some of them through vertices: between two events the state the events imply must
  // be the state a point-in-polygon test finds at the middle of the stretch.
  std::vector<Building> buildings{box("a", 0, 0, 10, 10, 10), box("b", 10, 0, 20, 10, 10)};
  Building l;
  l.id = "L";
  l.footprint = {{30, 0}, {50, 0}, {50, 8}, {38, 8}, {38, 20}, {30, 20}};
  l.roofAltitude = 15;
  buildings.push_back(l);
  Building court = box("court", 0, 30, 30, 60, 20);
  court.holes = {{{10, 40}, {10, 50}, {20, 50}, {20, 40}}};
  buildings.push_back(court);
  const Obstacles o(buildings, {});
  std::uint64_t state = 12345;
  auto uniform = [&](double lo, double hi) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + (hi - lo) * static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  const std::vector<Vec2> vertices{{0, 0}, {10, 0}, {10, 10}, {38, 8}, {30, 20}, {10, 40}, {20, 50}, {0, 60}};
  std::vector<ObstacleEvent> ev;
  for (int k = 0; k < 2000; ++k) {
    Vec2 a{uniform(-10, 60), uniform(-10, 70)}, b{uniform(-10, 60), uniform(-10, 70)};
    if (k % 4 == 1) a = vertices[static_cast<std::size_t>(k / 4) % vertices.size()];  // through a corner
    if (k % 8 == 3) b = {a.x + uniform(-30, 30), a.y};                                  // along an edge, maybe
    o.crossings(a, b, ev);
    // The state on the first stretch (a itself may lie on a façade, where "inside" is moot).
    const Vec2 first = a + (b - a) * (0.5 * (ev.empty() ? 1.0 : ev.front().t));
    std::vector<int> inside(buildings.size());
    for (std::size_t i = 0; i < buildings.size(); ++i) inside[i] = o.insideBuilding(static_cast<std::uint32_t>(i), first);
    double t0 = 0.0;
    for (std::size_t j = 0; j <= ev.size(); ++j) {
      const double t1 = j < ev.size() ? ev[j].t : 1.0;
      if (t1 - t0 > 1e-6) {
        const Vec2 mid = a + (b - a) * (0.5 * (t0 + t1));
        for (std::size_t i = 0; i < buildings.size(); ++i) {
          INFO("cut " << k << " building " << buildings[i].id);
          CHECK(static_cast<bool>(inside[i]) == o.insideBuilding(static_cast<std::uint32_t>(i), mid));
        }
      }
      if (j < ev.size()) inside[ev[j].object] = ev[j].kind == ObstacleEventKind::BuildingEnter;
      t0 = t1;
    }
  }
}
