#include <citynoise/core/profile_geometry.hpp>

#include <catch2/catch.hpp>

#include <vector>

using namespace citynoise;

TEST_CASE("The mean plane of a straight ground line is that line", "[core][geometry]") {
  for (double origin : {0.0, 5000.0}) {
    const std::vector<Point2> ground{{origin, 2.0}, {origin + 40.0, 6.0}, {origin + 100.0, 12.0}};
    const Line2 plane = meanPlane(ground);
    CHECK(plane.slope == Approx(0.1).margin(1e-12));
    CHECK(plane.slope * origin + plane.intercept == Approx(2.0).margin(1e-9));
  }
}

TEST_CASE("The mean plane of a symmetric ridge is level at its mean height", "[core][geometry]") {
  const std::vector<Point2> ground{{0.0, 0.0}, {50.0, 10.0}, {100.0, 0.0}};
  const Line2 plane = meanPlane(ground);
  CHECK(plane.slope == Approx(0.0).margin(1e-12));
  CHECK(plane.intercept == Approx(5.0));  // mean of a triangle of height 10
}

TEST_CASE("Vertical steps (walls, roof edges) carry no weight in the mean plane", "[core][geometry]") {
  const std::vector<Point2> flat{{0.0, 0.0}, {100.0, 0.0}};
  const std::vector<Point2> stepped{{0.0, 0.0}, {50.0, 0.0}, {50.0, 0.0}, {100.0, 0.0}};
  CHECK(meanPlane(stepped).intercept == Approx(meanPlane(flat).intercept).margin(1e-12));
}

TEST_CASE("Heights, feet and images relative to a plane", "[core][geometry]") {
  const Line2 plane{1.0, 0.0};  // z = s, 45°
  const Point2 p{0.0, 2.0};
  CHECK(plane.heightOf(p) == Approx(std::sqrt(2.0)));
  const Point2 f = plane.foot(p);
  CHECK(f.s == Approx(1.0));
  CHECK(f.z == Approx(1.0));
  const Point2 m = plane.mirror(p);
  CHECK(m.s == Approx(2.0));
  CHECK(m.z == Approx(0.0).margin(1e-12));
  const PlaneGeometry g = planeGeometry(std::vector<Point2>{{0, 0}, {10, 0}}, {0, 1}, {10, 4});
  CHECK(g.zA == Approx(1.0));
  CHECK(g.zB == Approx(4.0));
  CHECK(g.dp == Approx(10.0));
}

TEST_CASE("The upper hull keeps the points that block the line of sight", "[core][geometry]") {
  std::vector<int> hull;
  upperHull(std::vector<Point2>{{0, 1}, {10, 5}, {20, 1}}, hull);
  CHECK(hull == std::vector<int>{0, 1, 2});
  upperHull(std::vector<Point2>{{0, 1}, {10, 0}, {20, 1}}, hull);
  CHECK(hull == std::vector<int>{0, 2});
  upperHull(std::vector<Point2>{{0, 0}, {10, 1}, {20, 2}}, hull);  // collinear: not an edge
  CHECK(hull == std::vector<int>{0, 2});
  upperHull(std::vector<Point2>{{0, 0}, {5, 10}, {10, 10.5}, {15, 10}, {20, 0}}, hull);
  CHECK(hull == std::vector<int>{0, 1, 2, 3, 4});
}
