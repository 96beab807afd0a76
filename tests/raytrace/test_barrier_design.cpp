// The barrier design helper: the lowest heights that meet the targets, minimal per segment.
#include <citynoise/raytrace/barrier_design.hpp>

#include <catch2/catch.hpp>

using namespace citynoise;
using namespace citynoise::raytrace;

namespace {

struct Street {
  SceneDescription scene;
  std::vector<SourceObject> sources;
  EngineSettings settings;
  std::vector<Receiver> receivers;
};

/// A road along y = 0, a 32 m block from y = 30, points in front of its south façade on the
/// ground floor, the 5th and the 10th; the barrier alignment runs along the road at y = 6 in two segments.
Street street() {
  Street s;
  Building b;
  b.id = "home";
  b.footprint = {{-20, 30}, {20, 30}, {20, 50}, {-20, 50}};
  b.roofAltitude = 32.0;
  s.scene.buildings.push_back(b);
  SourceObject road;
  road.id = "road";
  HourlySpectra power;
  power.fill(filled(75.0));
  road.elements.push_back({SourceShape::Line, {{-150, 0, 0.05}, {150, 0, 0.05}}, power});
  s.sources.push_back(road);
  s.settings.paths.lateralDiffraction = false;
  s.settings.paths.reflectionOrder = 1;
  s.settings.paths.maxSourceDistance = 300.0;
  s.settings.paths.maxReflectionDistance = 50.0;
  s.settings.favourable.fill(0.5);
  for (int floor : {0, 4, 9}) {
    Receiver r;
    r.id = "f" + std::to_string(floor);
    r.kind = ReceiverKind::Point;
    r.position = {0, 29, 1.5 + 3.0 * floor};
    s.receivers.push_back(r);
  }
  return s;
}

/// Ln at the street's points, computed in full, with `walls` added.
std::vector<double> nightLevels(const Street& s, const std::vector<Wall>& walls) {
  SceneDescription d = s.scene;
  d.walls.insert(d.walls.end(), walls.begin(), walls.end());
  std::vector<SceneWarning> ignored;
  const Scene scene = Scene::build(d, {}, ignored);
  std::vector<double> out;
  for (const ReceiverLevels& l : MapEngine(scene, s.sources, s.settings).computeAll(s.receivers, 1)) out.push_back(l.total(LnCn));
  return out;
}

BarrierDesignRequest alignment() {
  BarrierDesignRequest q;
  q.line = {{-60, 6}, {0, 6}, {60, 6}};
  q.minHeight = 0.0;
  q.maxHeight = 6.0;
  q.step = 0.5;
  return q;
}

}  // namespace

TEST_CASE("the design meets the targets with the lowest step on each segment", "[raytrace][barrier]") {
  const Street s = street();
  const BarrierDesignRequest q = alignment();
  // Targets: 3 dB under the levels without a barrier on the low floors; the 10th as it is.
  const std::vector<double> without = nightLevels(s, {});
  std::vector<double> targets;
  for (std::size_t k = 0; k < without.size(); ++k) targets.push_back(without[k] - (k < 2 ? 3.0 : 0.0));
  const BarrierDesignResult r = designBarrier(s.scene, s.sources, s.settings, s.receivers, targets, q, 2);
  REQUIRE(r.achieved);
  REQUIRE(r.heights.size() == 2);
  for (std::size_t k = 0; k < targets.size(); ++k) CHECK(r.after[k].total(LnCn) <= targets[k]);
  // Not the maximum (segments are lowered in turn, so their heights may differ by a step).
  CHECK(r.heights[0] < q.maxHeight);
  CHECK(r.heights[0] > 0.0);
  // One step lower on either segment misses a target (the design is minimal segment by segment).
  for (std::size_t seg = 0; seg < 2; ++seg) {
    std::vector<double> lower = r.heights;
    lower[seg] -= q.step;
    const std::vector<double> levels = nightLevels(s, designWalls(q, lower));
    bool missed = false;
    for (std::size_t k = 0; k < targets.size(); ++k) missed = missed || levels[k] > targets[k];
    CHECK(missed);
  }
}

TEST_CASE("an unreachable target reports the best the highest barrier achieves", "[raytrace][barrier]") {
  const Street s = street();
  const BarrierDesignRequest q = alignment();
  const BarrierDesignResult r = designBarrier(s.scene, s.sources, s.settings, s.receivers, {10.0, 10.0, 10.0}, q, 1);
  CHECK_FALSE(r.achieved);
  CHECK(r.heights == std::vector<double>{6.0, 6.0});
  CHECK(r.worstExceedance > 0.0);
  // The barrier helps the low floors more than the 10th, which looks over its top.
  const double il0 = r.before[0].total(LnCn) - r.after[0].total(LnCn), il2 = r.before[2].total(LnCn) - r.after[2].total(LnCn);
  CHECK(il0 > 3.0);
  CHECK(il0 > il2);
}
