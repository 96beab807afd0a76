// Embree against the brute-force reference, and watertightness of the generated geometry.
#include <citynoise/raytrace/scene.hpp>
#include <citynoise/raytrace/synthetic_city.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace citynoise;
using namespace citynoise::raytrace;

namespace {

const Scene& smallCity() {
  static const Scene scene = [] {
    SyntheticCityOptions o;
    o.size = 300.0;
    o.buildings = 60;
    o.demCell = 15.0;
    o.walls = 4;
    o.streetSpacing = 60.0;
    std::vector<SceneWarning> w;
    return Scene::build(makeSyntheticCity(o), {}, w);
  }();
  return scene;
}

Vec3 randomDirection(Random& rng) {
  const double z = rng.uniform(-1.0, 1.0), phi = rng.uniform(0.0, 2.0 * M_PI);
  const double r = std::sqrt(1.0 - z * z);
  return {r * std::cos(phi), r * std::sin(phi), z};
}

}  // namespace

TEST_CASE("Embree and the brute-force tracer agree on 100 000 random rays", "[raytrace][tracer][slow]") {
  const Scene& scene = smallCity();
  const auto brute = makeBruteForceTracer(scene.mesh());
  Random rng(42);
  std::vector<Ray> rays;
  for (int i = 0; i < 100000; ++i) {
    const Vec3 o{rng.uniform(-20, 320), rng.uniform(-20, 320), rng.uniform(0, 120)};
    rays.push_back({o, randomDirection(rng) * rng.uniform(1.0, 50.0), 0.0, rng.uniform(0.5, 20.0)});
  }
  std::vector<Hit> he(rays.size()), hb(rays.size());
  std::vector<std::uint8_t> oe(rays.size()), ob(rays.size());
  scene.tracer().intersect(rays, he);
  brute->intersect(rays, hb);
  scene.tracer().occluded(rays, oe);
  brute->occluded(rays, ob);
  int hitMismatch = 0, distanceMismatch = 0, occlusionMismatch = 0, hits = 0;
  for (std::size_t i = 0; i < rays.size(); ++i) {
    hits += hb[i].hit;
    if (he[i].hit != hb[i].hit) ++hitMismatch;
    else if (he[i].hit && std::abs(he[i].t - hb[i].t) > 1e-6 * std::max(1.0, hb[i].t)) ++distanceMismatch;
    if (oe[i] != ob[i]) ++occlusionMismatch;
  }
  INFO("hits " << hits);
  CHECK(hits > 10000);
  CHECK(hitMismatch == 0);
  CHECK(distanceMismatch == 0);
  CHECK(occlusionMismatch == 0);
}

TEST_CASE("No ray leaks out of a building or through the terrain", "[raytrace][tracer][slow]") {
  const Scene& scene = smallCity();
  const auto& buildings = scene.obstacles().buildings();
  Random rng(7);
  std::vector<Ray> rays;
  std::vector<std::uint32_t> owner;
  for (std::uint32_t b = 0; b < buildings.size(); ++b) {
    // From a point inside the building's volume, above the terrain, in every direction.
    Vec2 c{0, 0};
    for (const Vec2& p : buildings[b].footprint) c = c + p * (1.0 / buildings[b].footprint.size());
    const double z = scene.terrain().heightAt(c) + 0.5 * (buildings[b].roofAltitude - scene.terrain().heightAt(c));
    for (int k = 0; k < 200; ++k) rays.push_back({{c.x, c.y, z}, randomDirection(rng), 0.0, 1e6}), owner.push_back(b);
  }
  std::vector<Hit> hits(rays.size());
  scene.tracer().intersect(rays, hits);
  int leaks = 0;
  for (std::size_t i = 0; i < rays.size(); ++i) {
    const TriangleTag& tag = scene.mesh().tags[hits[i].triangle];
    const bool own = hits[i].hit && (tag.kind == SurfaceKind::Facade || tag.kind == SurfaceKind::Roof) && tag.object == owner[i];
    const bool ground = hits[i].hit && tag.kind == SurfaceKind::Terrain;  // downwards, before the walls' foot
    if (!own && !ground) ++leaks;
  }
  CHECK(leaks == 0);

  // From above, every downward ray lands on something.
  rays.clear();
  for (int k = 0; k < 20000; ++k)
    rays.push_back({{rng.uniform(5, 295), rng.uniform(5, 295), 120.0}, {rng.uniform(-0.05, 0.05), rng.uniform(-0.05, 0.05), -1.0}, 0.0, 1e6});
  hits.resize(rays.size());
  scene.tracer().intersect(rays, hits);
  int escaped = 0;
  for (const Hit& h : hits) escaped += !h.hit;
  CHECK(escaped == 0);
}
