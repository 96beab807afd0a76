#include "run_variants.hpp"

#include "run_pipeline.hpp"

#include <citynoise/raytrace/receivers.hpp>
#include <citynoise/raytrace/variant_engine.hpp>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <optional>

namespace citynoise::cli {
namespace {

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

/// The variant's scene: the base's, or its own when it adds barriers or berms.
std::optional<raytrace::Scene> variantScene(const io::Scenario& v) {
  if (v.addedBarriers.empty() && v.scene.berms.empty()) return std::nullopt;
  return buildScene(v, false);  // the base's scene reported its repairs
}

/// Receivers on changed ground (berms) move with it; nullopt when the base's stand.
std::optional<ReceiverSet> movedReceivers(const BaseRun& base, const io::Scenario& v, const raytrace::Scene& scene) {
  if (v.scene.berms.empty()) return std::nullopt;
  return raytrace::makeReceivers(scene, v.scene, v.receivers, base.extent);
}

bool sameReceivers(const std::vector<Receiver>& a, const std::vector<Receiver>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k].id != b[k].id) return false;
  return true;
}

/// The variant's levels at `at`: from the base's transfers where only what `changed` names
/// differs (and the paths the scene edits reach), else computed in full.
std::vector<ReceiverLevels> variantLevels(const BaseRun& base, const raytrace::MapEngine& engine, const std::vector<Receiver>& at,
                                          const std::optional<std::vector<std::uint32_t>>& changed, const raytrace::SceneEdits& edits,
                                          int threads, bool fullRecompute, io::VariantFigures& fig) {
  if (!changed || fullRecompute) {
    std::vector<ReceiverLevels> levels = engine.computeAll(at, threads);
    fig.method = "full";
    fig.receiversRecomputed = levels.size();
    return levels;
  }
  raytrace::VariantEvaluation e = raytrace::evaluateVariant(engine, at, base.transfers, *changed, edits, threads);
  for (std::size_t k = 0; k < e.levels.size(); ++k) e.levels[k].pieces = base.levels[k].pieces, e.levels[k].paths = base.levels[k].paths;
  fig.receiversRecomputed = e.receiversRecomputed;
  fig.elementsRecomputed = e.elementsRecomputed;
  fig.method = e.receiversRecomputed == 0 ? "emission only (stored transfers)" : "stored transfers + paths found again";
  return std::move(e.levels);
}

double totalCost(const io::Scenario& v) {
  double cost = 0.0;
  for (const io::CostItem& c : v.costs) cost += c.total();
  return cost;
}

}  // namespace

void runVariants(const BaseRun& base, const std::vector<std::string>& names, const std::filesystem::path& staging, int threads,
                 bool quiet, bool fullRecompute) {
  std::vector<VariantComparison> comparisons;
  std::vector<io::VariantFigures> figures;
  for (const std::string& name : names) {
    const auto t0 = Clock::now();
    const io::Scenario v = io::loadScenario(base.scenario.file, name, {base.scenario.strict});
    const std::optional<raytrace::Scene> own = variantScene(v);
    const raytrace::Scene& scene = own ? *own : base.scene;
    const raytrace::MapEngine engine(scene, v.sources, engineSettings(v));
    auto changed = raytrace::changedElements(base.scenario.sources, v.sources);
    const raytrace::SceneEdits edits = own ? raytrace::sceneEdits(base.scene, scene) : raytrace::SceneEdits{};
    const std::optional<ReceiverSet> moved = movedReceivers(base, v, scene);
    if (moved && !sameReceivers(moved->receivers, base.receivers.receivers)) changed.reset();  // no receiver to compare with
    const std::vector<Receiver>& at = moved ? moved->receivers : base.receivers.receivers;
    io::VariantFigures fig;
    const auto t1 = Clock::now();
    const std::vector<ReceiverLevels> levels = variantLevels(base, engine, at, changed, edits, threads, fullRecompute, fig);
    fig.seconds = since(t1);

    const std::vector<Building>& buildings = scene.obstacles().buildings();
    const DistrictSummary summary = summarize(at, levels, buildings);
    VariantComparison cmp = compareVariant(base.receivers.receivers, base.levels, levels, base.summary, summary, buildings, totalCost(v),
                                           indoorComparison(base.scenario, v, buildings));
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
    io::RunData run{v, buildings, moved ? *moved : base.receivers, levels, summary, cityMesh(scene),
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
