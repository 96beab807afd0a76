#include <citynoise/core/error.hpp>
#include <citynoise/raytrace/scene.hpp>

#include <catch2/catch.hpp>

using namespace citynoise;
using namespace citynoise::raytrace;

namespace {

Building building(const char* id, Ring2 footprint, double roof = 10.0) {
  Building b;
  b.id = id;
  b.footprint = std::move(footprint);
  b.roofAltitude = roof;
  return b;
}

std::string buildError(SceneDescription d) {
  std::vector<SceneWarning> w;
  SceneOptions o;
  o.origin = "city.gpkg";
  try {
    Scene::build(std::move(d), o, w);
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("Unusable footprints are rejected naming the file and the building", "[raytrace][scene][bad-input]") {
  SceneDescription two;
  two.buildings = {building("b7", {{0, 0}, {10, 0}, {10, 0}, {0, 0}})};
  CHECK(buildError(two) == "city.gpkg: b7: footprint: fewer than three distinct points");

  SceneDescription flat;
  flat.buildings = {building("b8", {{0, 0}, {10, 0}, {20, 0}})};
  CHECK(buildError(flat) == "city.gpkg: b8: footprint: zero area");

  SceneDescription bowtie;
  bowtie.buildings = {building("b9", {{0, 0}, {10, 10}, {10, 0}, {0, 10}})};
  CHECK(buildError(bowtie) == "city.gpkg: b9: footprint: the ring intersects itself");

  SceneDescription nan;
  nan.buildings = {building("b10", {{0, 0}, {10, 0}, {10, 10}}, std::nan(""))};
  CHECK(buildError(nan) == "city.gpkg: b10: roof altitude is not a finite number");

  SceneDescription buried;
  buried.outsideAltitude = 50.0;
  buried.buildings = {building("b11", {{0, 0}, {10, 0}, {10, 10}}, 20.0)};
  CHECK(buildError(buried).find("city.gpkg: b11: roof altitude 20") == 0);

  SceneDescription wall;
  wall.walls = {{"w1", {{0, 0, 3}, {0, 0, 3}}, std::nullopt, false, {}}};
  CHECK(buildError(wall) == "city.gpkg: w1: wall: fewer than two distinct points");
}

TEST_CASE("Repeated vertices and closed or clockwise rings are repaired", "[raytrace][scene][bad-input]") {
  SceneDescription d;
  // Clockwise, closed (first vertex repeated at the end) and with a repeated vertex.
  d.buildings = {building("b1", {{0, 0}, {0, 10}, {0, 10}, {10, 10}, {10, 0}, {0, 0}})};
  std::vector<SceneWarning> w;
  const Scene s = Scene::build(d, {}, w);
  REQUIRE(w.size() == 1);
  CHECK(w[0].object == "b1");
  CHECK(w[0].message == "footprint: removed 1 repeated vertices");
  const Ring2& ring = s.obstacles().buildings()[0].footprint;
  CHECK(ring.size() == 4);
  CHECK(signedArea(ring) > 0.0);  // counter-clockwise
}

TEST_CASE("Every triangle maps back to its object, walls reach below the terrain", "[raytrace][scene]") {
  SceneDescription d;
  d.breaklines = {{{-50, -50, 0}, {50, -50, 0}, ""}, {{50, -50, 0}, {50, 50, 20}, ""},
                  {{50, 50, 20}, {-50, 50, 20}, ""}, {{-50, 50, 20}, {-50, -50, 0}, ""}};
  d.buildings = {building("b", {{-5, -5}, {5, -5}, {5, 5}, {-5, 5}}, 40.0)};
  d.walls = {{"w", {{-20, -40, 5}, {20, -40, 5}}, std::nullopt, false, {}}};
  std::vector<SceneWarning> warnings;
  const Scene s = Scene::build(d, {}, warnings);
  int facade = 0, roof = 0, wall = 0, terrain = 0;
  for (const TriangleTag& t : s.mesh().tags) {
    facade += t.kind == SurfaceKind::Facade;
    roof += t.kind == SurfaceKind::Roof;
    wall += t.kind == SurfaceKind::Wall;
    terrain += t.kind == SurfaceKind::Terrain;
  }
  CHECK(facade == 8);
  CHECK(roof == 2);
  CHECK(wall == 2);
  CHECK(terrain >= 2);
  // The lowest façade vertex lies below the lowest terrain under the footprint.
  double lowest = 1e300;
  for (std::size_t i = 0; i < s.mesh().triangles.size(); ++i)
    if (s.mesh().tags[i].kind == SurfaceKind::Facade)
      for (std::uint32_t v : s.mesh().triangles[i]) lowest = std::min<double>(lowest, s.mesh().vertices[v][2] + s.mesh().origin.z);
  CHECK(lowest < s.terrain().heightAt({-5, -5}) - 1.0);
}

TEST_CASE("A height above the terrain sets the roof over the mean terrain under the footprint", "[raytrace][scene]") {
  SceneDescription d;
  d.breaklines = {{{0, 0, 0}, {100, 0, 10}, ""}, {{100, 0, 10}, {100, 100, 10}, ""},
                  {{100, 100, 10}, {0, 100, 0}, ""}, {{0, 100, 0}, {0, 0, 0}, ""}};
  Building b;
  b.id = "slope";
  b.footprint = {{40, 40}, {60, 40}, {60, 60}, {40, 60}};
  b.heightAboveTerrain = 12.0;
  d.buildings = {b};
  std::vector<SceneWarning> w;
  const Scene s = Scene::build(d, {}, w);
  CHECK(s.obstacles().buildings()[0].roofAltitude == Approx(5.0 + 12.0));
  b.heightAboveTerrain = -3.0;
  d.buildings = {b};
  CHECK(buildError(d).find("city.gpkg: slope: height -3") == 0);
}

TEST_CASE("A duplicated footprint is removed keeping the taller, other overlaps are kept with a warning",
          "[raytrace][scene]") {
  SceneDescription d;
  d.buildings = {building("low", {{0, 0}, {10, 0}, {10, 10}, {0, 10}}, 10.0),
                 building("high", {{10, 0}, {10, 10}, {0, 10}, {0, 0}}, 25.0),  // the same ring, rotated
                 building("neighbour", {{10, 0}, {20, 0}, {20, 10}, {10, 10}}, 12.0),  // shares a wall
                 building("annex", {{15, 5}, {25, 5}, {25, 15}, {15, 15}}, 8.0)};     // overlaps the neighbour
  std::vector<SceneWarning> w;
  const Scene s = Scene::build(d, {}, w);
  REQUIRE(s.obstacles().buildings().size() == 3);
  CHECK(s.obstacles().buildings()[0].id == "high");
  CHECK(s.obstacles().buildings()[0].roofAltitude == 25.0);
  REQUIRE(w.size() == 2);
  CHECK(w[0].object == "low / high");
  CHECK(w[0].message.find("the same footprint twice") == 0);
  CHECK(w[1].object == "neighbour / annex");
  CHECK(w[1].message.find("footprints overlap") == 0);
}
