#include "run_variants.hpp"

#include <citynoise/raytrace/receivers.hpp>
#include <citynoise/raytrace/variant_engine.hpp>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <optional>

namespace citynoise::cli {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

/// Every building's windows in the base and in the variant (its insulation edits applied).
IndoorComparison indoorComparison(const io::Scenario& base, const io::Scenario& v, const std::vector<Building>& buildings) {
  IndoorComparison c;
  c.nightTarget = base.indoorNightTarget;
  c.base.assign(buildings.size(), base.windows);
  c.variant = c.base;
  for (const io::InsulationEdit& e : v.insulation)
    for (std::size_t b = 0; b < buildings.size(); ++b)
      if (e.all || std::find(e.buildings.begin(), e.buildings.end(), buildings[b].id) != e.buildings.end()) c.variant[b].rwCtr = e.rwCtr;
  return c;
}

}  // namespace

void runVariants(const BaseRun& base, const std::vector<std::string>& names, const std::filesystem::path& staging, int threads,
                 bool quiet, bool fullRecompute) {
  std::vector<VariantComparison> comparisons;
  std::vector<io::VariantFigures> figures;
  for (const std::string& name : names) {
    const auto t0 = Clock::now();
    const io::Scenario v = io::loadScenario(base.scenario.file, name);
    // The variant's scene: the base's, or its own when it adds barriers or berms.
    std::optional<raytrace::Scene> own;
    if (!v.addedBarriers.empty() || !v.scene.berms.empty()) {
      std::vector<raytrace::SceneWarning> ignored;  // the base's scene reported them
      raytrace::SceneOptions so;
      so.origin = v.file.string();
      own.emplace(raytrace::Scene::build(v.scene, so, ignored));
    }
    const raytrace::Scene& scene = own ? *own : base.scene;
    const raytrace::MapEngine engine(scene, v.sources, engineSettings(v));
    auto changed = raytrace::changedElements(base.scenario.sources, v.sources);
    const raytrace::SceneEdits edits = own ? raytrace::sceneEdits(base.scene, scene) : raytrace::SceneEdits{};
    // Receivers on changed ground (berms) move with it: the same ids, or a full recomputation.
    std::optional<ReceiverSet> moved;
    if (!v.scene.berms.empty()) {
      moved = raytrace::makeReceivers(scene, v.scene, v.receivers, base.extent);
      bool same = moved->receivers.size() == base.receivers.receivers.size();
      for (std::size_t k = 0; same && k < moved->receivers.size(); ++k) same = moved->receivers[k].id == base.receivers.receivers[k].id;
      if (!same) changed.reset();
    }
    const std::vector<Receiver>& at = moved ? moved->receivers : base.receivers.receivers;
    io::VariantFigures fig;
    const auto t1 = Clock::now();
    std::vector<ReceiverLevels> levels;
    if (!changed || fullRecompute) {
      levels = engine.computeAll(at, threads);
      fig.method = "full";
      fig.receiversRecomputed = levels.size();
    } else {
      raytrace::VariantEvaluation e = raytrace::evaluateVariant(engine, at, base.transfers, *changed, edits, threads);
      levels = std::move(e.levels);
      for (std::size_t k = 0; k < levels.size(); ++k) levels[k].pieces = base.levels[k].pieces, levels[k].paths = base.levels[k].paths;
      fig.receiversRecomputed = e.receiversRecomputed;
      fig.elementsRecomputed = e.elementsRecomputed;
      fig.method = e.receiversRecomputed == 0 ? "emission only (stored transfers)" : "stored transfers + paths found again";
    }
    fig.seconds = since(t1);

    const DistrictSummary summary = summarize(at, levels, scene.obstacles().buildings());
    double cost = 0.0;
    for (const io::CostItem& c : v.costs) cost += c.total();
    VariantComparison cmp = compareVariant(base.receivers.receivers, base.levels, levels, base.summary, summary,
                                           scene.obstacles().buildings(), cost, indoorComparison(base.scenario, v, scene.obstacles().buildings()));
    cmp.variant = name;
    cmp.description = v.variantDescription;
    comparisons.push_back(cmp);
    figures.push_back(fig);

    io::RunFigures runFigures;
    runFigures.computeSeconds = fig.seconds;
    runFigures.loadSeconds = since(t0) - fig.seconds;
    runFigures.threads = threads;
    const std::filesystem::path dir = staging / "variants" / name;
    std::filesystem::create_directories(dir);
    io::RunData run{v, scene.obstacles().buildings(), moved ? *moved : base.receivers, levels, summary, cityMesh(scene),
                    [&](const Vec2& p) { return scene.terrain().heightAt(p); }, runFigures, &base.levels};
    io::writeRunOutputs(dir, run);
    if (!quiet)
      std::cerr << "citynoise run: variant " << name << ": " << fig.method << ", " << fig.receiversRecomputed << " receivers and "
                << fig.elementsRecomputed << " source elements found again, " << std::fixed << std::setprecision(2) << fig.seconds
                << " s; " << std::setprecision(0) << cmp.peopleRelievedNight << " people relieved at night\n";
  }
  io::writeComparison(staging, base.scenario.name, comparisons, figures);
}

}  // namespace citynoise::cli
