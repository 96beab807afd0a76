// Lateral paths from geometry against the brute-force reference (tests/support/lateral_reference):
// random scenes of 1–8 convex, concave and thin obstacles, receivers in the notches of U-shaped
// buildings, plane Π inclined so that some obstacles are cut only in part. The path finder's
// chains must equal the reference's: same corners within 1 cm, lengths within 1 mm.
#include <citynoise/raytrace/lateral_paths.hpp>
#include <citynoise/raytrace/path_finder.hpp>

#include "lateral_reference.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numbers>
#include <random>

using namespace citynoise;
using namespace citynoise::raytrace;

namespace {

Scene build(SceneDescription d) {
  std::vector<SceneWarning> w;
  return Scene::build(std::move(d), {}, w);
}

/// A generated scene: obstacles in separate cells between S and R so that none overlap.
struct RandomScene {
  SceneDescription description;
  Vec3 source, receiver;
  bool receiverInNotch = false;
};

std::vector<Vec2> rotated(std::vector<Vec2> pts, const Vec2& centre, double angle) {
  const double c = std::cos(angle), s = std::sin(angle);
  for (Vec2& p : pts) p = {centre.x + c * p.x - s * p.y, centre.y + s * p.x + c * p.y};
  return pts;
}

/// U-shaped footprint around the origin, opening towards +x; the notch is x ∈ (0, a), |y| < b.
std::vector<Vec2> uShape(double a, double b, double t) {
  return {{a, b + t}, {-t, b + t}, {-t, -b - t}, {a, -b - t}, {a, -b}, {0, -b}, {0, b}, {a, b}};
}

RandomScene randomScene(std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  RandomScene sc;
  const int count = 1 + static_cast<int>(u(rng) * 8.0);
  const double cell = 30.0;
  const double length = cell * (count + 2);
  sc.source = {0.0, (u(rng) - 0.5) * 10.0, 0.5 + u(rng) * 8.0};
  sc.receiver = {length, (u(rng) - 0.5) * 10.0, 1.0 + u(rng) * 15.0};
  bool notchUsed = false;
  for (int i = 0; i < count; ++i) {
    const Vec2 centre{cell * (i + 1.5), (u(rng) - 0.5) * 24.0};
    const double roof = 2.0 + u(rng) * 18.0;
    const double kind = u(rng);
    const double angle = u(rng) * 2.0 * std::numbers::pi;
    if (kind < 0.2) {  // thin wall of 2–3 vertices with a sloping top
      Wall w;
      w.id = "w" + std::to_string(i);
      const int vertices = u(rng) < 0.5 ? 2 : 3;
      for (int k = 0; k < vertices; ++k) {
        const Vec2 p = rotated({{(k - 1.0) * 9.0, k == 1 ? (u(rng) - 0.5) * 8.0 : 0.0}}, centre, angle)[0];
        w.polyline.push_back({p.x, p.y, 1.0 + u(rng) * 15.0});
      }
      sc.description.walls.push_back(w);
      continue;
    }
    Building b;
    b.id = "b" + std::to_string(i);
    b.roofAltitude = roof;
    if (kind < 0.45) {  // rectangle
      b.footprint = rotated({{-4 - 6 * u(rng), -3 - 8 * u(rng)}, {5, -4}, {5 + 4 * u(rng), 4 + 6 * u(rng)}, {-4, 5}},
                            centre, angle);
    } else if (kind < 0.6) {  // triangle
      b.footprint = rotated({{-10, -8}, {10, -6 * u(rng)}, {-2, 10}}, centre, angle);
    } else if (kind < 0.75) {  // polygon of 5–8 vertices
      const int m = 5 + static_cast<int>(u(rng) * 4.0);
      for (int k = 0; k < m; ++k) {
        const double a = 2.0 * std::numbers::pi * k / m, r = 6.0 + 5.0 * u(rng);
        b.footprint.push_back({centre.x + r * std::cos(a), centre.y + r * std::sin(a)});
      }
    } else {  // U-shaped, sometimes with the receiver in its notch
      const bool last = i == count - 1;
      const double openAngle = last && !notchUsed && u(rng) < 0.7 ? std::numbers::pi * (0.5 + u(rng)) : angle;
      b.footprint = rotated(uShape(8.0, 4.0, 3.0), centre, openAngle);
      if (last && openAngle != angle) {
        const Vec2 inNotch = rotated({{1.0 + 5.0 * u(rng), (u(rng) - 0.5) * 6.0}}, centre, openAngle)[0];
        sc.receiver = {inNotch.x, inNotch.y, 1.0 + u(rng) * (roof - 1.0)};
        notchUsed = true;
        sc.receiverInNotch = true;
      }
    }
    sc.description.buildings.push_back(b);
  }
  return sc;
}

double chainLength(const Vec3& s, const std::vector<Vec2>& corners, const Vec3& r) {
  // Length in Π, from 3D points of Π (independent of the metric used by either side).
  const Vec2 d{r.x - s.x, r.y - s.y};
  const double l2 = d.x * d.x + d.y * d.y;
  auto lift = [&](const Vec2& p) {
    const double t = ((p.x - s.x) * d.x + (p.y - s.y) * d.y) / l2;
    return Vec3{p.x, p.y, s.z + t * (r.z - s.z)};
  };
  double total = 0.0;
  Vec3 prev = s;
  for (const Vec2& c : corners) total += distance(prev, lift(c)), prev = lift(c);
  return total + distance(prev, r);
}

void compare(const LateralChain& got, const test::ReferenceChain& want, const Vec3& s, const Vec3& r) {
  REQUIRE(got.found == want.found);
  if (!got.found) return;
  CHECK(got.length == Approx(want.length).margin(1e-3));
  CHECK(chainLength(s, got.corners, r) == Approx(want.length).margin(1e-3));
  REQUIRE(got.corners.size() == want.corners.size());
  for (std::size_t i = 0; i < got.corners.size(); ++i)
    CHECK(length(got.corners[i] - want.corners[i]) <= 0.01);
}

}  // namespace

TEST_CASE("Lateral paths equal the brute-force visibility graph on random scenes", "[raytrace][lateral]") {
  std::mt19937 rng(20261201);
  int withPaths = 0, inFootprint = 0, multiCorner = 0, notchPaths = 0;
  for (int trial = 0; trial < 1000; ++trial) {
    RandomScene rs = randomScene(rng);
    const test::ReferenceLateral want =
        test::referenceLateralPaths(rs.description.buildings, rs.description.walls, rs.source, rs.receiver);
    const Scene scene = build(rs.description);
    const LateralChains got = findLateralChains(scene, rs.source, rs.receiver);
    if (std::getenv("CITYNOISE_DUMP_TRIAL") && std::atoi(std::getenv("CITYNOISE_DUMP_TRIAL")) == trial) {
      std::printf("S %.6f %.6f %.6f R %.6f %.6f %.6f\n", rs.source.x, rs.source.y, rs.source.z, rs.receiver.x,
                  rs.receiver.y, rs.receiver.z);
      for (const Building& b : rs.description.buildings) {
        std::printf("building roof %.4f:", b.roofAltitude);
        for (const Vec2& p : b.footprint) std::printf(" (%.6f, %.6f)", p.x, p.y);
        std::printf("\n");
      }
      for (const Wall& w : rs.description.walls) {
        std::printf("wall:");
        for (const Vec3& p : w.polyline) std::printf(" (%.6f, %.6f, %.4f)", p.x, p.y, p.z);
        std::printf("\n");
      }
      for (const auto* c : {&got.left.corners, &got.right.corners, &want.left.corners, &want.right.corners}) {
        std::printf("chain:");
        for (const Vec2& p : *c) std::printf(" (%.4f, %.4f)", p.x, p.y);
        std::printf("\n");
      }
      std::printf("got L %d %zu %.4f R %d %zu %.4f; want L %d %zu %.4f R %d %zu %.4f\n", got.left.found,
                  got.left.corners.size(), got.left.length, got.right.found, got.right.corners.size(),
                  got.right.length, want.left.found, want.left.corners.size(), want.left.length, want.right.found,
                  want.right.corners.size(), want.right.length);
    }
    INFO("trial " << trial << ", " << rs.description.buildings.size() << " buildings, "
                  << rs.description.walls.size() << " walls");
    if (!want.blocked) {
      CHECK(!got.left.found);
      CHECK(!got.right.found);
      continue;
    }
    compare(got.left, want.left, rs.source, rs.receiver);
    compare(got.right, want.right, rs.source, rs.receiver);
    withPaths += (want.left.found || want.right.found) ? 1 : 0;
    multiCorner += (want.left.corners.size() > 2 || want.right.corners.size() > 2) ? 1 : 0;
    notchPaths += rs.receiverInNotch && (want.left.found || want.right.found) ? 1 : 0;
    for (const Building& b : rs.description.buildings)
      if (insideRing(b.footprint, plan(rs.receiver)) && b.footprint.size() != 8) ++inFootprint;
  }
  // The generator must exercise what the property is about.
  CHECK(withPaths >= 400);
  CHECK(multiCorner >= 100);
  CHECK(notchPaths >= 50);
  CHECK(inFootprint == 0);
}

TEST_CASE("A receiver in the notch of a U-shaped building gets both lateral paths", "[raytrace][lateral]") {
  // The geometry of ISO/TR 17534-4 TC22's building (open towards +x), receiver inside the notch.
  SceneDescription d;
  Building b;
  b.id = "U";
  b.footprint = {{197, 36}, {179, 36}, {179, 15}, {197, 15}, {197, 21}, {187, 21}, {187, 30}, {197, 30}};
  b.roofAltitude = 20.0;
  d.buildings.push_back(b);
  const Scene scene = build(d);
  const Vec3 s{10, 10, 1}, r{187.05, 25, 14};
  const LateralChains got = findLateralChains(scene, s, r);
  REQUIRE(got.left.found);
  REQUIRE(got.right.found);
  REQUIRE(got.left.corners.size() == 3);  // around the far corner, along the arm, its tip
  CHECK(length(got.left.corners[0] - Vec2{179, 36}) < 1e-9);
  CHECK(length(got.left.corners[2] - Vec2{197, 30}) < 1e-9);
  REQUIRE(got.right.corners.size() == 2);  // S sees the near arm's outer corner directly
  CHECK(length(got.right.corners[0] - Vec2{197, 15}) < 1e-9);
  CHECK(length(got.right.corners[1] - Vec2{197, 21}) < 1e-9);
  const test::ReferenceLateral want = test::referenceLateralPaths(d.buildings, d.walls, s, r);
  CHECK(got.left.length == Approx(want.left.length).margin(1e-6));
  CHECK(got.right.length == Approx(want.right.length).margin(1e-6));
}

TEST_CASE("Lateral paths do not slip between terraced houses, and pass a wall with buildings", "[raytrace][lateral]") {
  SceneDescription d;
  auto box = [](const char* id, double x0, double y0, double x1, double y1, double roof) {
    Building b;
    b.id = id;
    b.footprint = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    b.roofAltitude = roof;
    return b;
  };
  // Two houses sharing the wall y = 0 from x = 40 to 60; the line S–R runs along it.
  d.buildings = {box("a", 40, -10, 60, 0, 12), box("b", 40, 0, 60, 8, 12)};
  Wall w;
  w.id = "screen";
  w.polyline = {{80, -20, 6}, {80, 20, 6}};
  d.walls.push_back(w);
  const Scene scene = build(d);
  const Vec3 s{0, 0.5, 2}, r{120, -0.5, 2};
  const LateralChains got = findLateralChains(scene, s, r);
  const test::ReferenceLateral want = test::referenceLateralPaths(d.buildings, d.walls, s, r);
  REQUIRE(got.left.found);
  REQUIRE(got.right.found);
  compare(got.left, want.left, s, r);
  compare(got.right, want.right, s, r);
  // Left: over the houses' far side (y = 8) and round the screen's end (y = 20).
  CHECK(got.left.corners.back().y == Approx(20.0));
  for (const Vec2& c : got.right.corners) CHECK(c.y <= -10.0 + 1e-9);
}
