#include <citynoise/raytrace/terrain.hpp>

#include <catch2/catch.hpp>

using namespace citynoise;
using namespace citynoise::raytrace;

namespace {
/// A ramp: level at 0 for x < 100, rising to 10 at x = 150, level at 10 beyond, on y ∈ [0, 100].
Terrain ramp() {
  const std::vector<TerrainBreakline> lines{
      {{0, 0, 0}, {100, 0, 0}, "a"},       {{100, 0, 0}, {150, 0, 10}, "b"}, {{150, 0, 10}, {200, 0, 10}, "c"},
      {{0, 100, 0}, {100, 100, 0}, "d"},   {{100, 100, 0}, {150, 100, 10}, "e"},
      {{150, 100, 10}, {200, 100, 10}, "f"}, {{100, 0, 0}, {100, 100, 0}, "g"}, {{150, 0, 10}, {150, 100, 10}, "h"},
      {{0, 0, 0}, {0, 100, 0}, "i"},       {{200, 0, 10}, {200, 100, 10}, "j"}};
  return Terrain::fromBreaklines(lines, {});
}
}  // namespace

TEST_CASE("Heights interpolate linearly inside the triangulation", "[raytrace][terrain]") {
  const Terrain t = ramp();
  CHECK(t.heightAt({50, 50}) == Approx(0.0).margin(1e-9));
  CHECK(t.heightAt({125, 30}) == Approx(5.0));
  CHECK(t.heightAt({180, 70}) == Approx(10.0));
  CHECK(t.heightAt({500, 50}) == 0.0);  // outside: the outside altitude
}

TEST_CASE("A terrain cut keeps only the changes of slope", "[raytrace][terrain]") {
  const Terrain t = ramp();
  std::vector<TerrainSample> cut;
  t.cut({10, 20}, {190, 80}, cut);
  // Ends, foot of the ramp (x = 100) and its top (x = 150); the diagonals of the CDT add nothing.
  REQUIRE(cut.size() == 4);
  CHECK(cut[1].t == Approx(90.0 / 180.0));
  CHECK(cut[1].z == Approx(0.0).margin(1e-9));
  CHECK(cut[2].t == Approx(140.0 / 180.0));
  CHECK(cut[2].z == Approx(10.0));
  CHECK(cut[3].z == Approx(10.0));
}

TEST_CASE("Break lines that contradict others are kept as spot heights", "[raytrace][terrain]") {
  // A square at 0 m; a ridge at 5 m crossing two level lines at 0 m: the ridge has two conflicts,
  // each level line one, so the ridge gives way and the ground between the level lines stays flat.
  const std::vector<TerrainBreakline> square{{{0, 0, 0}, {100, 0, 0}, "a"}, {{100, 0, 0}, {100, 100, 0}, "b"},
                                             {{100, 100, 0}, {0, 100, 0}, "c"}, {{0, 100, 0}, {0, 0, 0}, "d"}};
  std::vector<TerrainBreakline> lines = square;
  lines.push_back({{20, 50, 5}, {80, 50, 5}, "ridge"});
  lines.push_back({{40, 0, 0}, {40, 100, 0}, "across-1"});
  lines.push_back({{60, 0, 0}, {60, 100, 0}, "across-2"});
  std::vector<std::size_t> demoted;
  const Terrain t = Terrain::fromBreaklines(lines, {}, 0.0, &demoted);
  REQUIRE(demoted == std::vector<std::size_t>{4});
  CHECK(t.heightAt({50, 50}) == Approx(0.0).margin(1e-9));
  CHECK(t.heightAt({20, 50}) == Approx(5.0));  // its end points stay, as spot heights

  // One crossing, a tie: the line listed first gives way, so the result does not depend on
  // anything but the input order.
  std::vector<TerrainBreakline> tie = square;
  tie.push_back({{50, 0, 0}, {50, 100, 0}, "across"});
  tie.push_back({{20, 50, 5}, {80, 50, 5}, "ridge"});
  demoted.clear();
  const Terrain u = Terrain::fromBreaklines(tie, {}, 0.0, &demoted);
  REQUIRE(demoted == std::vector<std::size_t>{4});
  CHECK(u.heightAt({50, 50}) == Approx(5.0));  // the ridge, now a constraint, holds its altitude
}

TEST_CASE("A DEM grid becomes two triangles per cell", "[raytrace][terrain]") {
  ElevationGrid g;
  g.columns = 3, g.rows = 3, g.cellSizeX = g.cellSizeY = 10.0, g.originX = 0.0, g.originY = 30.0;
  // z = x / 10 at cell centres (5, 15, 25)
  g.values = {0.5, 1.5, 2.5, 0.5, 1.5, 2.5, 0.5, 1.5, 2.5};
  const Terrain t = Terrain::fromGrid(g);
  CHECK(t.triangles().size() == 8);
  CHECK(t.heightAt({12, 12}) == Approx(1.2));
  std::vector<TerrainSample> cut;
  t.cut({6, 6}, {24, 24}, cut);
  CHECK(cut.size() == 2);  // a plane: no interior vertex
}

TEST_CASE("A cut leaving or entering the triangulation steps to the outside altitude in order",
          "[raytrace][terrain]") {
  // A plateau at 10 m on [0, 100]², level ground at 0 m outside it.
  const std::vector<TerrainBreakline> lines{{{0, 0, 10}, {100, 0, 10}, "s"}, {{100, 0, 10}, {100, 100, 10}, "e"},
                                            {{100, 100, 10}, {0, 100, 10}, "n"}, {{0, 100, 10}, {0, 0, 10}, "w"}};
  const Terrain t = Terrain::fromBreaklines(lines, {}, 0.0);
  std::vector<TerrainSample> cut;
  t.cut({50, 50}, {150, 50}, cut);  // leaving at x = 100
  REQUIRE(cut.size() == 4);
  CHECK(cut[1].t == Approx(0.5));
  CHECK(cut[1].z == Approx(10.0));
  CHECK(cut[2].t == Approx(0.5));
  CHECK(cut[2].z == Approx(0.0));
  t.cut({150, 50}, {50, 50}, cut);  // entering
  REQUIRE(cut.size() == 4);
  CHECK(cut[0].z == Approx(0.0));
  CHECK(cut[1].z == Approx(0.0));
  CHECK(cut[2].z == Approx(10.0));
  CHECK(cut[3].z == Approx(10.0));
}
