#include <citynoise/raytrace/barrier_design.hpp>

#include <citynoise/raytrace/variant_engine.hpp>

#include <algorithm>
#include <cmath>

namespace citynoise::raytrace {

std::vector<Wall> designWalls(const BarrierDesignRequest& request, const std::vector<double>& heights) {
  std::vector<Wall> walls;
  for (std::size_t k = 0; k + 1 < request.line.size(); ++k) {
    if (heights[k] <= 0.0) continue;
    const Vec2 a = request.line[k], b = request.line[k + 1];
    walls.push_back({request.id + "-" + std::to_string(k + 1), {{a.x, a.y, heights[k]}, {b.x, b.y, heights[k]}}, request.absorption, true, {}});
  }
  return walls;
}

namespace {

/// Evaluates designs at a fixed set of receivers from the base's transfers.
class DesignEvaluator {
 public:
  DesignEvaluator(const SceneDescription& scene, const std::vector<SourceObject>& sources, const EngineSettings& settings,
                  const std::vector<Receiver>& receivers, int threads)
      : scene_(scene), sources_(sources), settings_(settings), receivers_(receivers), threads_(threads) {
    std::vector<SceneWarning> ignored;
    const Scene base = Scene::build(scene, {}, ignored);
    const MapEngine engine(base, sources, settings);
    before = engine.computeAll(receivers, threads, {}, &transfers_);
  }

  std::vector<ReceiverLevels> levels(const BarrierDesignRequest& request, const std::vector<double>& heights) {
    ++evaluations;
    SceneDescription withBarrier = scene_;
    std::vector<PlanPolyline> lines;
    for (Wall& w : designWalls(request, heights)) {
      lines.push_back({plan(w.polyline.front()), plan(w.polyline.back())});
      withBarrier.walls.push_back(std::move(w));
    }
    if (lines.empty()) return before;
    std::vector<SceneWarning> ignored;
    const Scene scene = Scene::build(withBarrier, {}, ignored);
    const MapEngine engine(scene, sources_, settings_);
    return evaluateVariant(engine, receivers_, transfers_, {}, SceneEdits(std::move(lines), {}), threads_).levels;
  }

  std::vector<ReceiverLevels> before;
  int evaluations = 0;

 private:
  const SceneDescription& scene_;
  const std::vector<SourceObject>& sources_;
  const EngineSettings& settings_;
  const std::vector<Receiver>& receivers_;
  int threads_;
  std::vector<ReceiverTransfers> transfers_;
};

double worstExceedance(const std::vector<ReceiverLevels>& levels, const std::vector<double>& targets) {
  double worst = -INFINITY;
  for (std::size_t k = 0; k < levels.size(); ++k) worst = std::max(worst, levels[k].total(LnCn) - targets[k]);
  return worst;
}

}  // namespace

BarrierDesignResult designBarrier(const SceneDescription& scene, const std::vector<SourceObject>& sources, const EngineSettings& settings,
                                  const std::vector<Receiver>& receivers, const std::vector<double>& targets,
                                  const BarrierDesignRequest& request, int threads) {
  DesignEvaluator eval(scene, sources, settings, receivers, threads);
  const std::size_t segments = request.line.size() < 2 ? 0 : request.line.size() - 1;
  // The allowed heights: min, min + step, …, max.
  std::vector<double> steps;
  for (double h = request.minHeight; h <= request.maxHeight + 1e-9; h += request.step) steps.push_back(h);
  BarrierDesignResult r;
  r.before = eval.before;
  r.heights.assign(segments, request.maxHeight);
  r.after = eval.levels(request, r.heights);
  r.worstExceedance = worstExceedance(r.after, targets);
  r.achieved = r.worstExceedance <= 0.0;
  if (r.achieved) {
    for (std::size_t s = 0; s < segments; ++s) {
      // Lowest step index that keeps the target, others as they are now.
      std::size_t lo = 0, hi = steps.size() - 1;  // hi is known to work
      std::vector<ReceiverLevels> best = r.after;
      while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        std::vector<double> trial = r.heights;
        trial[s] = steps[mid];
        std::vector<ReceiverLevels> l = eval.levels(request, trial);
        if (worstExceedance(l, targets) <= 0.0) hi = mid, best = std::move(l);
        else lo = mid + 1;
      }
      r.heights[s] = steps[hi];
      r.after = std::move(best);
    }
    r.worstExceedance = worstExceedance(r.after, targets);
  }
  r.evaluations = eval.evaluations;
  return r;
}

}  // namespace citynoise::raytrace
