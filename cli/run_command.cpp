// `citynoise run SCENARIO…`: from GIS layers to façade exposure and the 3D noise map.

#include "calibration_model.hpp"
#include "commands.hpp"
#include "progress.hpp"
#include "run_pipeline.hpp"
#include "run_variants.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/run_outputs.hpp>
#include <citynoise/io/scenario.hpp>
#include <citynoise/raytrace/map_engine.hpp>
#include <citynoise/raytrace/receivers.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>

namespace citynoise::cli {

namespace {

/// Scenario files from the arguments: files, or every *.toml in a folder (sorted).
std::vector<std::filesystem::path> scenarioFiles(const std::vector<std::string>& args) {
  std::vector<std::filesystem::path> out;
  for (const std::string& a : args) {
    if (std::filesystem::is_directory(a)) {
      std::vector<std::filesystem::path> in;
      for (const auto& e : std::filesystem::directory_iterator(a))
        if (e.path().extension() == ".toml") in.push_back(e.path());
      std::sort(in.begin(), in.end());
      out.insert(out.end(), in.begin(), in.end());
    } else {
      out.emplace_back(a);
    }
  }
  return out;
}

void printPaths(const Receiver& r, const ReceiverLevels& l, const std::vector<raytrace::PathReport>& report) {
  std::cout << std::fixed << std::setprecision(2);
  std::cout << "receiver " << r.id << " (" << toString(r.kind) << ") at " << r.position.x << ", " << r.position.y << ", "
            << r.position.z << "\n  ";
  for (int i = 0; i < kIndicators; ++i) std::cout << toString(static_cast<Indicator>(i)) << " " << l.total(static_cast<Indicator>(i)) << "  ";
  std::cout << "\n  " << l.pieces << " point sources, " << l.paths << " paths\n";
  for (const raytrace::PathReport& p : report) {
    std::cout << "  " << std::setw(14) << p.source << " " << std::setw(12) << toString(p.sourceClass) << " " << std::setw(13)
              << toString(p.path.type) << "  day " << std::setw(7) << p.contributionDayA << " dB(A)  A_H(1k) " << p.attenuationH[4]
              << "  via";
    for (const PathVertex& v : p.path.vertices)
      if (isRayVertex(v.kind)) std::cout << " (" << v.xyz.x << ", " << v.xyz.y << ", " << v.xyz.z << ")";
    std::cout << '\n';
  }
}

void printDryRun(const PreparedRun& p) {
  std::size_t facades = 0;
  for (const Receiver& r : p.receivers.receivers) facades += r.kind == ReceiverKind::Facade;
  std::cout << p.scenario.name << ": " << p.scene.obstacles().buildings().size() << " buildings, " << p.scenario.sources.size()
            << " source objects, " << p.receivers.receivers.size() << " receivers (" << facades << " on façades, "
            << p.receivers.droppedInside << " dropped inside buildings or under the terrain); nothing computed\n";
}

/// The variants to evaluate: every one the file declares, or the one asked for.
std::vector<std::string> chosenVariants(const io::Scenario& s, const std::string& asked) {
  if (asked.empty()) return s.variantNames;
  if (std::find(s.variantNames.begin(), s.variantNames.end(), asked) == s.variantNames.end())
    throw InputError(s.file.string(), "--variant " + asked, "no such variant in [variants]");
  return {asked};
}

/// --only-receiver: one receiver computed, its paths printed.
void replayReceiver(const PreparedRun& p, const raytrace::MapEngine& engine, const std::string& id) {
  for (const Receiver& r : p.receivers.receivers)
    if (r.id == id) {
      std::vector<raytrace::PathReport> report;
      const ReceiverLevels l = engine.compute(r, &report);
      printPaths(r, l, report);
      return;
    }
  throw InputError(p.scenario.file.string(), id, "no receiver with this id");
}

std::filesystem::path outputFolder(const RunOptions& options, const std::string& name, bool many) {
  if (options.out.empty()) return std::filesystem::path("out") / name;
  return many ? std::filesystem::path(options.out) / name : std::filesystem::path(options.out);
}

int runOne(const std::filesystem::path& file, const RunOptions& options, bool many) {
  PrepareOptions prepare{options.quiet, options.strict, {}};
  if (!options.gains.empty())
    prepare.receivers = [&](io::Scenario& s) {
      if (!s.variantNames.empty()) throw InputError(options.gains, "", "--gains calibrates one scenario: " + s.file.string() + " has variants");
      applyGains(s, options.gains);
      if (!options.quiet)
        for (const auto& [group, db] : s.emissionGains) std::cerr << "citynoise run: calibrated: " << group << " " << std::showpos << db << std::noshowpos << " dB\n";
    };
  PreparedRun p = prepareRun(file, prepare);
  const io::Scenario& s = p.scenario;
  if (options.dryRun) {
    printDryRun(p);
    return kExitOk;
  }
  const std::vector<std::string> variants = chosenVariants(s, options.variant);
  const raytrace::MapEngine engine(p.scene, s.sources, engineSettings(s));
  if (!options.onlyReceiver.empty()) {
    replayReceiver(p, engine, options.onlyReceiver);
    return kExitOk;
  }

  io::RunFigures& figures = p.figures;
  auto t = Clock::now();
  figures.threads = threadCount(options.threads, s);
  Progress progress(p.receivers.receivers.size(), options.quiet, many ? s.name : "");
  std::vector<raytrace::ReceiverTransfers> transfers;  // kept for the variants
  const std::vector<ReceiverLevels> levels = engine.computeAll(p.receivers.receivers, figures.threads,
                                                               [&](std::size_t done) { progress.update(done); },
                                                               variants.empty() ? nullptr : &transfers);
  progress.finish();
  figures.computeSeconds = since(t);
  for (const ReceiverLevels& l : levels) figures.paths += l.paths, figures.pieces += l.pieces;

  t = Clock::now();
  const DistrictSummary summary = summarize(p.receivers.receivers, levels, p.scene.obstacles().buildings());
  StagedFolder out(outputFolder(options, s.name, many));
  figures.peakMemoryMb = peakMemoryMb();
  io::RunData run{s, p.scene.obstacles().buildings(), p.receivers, levels, summary, cityMesh(p.scene),
                  [&](const Vec2& q) { return p.scene.terrain().heightAt(q); }, figures};
  io::writeRunOutputs(out.path(), run);
  run.figures.writeSeconds = since(t);
  io::writeSummary(out.path(), run);  // again, with the writing time
  if (!variants.empty())
    runVariants({s, p.scene, p.receivers, levels, summary, transfers, p.receiverExtent}, variants, out.path(), figures.threads,
                options.quiet, options.fullVariants);
  out.publish();
  std::cout << s.name << ": " << p.receivers.receivers.size() << " receivers, " << figures.paths << " paths in " << std::fixed
            << std::setprecision(1) << figures.computeSeconds << " s -> " << out.target().string() << "\n";
  return kExitOk;
}

}  // namespace

void addRunCommand(CLI::App& app, RunOptions& options) {
  CLI::App* cmd = app.add_subcommand("run", "Compute the noise map of one or more scenarios (façade levels, grids, sections, volume)");
  cmd->add_option("SCENARIOS", options.scenarios, "scenario files (TOML) or folders of them")->required();
  cmd->add_option("--out", options.out, "output folder (default out/<scenario name>/; with several scenarios, one sub-folder each)");
  cmd->add_option("--threads", options.threads, "worker threads (default: the scenario's, else all cores)");
  cmd->add_flag("--quiet", options.quiet, "no progress and no warnings");
  cmd->add_option("--only-receiver", options.onlyReceiver, "compute one receiver and print its paths (debugging)");
  cmd->add_option("--variant", options.variant, "compute the base and this variant only (default: every [variants.NAME] of the file)");
  cmd->add_flag("--full-variants", options.fullVariants, "recompute each variant in full instead of from the base's transfers (for checks)");
  cmd->add_flag("--strict", options.strict,
                "stop at the first geometry defect (invalid polygon, collection, empty geometry, sliver …) instead of repairing it");
  cmd->add_option("--gains", options.gains, "calibration.json of citynoise calibrate: its groups' gains on the emissions (recorded in the manifest)");
  cmd->add_flag("--dry-run", options.dryRun, "read everything and make the receivers, print the counts, compute and write nothing");
}

int runRun(const RunOptions& options) {
  const std::vector<std::filesystem::path> files = scenarioFiles(options.scenarios);
  if (files.empty()) {
    std::cerr << "citynoise run: no scenario files\n";
    return kExitBadInput;
  }
  int failed = 0, badInput = 0;
  for (const auto& f : files) {
    try {
      runOne(f, options, files.size() > 1);
    } catch (const InputError& e) {
      std::cerr << "citynoise run: " << e.what() << '\n';
      ++failed, ++badInput;
    } catch (const std::exception& e) {
      std::cerr << "citynoise run: " << f.string() << ": error: " << e.what() << '\n';
      ++failed;
    }
  }
  if (files.size() > 1) std::cout << files.size() - static_cast<std::size_t>(failed) << " of " << files.size() << " scenarios done\n";
  if (failed == 0) return kExitOk;
  return badInput == failed ? kExitBadInput : kExitFailure;
}

}  // namespace citynoise::cli
