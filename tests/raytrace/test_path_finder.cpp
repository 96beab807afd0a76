#include <citynoise/raytrace/path_finder.hpp>
#include <citynoise/raytrace/synthetic_city.hpp>

#include <catch2/catch.hpp>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cmath>

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

Scene build(SceneDescription d) {
  std::vector<SceneWarning> w;
  return Scene::build(std::move(d), {}, w);
}

std::vector<Path3> find(const Scene& s, Vec3 src, Vec3 rcv, PathFinderOptions o = {}) {
  std::vector<Path3> paths;
  auto scratch = makePathFinderScratch();
  PathFinder(s, o).find(src, rcv, paths, *scratch);
  return paths;
}

const Path3* ofType(const std::vector<Path3>& paths, PathType t) {
  for (const Path3& p : paths)
    if (p.type == t) return &p;
  return nullptr;
}

double rayLength(const Path3& p) {
  double l = 0.0;
  const PathVertex* prev = nullptr;
  for (const PathVertex& v : p.vertices) {
    if (!isRayVertex(v.kind)) continue;
    if (prev) l += distance(prev->xyz, v.xyz);
    prev = &v;
  }
  return l;
}

}  // namespace

TEST_CASE("Free field: one direct path of two vertices", "[raytrace][paths]") {
  const Scene s = build({});
  const auto paths = find(s, {0, 0, 1}, {100, 0, 4});
  REQUIRE(paths.size() == 1);
  CHECK(paths[0].type == PathType::Direct);
  CHECK(paths[0].vertices.size() == 2);
}

TEST_CASE("A building between S and R: direct cut, and lateral paths of equal length by symmetry", "[raytrace][paths]") {
  SceneDescription d;
  d.buildings = {box("b", 45, -5, 55, 5, 10)};
  const Scene s = build(d);
  const auto paths = find(s, {30, 0, 1}, {70, 0, 4});
  const Path3* direct = ofType(paths, PathType::Direct);
  REQUIRE(direct);
  REQUIRE(direct->vertices.size() == 4);
  CHECK(direct->vertices[1].kind == ProfilePointKind::BuildingEnter);
  CHECK(direct->vertices[1].xyz.x == Approx(45.0));
  CHECK(direct->vertices[1].xyz.z == 10.0);
  const Path3* left = ofType(paths, PathType::LateralLeft);
  const Path3* right = ofType(paths, PathType::LateralRight);
  REQUIRE(left);
  REQUIRE(right);
  CHECK(left->vertices[1].xyz.y > 5.0);   // left of S→R seen from S: positive cross product
  CHECK(right->vertices[1].xyz.y < -5.0);
  CHECK(rayLength(*left) == Approx(rayLength(*right)).epsilon(1e-9));
  // Around the corners (±5 m), 1 cm outside.
  CHECK(left->vertices[1].xyz.y == Approx(5.0).margin(0.011));
  CHECK(left->vertices.size() == 4);
}

TEST_CASE("No lateral paths when the ray passes over the obstacle", "[raytrace][paths]") {
  SceneDescription d;
  d.buildings = {box("b", 45, -5, 55, 5, 3)};
  const Scene s = build(d);
  const auto paths = find(s, {30, 0, 5}, {70, 0, 5});
  CHECK(paths.size() == 1);
  CHECK(paths[0].vertices.size() == 4);  // but the roof is in the cut (G = 0 there)
}

TEST_CASE("A reflection on a wall follows the image source", "[raytrace][paths]") {
  SceneDescription d;
  d.walls = {{"w", {{0, 20, 10}, {100, 20, 10}}, BandArray{0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2}, false, {}}};
  const Scene s = build(d);
  const auto paths = find(s, {20, 0, 2}, {80, 0, 2});
  const Path3* r = ofType(paths, PathType::Reflection);
  REQUIRE(r);
  const PathVertex& p = r->vertices[1];
  CHECK(p.kind == ProfilePointKind::Reflection);
  CHECK(p.xyz.x == Approx(50.0));
  CHECK(p.xyz.y == Approx(20.0));
  CHECK(p.xyz.z == Approx(2.0));
  CHECK(p.reflectorTop == 10.0);
  CHECK(p.reflectorAlpha[0] == 0.2);
  CHECK(rayLength(*r) == Approx(2.0 * std::hypot(30.0, 20.0)));
}

TEST_CASE("Reflections: above the top, behind the façade, or through a building do not count", "[raytrace][paths]") {
  SceneDescription low;
  low.walls = {{"w", {{0, 20, 1}, {100, 20, 1}}, std::nullopt, false, {}}};
  CHECK_FALSE(ofType(find(build(low), {20, 0, 2}, {80, 0, 2}), PathType::Reflection));

  SceneDescription behind;
  behind.buildings = {box("b", 0, 20, 100, 40, 10)};
  CHECK(ofType(find(build(behind), {20, 0, 2}, {80, 0, 2}), PathType::Reflection));  // façade facing S and R
  CHECK_FALSE(ofType(find(build(behind), {20, 60, 2}, {80, 0, 2}), PathType::Reflection));

  SceneDescription blocked;
  blocked.walls = {{"w", {{0, 20, 10}, {100, 20, 10}}, std::nullopt, false, {}}};
  blocked.buildings = {box("blocker", 30, 5, 40, 12, 20)};  // on the leg S → reflection point
  PathFinderStats stats;
  std::vector<Path3> paths;
  auto scratch = makePathFinderScratch();
  PathFinder(build(blocked), {}).find({20, 0, 2}, {80, 0, 2}, paths, *scratch, &stats);
  CHECK_FALSE(ofType(paths, PathType::Reflection));
  CHECK(stats.reflectionsRejected == 1);
}

TEST_CASE("Second-order reflections between two parallel walls", "[raytrace][paths]") {
  SceneDescription d;
  d.walls = {{"north", {{-100, 10, 20}, {200, 10, 20}}, std::nullopt, false, {}},
             {"south", {{-100, -10, 20}, {200, -10, 20}}, std::nullopt, false, {}}};
  PathFinderOptions o;
  o.reflectionOrder = 2;
  const auto paths = find(build(d), {0, 0, 2}, {100, 0, 2}, o);
  int first = 0, second = 0;
  for (const Path3& p : paths) {
    if (p.type != PathType::Reflection) continue;
    int n = 0;
    for (const PathVertex& v : p.vertices) n += v.kind == ProfilePointKind::Reflection;
    (n == 1 ? first : second) += 1;
    if (n == 2) CHECK(rayLength(p) == Approx(std::hypot(100.0, 40.0)));  // image at y = ±40
  }
  CHECK(first == 2);
  CHECK(second == 2);
}

TEST_CASE("Beyond the maximum distance there is no path", "[raytrace][paths]") {
  PathFinderOptions o;
  o.maxSourceDistance = 50.0;
  CHECK(find(build({}), {0, 0, 1}, {100, 0, 1}, o).empty());
}

namespace {
/// Every field of every vertex equal to the last bit.
bool sameVertices(const std::vector<PathVertex>& a, const std::vector<PathVertex>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t v = 0; v < a.size(); ++v) {
    const PathVertex &p = a[v], &q = b[v];
    if (p.kind != q.kind || p.xyz.x != q.xyz.x || p.xyz.y != q.xyz.y || p.xyz.z != q.xyz.z ||
        p.zGround != q.zGround || p.g != q.g || p.reflectorTop != q.reflectorTop || p.reflectorAlpha != q.reflectorAlpha)
      return false;
  }
  return true;
}
}  // namespace

TEST_CASE("Path finding is deterministic on 1 and N threads", "[raytrace][paths][determinism]") {
  SyntheticCityOptions co;
  co.size = 400.0, co.buildings = 120, co.streetSpacing = 80.0, co.walls = 6;
  const Scene s = build(makeSyntheticCity(co));
  const PathFinder finder(s, {});
  Random rng(3);
  std::vector<std::pair<Vec3, Vec3>> pairs;
  while (pairs.size() < 300) {
    const Vec3 a{rng.uniform(0, 400), rng.uniform(0, 400), 0}, b{rng.uniform(0, 400), rng.uniform(0, 400), 0};
    if (s.obstacles().buildingAt(plan(a)) >= 0 || s.obstacles().buildingAt(plan(b)) >= 0) continue;
    pairs.push_back({{a.x, a.y, s.terrain().heightAt(plan(a)) + 0.05}, {b.x, b.y, s.terrain().heightAt(plan(b)) + 4.0}});
  }
  auto run = [&](int threads) {
    std::vector<std::vector<Path3>> out(pairs.size());
    tbb::task_arena arena(threads);
    arena.execute([&] {
      tbb::parallel_for(std::size_t(0), pairs.size(), [&](std::size_t i) {
        thread_local auto scratch = makePathFinderScratch();
        finder.find(pairs[i].first, pairs[i].second, out[i], *scratch);
      });
    });
    return out;
  };
  const auto one = run(1), many = run(4);
  std::size_t paths = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    REQUIRE(one[i].size() == many[i].size());
    for (std::size_t k = 0; k < one[i].size(); ++k) {
      const Path3 &a = one[i][k], &b = many[i][k];
      CHECK(a.type == b.type);
      CHECK(a.hasFavourable == b.hasFavourable);
      CHECK(sameVertices(a.vertices, b.vertices));
      REQUIRE(a.favourableVertices.has_value() == b.favourableVertices.has_value());
      if (a.favourableVertices) CHECK(sameVertices(*a.favourableVertices, *b.favourableVertices));
    }
    paths += one[i].size();
  }
  CHECK(paths > pairs.size());  // more than the direct paths alone
}
