// The 3D Tiles' geometry helpers (io/src/tiles): vertex clustering for the coarser levels and the
// ray cast that answers a click on the map.
#include <citynoise/io/tiles.hpp>

#include "tiles/mesh_clustering.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace citynoise::io;

namespace {

/// A terrain of n × n squares of side 1 m, two triangles each, z = 0.1 · (x + y).
std::vector<double> terrain(int n) {
  std::vector<double> t;
  auto corner = [&](double x, double y) { t.insert(t.end(), {x, y, 0.1 * (x + y)}); };
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      corner(i, j), corner(i + 1, j), corner(i + 1, j + 1);
      corner(i, j), corner(i + 1, j + 1), corner(i, j + 1);
    }
  return t;
}

std::vector<const double*> pointers(const std::vector<double>& t) {
  std::vector<const double*> out;
  for (std::size_t k = 0; k + 9 <= t.size(); k += 9) out.push_back(&t[k]);
  return out;
}

}  // namespace

TEST_CASE("clustering: cells smaller than the mesh's spacing change nothing, a bad cell size neither") {
  const std::vector<double> t = terrain(4);
  // Corners at whole metres; cells of 0.5 m hold one corner each (shifted so none sits on a cell edge).
  std::vector<double> shifted = t;
  for (std::size_t k = 0; k < shifted.size(); k += 3) shifted[k] += 0.25, shifted[k + 1] += 0.25;
  const std::vector<double> same = tiles::clusterInPlan(pointers(shifted), 0.5);  // each corner the mean of its copies
  REQUIRE(same.size() == shifted.size());
  for (std::size_t k = 0; k < same.size(); ++k) CHECK(same[k] == Approx(shifted[k]).margin(1e-9));
  CHECK(tiles::clusterInPlan(pointers(t), 0.0) == t);
  CHECK(tiles::clusterInPlan(pointers(t), -1.0) == t);
}

TEST_CASE("clustering: fewer triangles, every corner within cell·√2 of a corner it replaced, deterministic") {
  const std::vector<double> t = terrain(20);
  const double cell = 4.0;
  const std::vector<double> c = tiles::clusterInPlan(pointers(t), cell);
  REQUIRE(!c.empty());
  CHECK(c.size() < t.size() / 4);
  CHECK(tiles::clusterInPlan(pointers(t), cell) == c);
  for (std::size_t k = 0; k < c.size(); k += 3) {
    // Its own cell holds the input corners it is the mean of: the nearest is within the diagonal.
    const double cx = std::floor(c[k] / cell), cy = std::floor(c[k + 1] / cell);
    double nearest = 1e300;
    for (std::size_t q = 0; q < t.size(); q += 3)
      if (std::floor(t[q] / cell) == cx && std::floor(t[q + 1] / cell) == cy) nearest = std::min(nearest, std::hypot(t[q] - c[k], t[q + 1] - c[k + 1]));
    CHECK(nearest <= cell * std::sqrt(2.0));
    CHECK(c[k + 2] == Approx(0.1 * (c[k] + c[k + 1])).margin(1e-9));  // a plane's corners average onto the plane
  }
}

TEST_CASE("clustering: a triangle inside one cell vanishes, two on the same cells leave one") {
  const std::vector<double> small = {0.1, 0.1, 0, 0.9, 0.1, 0, 0.5, 0.9, 0};
  CHECK(tiles::clusterInPlan(pointers(small), 1.0).empty());
  const std::vector<double> twice = {0.5, 0.5, 0, 1.5, 0.5, 0, 0.5, 1.5, 0, 0.5, 0.5, 0, 0.5, 1.5, 0, 1.5, 0.5, 0};
  CHECK(tiles::clusterInPlan(pointers(twice), 1.0).size() == 9);
}

TEST_CASE("pick: the first triangle on the ray, its building and floor; the terrain hides what is behind it") {
  Tileset tiles;
  PickMesh& m = tiles.pick;
  auto square = [&](double x, std::uint32_t feature) {  // a wall at x, from y −5 to 5, z 0 to 10
    m.triangles.insert(m.triangles.end(), {float(x), -5, 0, float(x), 5, 0, float(x), 5, 10, float(x), -5, 0, float(x), 5, 10, float(x), -5, 10});
    m.feature.insert(m.feature.end(), {feature, feature});
  };
  m.building = {"B1", "B2", ""};
  m.floor = {3, 0, 0};
  square(20, 1);
  square(10, 0);
  m.triangles.insert(m.triangles.end(), {-50, -50, 0, 50, -50, 0, 50, 50, 0});  // the terrain
  m.feature.push_back(2);
  const auto wall = pickTiles(tiles, {0, 0, 5}, {1, 0, 0});
  REQUIRE(wall);
  CHECK(wall->building == "B1");
  CHECK(wall->floor == 3);
  CHECK(wall->distance == Approx(10));
  CHECK(wall->point[0] == Approx(10));
  const auto back = pickTiles(tiles, {30, 0, 5}, {-2, 0, 0});  // from behind, both faces count; t in the direction's units
  REQUIRE(back);
  CHECK(back->building == "B2");
  CHECK(back->distance == Approx(5));
  const auto ground = pickTiles(tiles, {5, 0, 20}, {0.1, 0, -1});
  REQUIRE(ground);
  CHECK(ground->building.empty());
  CHECK(!pickTiles(tiles, {0, 0, 5}, {-1, 0, 0}));
  CHECK(!pickTiles(tiles, {0, 0, 20}, {1, 0, 0}));  // over the walls
}
