#include <citynoise/core/decibel.hpp>
#include <citynoise/raytrace/map_engine.hpp>
#include <citynoise/raytrace/mesh_obstacles.hpp>

#include <catch2/catch.hpp>

using namespace citynoise;
using namespace citynoise::raytrace;

namespace {

/// A closed box as a mesh: x0..x1 × y0..y1 × z0..z1 (12 triangles).
MeshObstacle box(const std::string& id, Vec3 lo, Vec3 hi) {
  MeshObstacle m;
  m.id = id;
  for (int k = 0; k < 8; ++k) m.vertices.push_back({k & 1 ? hi.x : lo.x, k & 2 ? hi.y : lo.y, k & 4 ? hi.z : lo.z});
  const std::uint32_t f[6][4] = {{0, 1, 3, 2}, {4, 6, 7, 5}, {0, 4, 5, 1}, {2, 3, 7, 6}, {0, 2, 6, 4}, {1, 5, 7, 3}};
  for (const auto& q : f) {
    m.triangles.push_back({q[0], q[1], q[2]});
    m.triangles.push_back({q[0], q[2], q[3]});
  }
  return m;
}

/// A viaduct deck along y: 8 m wide (x −4..4), 1.5 m thick, top at 10.5 m, 200 m long.
MeshObstacle deck() { return box("deck", {-4, -100, 9}, {4, 100, 10.5}); }

Scene sceneWith(std::vector<MeshObstacle> meshes, std::vector<Building> buildings = {}) {
  SceneDescription d;
  d.meshes = std::move(meshes);
  d.buildings = std::move(buildings);
  std::vector<SceneWarning> w;
  return Scene::build(d, {}, w);
}

SourceObject point(Vec3 p) {
  SourceObject o;
  o.id = "s";
  HourlySpectra h;
  h.fill(filled(100.0));
  o.elements.push_back({SourceShape::Point, {p}, h});
  return o;
}

EngineSettings noReflections() {
  EngineSettings s;
  s.paths.reflectionOrder = 0;
  s.paths.lateralDiffraction = false;
  s.favourable.fill(0.5);
  return s;
}

float lday(const Scene& scene, Vec3 source, Vec3 receiver) {
  const MapEngine engine(scene, {point(source)}, noReflections());
  Receiver r;
  r.position = receiver;
  return engine.compute(r).total(Lday);
}

}  // namespace

TEST_CASE("A leg under a deck passes, one through or over it meets a block up to the deck's top", "[raytrace][mesh]") {
  const MeshObstacles meshes({deck()});
  std::vector<MeshCrossing> c;
  meshes.crossings({-30, 0, 1.0}, {30, 0, 2.0}, c);  // a road under the viaduct to a receiver beyond
  CHECK(c.empty());
  meshes.crossings({-30, 0, 1.0}, {30, 0, 19.0}, c);  // climbing through the deck (z ≈ 8.6–11.4 there)
  REQUIRE(c.size() == 1);
  CHECK(c[0].tEnter == Approx(26.0 / 60.0));
  CHECK(c[0].tExit == Approx(34.0 / 60.0));
  CHECK(c[0].top == Approx(10.5));
  meshes.crossings({-30, 0, 15.0}, {30, 0, 15.0}, c);  // over the deck: a low block under the ray
  REQUIRE(c.size() == 1);
  meshes.crossings({-30, 50, 1.0}, {-10, 50, 1.0}, c);  // beside it
  CHECK(c.empty());
}

TEST_CASE("Pieces of one mesh far apart along a leg are separate blocks", "[raytrace][mesh]") {
  // A U-shaped viaduct crossed twice: two blocks, not one 60 m wide.
  MeshObstacle u = box("u", {-34, -10, 9}, {-26, 10, 10.5});
  const MeshObstacle right = box("r", {26, -10, 9}, {34, 10, 10.5});
  const auto n = static_cast<std::uint32_t>(u.vertices.size());
  u.vertices.insert(u.vertices.end(), right.vertices.begin(), right.vertices.end());
  for (auto t : right.triangles) u.triangles.push_back({t[0] + n, t[1] + n, t[2] + n});
  const MeshObstacles meshes({u});
  std::vector<MeshCrossing> c;
  meshes.crossings({-50, 0, 12.0}, {50, 0, 12.0}, c);
  REQUIRE(c.size() == 2);
  CHECK(c[0].tExit < c[1].tEnter);
}

TEST_CASE("A ground-standing mesh box screens like the building with the same footprint and roof", "[raytrace][mesh]") {
  Building b;
  b.id = "b";
  b.footprint = {{-5, -20}, {5, -20}, {5, 20}, {-5, 20}};
  b.roofAltitude = 12.0;
  const Scene asBuilding = sceneWith({}, {b});
  const Scene asMesh = sceneWith({box("m", {-5, -20, 0}, {5, 20, 12})});
  const Vec3 s{-40, 0, 0.5}, r{40, 3, 4.0};
  CHECK(lday(asMesh, s, r) == Approx(lday(asBuilding, s, r)).margin(1e-4));
  CHECK(lday(asMesh, s, r) < lday(sceneWith({}), s, r) - 10.0);
}

TEST_CASE("A deck screens its own trains from the street below but not traffic under it", "[raytrace][mesh]") {
  const Scene withDeck = sceneWith({deck()});
  const Scene open = sceneWith({});
  // A train on the deck (rail at 11 m, 2 m in from the edge), a façade 20 m away at 1.5 m.
  const Vec3 train{2.0, 0, 11.0}, street{24.0, 5, 1.5};
  CHECK(lday(withDeck, train, street) < lday(open, train, street) - 5.0);
  // Road traffic under the viaduct heard 30 m away: the deck is above the path.
  const Vec3 road{0.0, 0, 0.05}, side{30.0, 5, 4.0};
  CHECK(lday(withDeck, road, side) == lday(open, road, side));
}

TEST_CASE("Meshes with non-finite vertices or bad indices are refused, degenerate triangles removed", "[raytrace][mesh]") {
  MeshObstacle bad = deck();
  bad.vertices[3].z = std::nan("");
  SceneDescription d;
  d.meshes = {bad};
  std::vector<SceneWarning> w;
  SceneOptions o;
  o.origin = "city.toml";
  CHECK_THROWS_WITH(Scene::build(d, o, w), Catch::Contains("deck: a mesh vertex is not a finite number"));
  MeshObstacle flat = deck();
  flat.triangles.push_back({0, 0, 1});
  d.meshes = {flat};
  w.clear();
  const Scene s = Scene::build(d, o, w);
  REQUIRE(w.size() == 1);
  CHECK(w[0].message == "removed 1 degenerate mesh triangles");
  MeshObstacle wrong = deck();
  wrong.triangles.push_back({0, 1, 99});
  d.meshes = {wrong};
  CHECK_THROWS_WITH(Scene::build(d, o, w), Catch::Contains("a triangle refers to vertex 99 of 8"));
}
