// Variants from the base run's transfers must equal a full recomputation of the variant.
#include <citynoise/core/decibel.hpp>
#include <citynoise/raytrace/map_engine.hpp>
#include <citynoise/raytrace/receivers.hpp>
#include <citynoise/raytrace/synthetic_city.hpp>
#include <citynoise/raytrace/variant_engine.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace citynoise;
using namespace citynoise::raytrace;

namespace {

HourlySpectra constant(const BandArray& power) {
  HourlySpectra h;
  h.fill(power);
  return h;
}

struct District {
  SceneDescription description;
  std::vector<SourceObject> sources;
  ReceiverSpec spec;
  EngineSettings settings;
};

District district(bool lateral) {
  District d;
  SyntheticCityOptions o;
  o.size = 400.0;
  o.buildings = 120;
  o.seed = 11;
  o.walls = 0;
  d.description = makeSyntheticCity(o);
  for (int k = 0; k < 3; ++k) {
    SourceObject road;
    road.id = "road" + std::to_string(k);
    const double y = 60.0 + 130.0 * k;
    road.elements.push_back({SourceShape::Line, {{0, y, 0.05}, {200, y, 0.05}}, constant(filled(80.0))});
    road.elements.push_back({SourceShape::Line, {{200, y, 0.05}, {400, y, 0.05}}, constant(filled(78.0))});
    d.sources.push_back(road);
  }
  SourceObject speaker;
  speaker.id = "plaza";
  speaker.sourceClass = SourceClass::SquareDance;
  speaker.directivity = emission::Directivity::piston(0.15);
  speaker.aim = {1, 0, 0};
  speaker.elements.push_back({SourceShape::Point, {{40, 360, 1.5}}, constant(filled(95.0))});
  d.sources.push_back(speaker);
  d.spec.facades.enabled = true;
  d.spec.facades.spacing = 20.0;
  d.spec.facades.everyNthFloor = 4;
  d.spec.grids.push_back({{4.0}, 50.0, Box2{{0, 0}, {400, 400}}});
  d.settings.paths.lateralDiffraction = lateral;
  d.settings.paths.reflectionOrder = 1;
  d.settings.paths.maxSourceDistance = 300.0;
  d.settings.paths.maxReflectionDistance = 40.0;
  d.settings.favourable.fill(0.5);
  for (std::size_t h = 0; h < 6; ++h) d.settings.favourable[h] = 0.75;  // two distinct probabilities
  return d;
}

Scene build(const SceneDescription& d) {
  std::vector<SceneWarning> w;
  return Scene::build(d, {}, w);
}

/// A district's base run: its scene, receivers and the transfers the variants start from.
struct BaseRun {
  District d;
  Scene scene;
  ReceiverSet set;
  MapEngine engine;
  std::vector<ReceiverTransfers> transfers;
  std::vector<ReceiverLevels> levels;
  explicit BaseRun(bool lateral)
      : d(district(lateral)), scene(build(d.description)), set(makeReceivers(scene, d.description, d.spec, Box2{{0, 0}, {400, 400}})),
        engine(scene, d.sources, d.settings) {
    levels = engine.computeAll(set.receivers, 2, {}, &transfers);
  }
};

/// The largest |difference| of any indicator or hour over all receivers.
double largestDifference(const std::vector<ReceiverLevels>& a, const std::vector<ReceiverLevels>& b) {
  REQUIRE(a.size() == b.size());
  double worst = 0.0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    for (std::size_t c = 0; c < a[k].levels.size(); ++c)
      for (std::size_t i = 0; i < a[k].levels[c].size(); ++i) {
        const double x = a[k].levels[c][i], y = b[k].levels[c][i];
        if (std::isinf(x) && std::isinf(y)) continue;
        worst = std::max(worst, std::abs(x - y));
      }
    for (std::size_t h = 0; h < kHoursPerDay; ++h) worst = std::max(worst, std::abs(double(a[k].hourly[h]) - b[k].hourly[h]));
  }
  return worst;
}

}  // namespace

TEST_CASE("an emission-only variant from the stored transfers equals a full recomputation", "[raytrace][variant]") {
  const BaseRun run(false);
  const District& d = run.d;
  const Scene& scene = run.scene;
  const ReceiverSet& set = run.set;
  const auto& transfers = run.transfers;

  std::vector<SourceObject> quieter = d.sources;
  for (SourceElement& e : quieter[1].elements)  // low-noise pavement: −4 dB above 500 Hz
    for (auto& hour : e.power)
      for (std::size_t i = 3; i < kBandCount; ++i) hour[i] -= 4.0;
  for (std::size_t h : {22u, 23u, 0u, 1u})  // a curfew for the plaza
    quieter[3].elements[0].power[h] = filled(-200.0);
  const auto changed = changedElements(d.sources, quieter);
  REQUIRE(changed);
  CHECK(changed->empty());

  const MapEngine variant(scene, quieter, d.settings);
  const VariantEvaluation fast = evaluateVariant(variant, set.receivers, transfers, *changed, SceneEdits{}, 2);
  const std::vector<ReceiverLevels> full = variant.computeAll(set.receivers, 2);
  CHECK(fast.receiversRecomputed == 0);
  CHECK(largestDifference(fast.levels, full) == 0.0);
  // And the variant changed something.
  CHECK(largestDifference(fast.levels, run.levels) > 1.0);
}

TEST_CASE("a variant that changes nothing gives zero difference and recomputes nothing", "[raytrace][variant]") {
  const BaseRun run(false);
  const VariantEvaluation same = evaluateVariant(run.engine, run.set.receivers, run.transfers, {}, SceneEdits{}, 2);
  CHECK(same.receiversRecomputed == 0);
  CHECK(largestDifference(same.levels, run.levels) == 0.0);
}

TEST_CASE("a barrier variant recomputes only what the barrier can reach and equals a full recomputation", "[raytrace][variant]") {
  for (bool lateral : {false, true}) {
    DYNAMIC_SECTION("lateral paths " << (lateral ? "on" : "off")) {
      const BaseRun run(lateral);
      const District& d = run.d;
      const ReceiverSet& set = run.set;
      const auto& transfers = run.transfers;

      SceneDescription withBarrier = d.description;
      Wall barrier{"B1", {{60, 66, 4.0}, {180, 66, 4.0}}, std::nullopt, true, {}};
      withBarrier.walls.push_back(barrier);
      const Scene variantScene = build(withBarrier);
      const MapEngine variant(variantScene, d.sources, d.settings);
      const SceneEdits edits = sceneEdits(run.scene, variantScene);
      REQUIRE(edits.barriers.size() == 1);  // the new wall, found by comparing the scenes
      CHECK(edits.ground.empty());
      const VariantEvaluation fast = evaluateVariant(variant, set.receivers, transfers, {}, edits, 2);
      const std::vector<ReceiverLevels> full = variant.computeAll(set.receivers, 2);
      CHECK(largestDifference(fast.levels, full) == 0.0);
      CHECK(fast.receiversRecomputed > 0);
      // Only some pairs: the barrier is short and the reach 300 m.
      std::size_t pairs = 0;
      for (const ReceiverTransfers& t : transfers) pairs += t.elements.size();
      CHECK(fast.elementsRecomputed < pairs / 2);
      // The barrier did something.
      CHECK(largestDifference(full, run.levels) > 1.0);
    }
  }
}

TEST_CASE("a re-aimed loudspeaker is found again where it is heard, and equals a full recomputation", "[raytrace][variant]") {
  const BaseRun run(false);
  const District& d = run.d;
  const Scene& scene = run.scene;
  const ReceiverSet& set = run.set;
  const auto& transfers = run.transfers;
  std::vector<SourceObject> smart = d.sources;
  smart[3].aim = {0, -1, 0};  // turned towards the plaza, away from the homes to the north
  smart[3].directivity = emission::Directivity::piston(0.3, -20.0);
  const auto changed = changedElements(d.sources, smart);
  REQUIRE(changed);
  REQUIRE(changed->size() == 1);
  const MapEngine variant(scene, smart, d.settings);
  const VariantEvaluation fast = evaluateVariant(variant, set.receivers, transfers, *changed, SceneEdits{}, 2);
  CHECK(largestDifference(fast.levels, variant.computeAll(set.receivers, 2)) == 0.0);
  CHECK(fast.receiversRecomputed > 0);
  CHECK(fast.receiversRecomputed < set.receivers.size());

  // A different layout (an object more) is not a variant of the same sources.
  std::vector<SourceObject> more = d.sources;
  more.push_back(d.sources.front());
  CHECK_FALSE(changedElements(d.sources, more));
}

TEST_CASE("a berm variant (the ground changed) equals a full recomputation", "[raytrace][variant]") {
  // A TIN of spot heights over gentle hills, two rows of buildings on it, a road between them.
  SceneDescription d;
  for (int i = 0; i <= 30; ++i)
    for (int j = 0; j <= 30; ++j) {
      const double x = 10.0 * i, y = 10.0 * j;
      d.spotHeights.push_back({x, y, 50.0 + 4.0 * std::sin(x / 60.0) + 3.0 * std::cos(y / 45.0)});
    }
  for (int k = 0; k < 6; ++k) {
    for (double y0 : {40.0, 190.0}) {
      Building b;
      b.id = "b" + std::to_string(k) + "-" + std::to_string(static_cast<int>(y0));
      const double x0 = 20.0 + 45.0 * k;
      b.footprint = {{x0, y0}, {x0 + 25, y0}, {x0 + 25, y0 + 30}, {x0, y0 + 30}};
      b.heightAboveTerrain = 9.0 + 3.0 * k;
      d.buildings.push_back(b);
    }
  }
  std::vector<SourceObject> sources;
  SourceObject road;
  road.id = "road";
  HourlySpectra power;
  power.fill(filled(80.0));
  for (int k = 0; k < 10; ++k)  // 30 m stretches, as junction pieces would be
    road.elements.push_back({SourceShape::Line, {{30.0 * k, 120, 0.05}, {30.0 * k + 30, 120, 0.05}}, power});
  sources.push_back(road);
  ReceiverSpec spec;
  spec.facades.enabled = true;
  spec.facades.spacing = 10.0;
  spec.facades.everyNthFloor = 2;
  spec.grids.push_back({{4.0}, 25.0, Box2{{0, 0}, {300, 300}}});
  EngineSettings settings;
  settings.paths.lateralDiffraction = false;
  settings.paths.reflectionOrder = 1;
  settings.paths.maxSourceDistance = 250.0;
  settings.paths.maxReflectionDistance = 40.0;
  settings.favourable.fill(0.5);

  const Scene scene = build(d);
  const ReceiverSet set = makeReceivers(scene, d, spec, Box2{{0, 0}, {300, 300}});
  const MapEngine base(scene, sources, settings);
  std::vector<ReceiverTransfers> transfers;
  const std::vector<ReceiverLevels> before = base.computeAll(set.receivers, 2, {}, &transfers);

  SceneDescription withBerm = d;
  withBerm.berms.push_back({"berm", {40, 135}, {160, 135}, 3.0, 2.0, 14.0, {}});
  const Scene variantScene = build(withBerm);
  const ReceiverSet moved = makeReceivers(variantScene, withBerm, spec, Box2{{0, 0}, {300, 300}});
  REQUIRE(moved.receivers.size() == set.receivers.size());
  const SceneEdits edits = sceneEdits(scene, variantScene);
  REQUIRE_FALSE(edits.ground.empty());
  const MapEngine variant(variantScene, sources, settings);
  const VariantEvaluation fast = evaluateVariant(variant, moved.receivers, transfers, {}, edits, 2);
  const std::vector<ReceiverLevels> full = variant.computeAll(moved.receivers, 2);
  CHECK(largestDifference(fast.levels, full) == 0.0);
  CHECK(fast.receiversRecomputed > 0);
  std::size_t pairs = 0;
  for (const ReceiverTransfers& t : transfers) pairs += t.elements.size();
  CHECK(fast.elementsRecomputed < pairs);
  // The berm screens the buildings behind it (north of the road, by the berm's stretch).
  CHECK(largestDifference(full, before) > 2.0);

  // A berm on a raster DEM is refused: it needs a TIN.
  SceneDescription raster = withBerm;
  raster.dem = ElevationGrid{0, 300, 10, 10, 30, 30, std::vector<double>(900, 50.0), -9999};
  std::vector<SceneWarning> w;
  CHECK_THROWS_WITH(Scene::build(raster, {}, w), Catch::Contains("needs a terrain of elevation points"));
}
