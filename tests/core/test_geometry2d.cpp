#include <citynoise/core/geometry2d.hpp>
#include <citynoise/core/scene_description.hpp>

#include <catch2/catch.hpp>

using namespace citynoise;

namespace {
Ring2 square(double x0, double y0, double size) { return {{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}}; }
}  // namespace

TEST_CASE("Segments cross at their parameters, parallel ones never do", "[core][geometry]") {
  const auto x = intersectSegments({0, 0}, {10, 0}, {4, -1}, {4, 3});
  REQUIRE(x);
  CHECK(x->t == Approx(0.4));
  CHECK(x->u == Approx(0.25));
  CHECK_FALSE(intersectSegments({0, 0}, {10, 0}, {0, 1}, {10, 1}));
  CHECK_FALSE(intersectSegments({0, 0}, {10, 0}, {11, -1}, {11, 1}));
}

TEST_CASE("Footprints overlap when their interiors do, not when they share a wall or a corner", "[core][geometry]") {
  const Ring2 a = square(0, 0, 10);
  CHECK(ringsOverlap(a, square(5, 5, 10)));        // corners cross
  CHECK(ringsOverlap(a, square(2, 2, 5)));         // contained: no edge crossing
  CHECK(ringsOverlap(square(2, 2, 5), a));
  CHECK(ringsOverlap(a, a));                       // the same ring
  CHECK_FALSE(ringsOverlap(a, square(10, 0, 10))); // terraced houses: one shared wall
  CHECK_FALSE(ringsOverlap(a, square(10, 10, 5))); // touching at a corner
  CHECK_FALSE(ringsOverlap(a, square(10, 3, 4)));  // a smaller neighbour against the wall
  CHECK_FALSE(ringsOverlap(a, square(20, 0, 5)));
  // 0.5 mm into the neighbour is within the tolerance (digitising noise), 5 cm is not.
  CHECK_FALSE(ringsOverlap(a, square(9.9995, 0, 10)));
  CHECK(ringsOverlap(a, square(9.95, 0, 10)));
}

TEST_CASE("The same ring is recognised from any start and in either direction", "[core][geometry]") {
  const Ring2 a = square(0, 0, 10);
  const Ring2 rotated{{10, 0}, {10, 10}, {0, 10}, {0, 0}};
  const Ring2 reversed{{0, 10}, {10, 10}, {10, 0}, {0, 0}};
  CHECK(sameRing(a, rotated));
  CHECK(sameRing(a, reversed));
  CHECK_FALSE(sameRing(a, square(0, 0, 11)));
  CHECK_FALSE(sameRing(a, Ring2{{0, 0}, {10, 0}, {10, 10}}));
}
