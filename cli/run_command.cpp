// `citynoise run SCENARIO…`: from GIS layers to façade exposure and the 3D noise map.

#include "commands.hpp"
#include "progress.hpp"
#include "run_variants.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/run_outputs.hpp>
#include <citynoise/io/scenario.hpp>
#include <citynoise/raytrace/map_engine.hpp>
#include <citynoise/raytrace/receivers.hpp>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

namespace citynoise::cli {

io::CityMesh cityMesh(const raytrace::Scene& scene) {
  io::CityMesh m;
  const raytrace::SceneMesh& s = scene.mesh();
  for (const auto& v : s.vertices) m.vertices.push_back({v[0] + s.origin.x, v[1] + s.origin.y, v[2] + s.origin.z});
  m.triangles = s.triangles;
  for (const raytrace::TriangleTag& t : s.tags) {
    m.kind.push_back(t.kind);
    m.object.push_back(t.kind == SurfaceKind::Terrain ? -1 : static_cast<std::int32_t>(t.object));
  }
  return m;
}

raytrace::EngineSettings engineSettings(const io::Scenario& s) {
  raytrace::EngineSettings e;
  e.paths.reflectionOrder = s.calculation.reflectionOrder;
  e.paths.maxSourceDistance = s.calculation.maxDistance;
  e.paths.maxReflectionDistance = s.calculation.maxReflectionDistance;
  e.paths.lateralDiffraction = s.calculation.lateralDiffraction;
  e.split.maxAngleDeg = s.calculation.splitAngleDeg;
  e.air = s.meteo.air;
  e.favourable = s.meteo.favourableByHour();
  return e;
}

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

double peakMemoryMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

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

/// Sources that cannot be right: point sources inside a footprint.
void checkSources(const io::Scenario& s, const raytrace::Scene& scene) {
  for (const SourceObject& o : s.sources)
    for (const SourceElement& e : o.elements)
      if (e.shape == SourceShape::Point) {
        const int b = scene.obstacles().buildingAt(plan(e.geometry.front()));
        if (b >= 0)
          throw InputError(s.file.string(), o.id, "position: the source is inside building " + scene.obstacles().buildings()[static_cast<std::size_t>(b)].id);
      }
}

/// The DEM must cover the district (the buildings and the receivers' extent).
void checkTerrainCoverage(const io::Scenario& s) {
  if (!s.scene.dem || s.extent.empty()) return;
  const ElevationGrid& g = *s.scene.dem;
  const Box2 dem{{g.originX, g.originY - g.rows * g.cellSizeY}, {g.originX + g.columns * g.cellSizeX, g.originY}};
  if (!dem.grown(1e-6).contains(s.extent.min) || !dem.grown(1e-6).contains(s.extent.max)) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(0) << "the DEM does not cover the district: it spans x " << dem.min.x << "–" << dem.max.x
      << ", y " << dem.min.y << "–" << dem.max.y << "; the district spans x " << s.extent.min.x << "–" << s.extent.max.x
      << ", y " << s.extent.min.y << "–" << s.extent.max.y;
    throw InputError(s.file.string(), "[terrain]", o.str());
  }
}

/// A layer that lies entirely away from the district (beyond the maximum distance) was almost
/// surely read in the wrong CRS: a missing .prj, or coordinates in another projection.
void checkLayersNearDistrict(const io::Scenario& s) {
  if (s.extent.empty()) return;
  const Box2 reach = s.extent.grown(s.calculation.maxDistance);
  for (const io::LayerInfo& l : s.layers) {
    if (l.extent.empty() || l.extent.overlaps(reach)) continue;
    std::ostringstream o;
    o << std::fixed << std::setprecision(0) << "the " << l.what << " layer lies entirely outside the district (x " << l.extent.min.x << "–"
      << l.extent.max.x << ", y " << l.extent.min.y << "–" << l.extent.max.y << "; the buildings span x " << s.extent.min.x << "–"
      << s.extent.max.x << ", y " << s.extent.min.y << "–" << s.extent.max.y << "): check its CRS (it declares "
      << (l.crs.empty() ? std::string("none") : l.crs) << ")";
    throw InputError(l.file, l.layer, o.str());
  }
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

/// Replaces `target` by the complete folder `staging` (renames; a failure leaves `target` intact).
void publish(const std::filesystem::path& staging, const std::filesystem::path& target) {
  const std::filesystem::path old = target.parent_path() / ("." + target.filename().string() + ".old" + std::to_string(::getpid()));
  const bool existed = std::filesystem::exists(target);
  if (existed) std::filesystem::rename(target, old);
  std::filesystem::rename(staging, target);
  if (existed) std::filesystem::remove_all(old);
}

int runOne(const std::filesystem::path& file, const RunOptions& options, bool many) {
  const auto t0 = Clock::now();
  io::Scenario s = io::loadScenario(file);
  if (!options.quiet) printWarnings(s.warnings, "run");
  if (!s.hasScene)
    throw InputError(file.string(), "", "no [buildings], [terrain] or [receivers]: nothing to map (citynoise emission computes emission only)");
  io::RunFigures figures;
  figures.loadSeconds = since(t0);

  auto t = Clock::now();
  std::vector<raytrace::SceneWarning> sceneWarnings;
  raytrace::SceneOptions so;
  so.origin = file.string();
  checkTerrainCoverage(s);
  checkLayersNearDistrict(s);
  const raytrace::Scene scene = raytrace::Scene::build(s.scene, so, sceneWarnings);
  if (!options.quiet) {
    std::vector<io::Warning> merged;
    for (const auto& w : sceneWarnings) io::addWarning(merged, file.string() + ": " + w.object, w.message);
    printWarnings(merged, "run");
  }
  checkSources(s, scene);
  figures.sceneSeconds = since(t);

  t = Clock::now();
  Box2 extent = s.extent;
  for (const SourceObject& o : s.sources)
    for (const SourceElement& e : o.elements)
      for (const Vec3& p : e.geometry) extent.extend(plan(p));
  const Box2 receiverExtent = s.extent.empty() ? extent : s.extent;
  const ReceiverSet receivers = raytrace::makeReceivers(scene, s.scene, s.receivers, receiverExtent);
  figures.receiverSeconds = since(t);
  figures.droppedReceivers = receivers.droppedInside;

  if (options.dryRun) {
    std::size_t facades = 0;
    for (const Receiver& r : receivers.receivers) facades += r.kind == ReceiverKind::Facade;
    std::cout << s.name << ": " << scene.obstacles().buildings().size() << " buildings, " << s.sources.size() << " source objects, "
              << receivers.receivers.size() << " receivers (" << facades << " on façades, " << receivers.droppedInside
              << " dropped inside buildings or under the terrain); nothing computed\n";
    return kExitOk;
  }
  std::vector<std::string> variants = s.variantNames;
  if (!options.variant.empty()) {
    if (std::find(variants.begin(), variants.end(), options.variant) == variants.end())
      throw InputError(file.string(), "--variant " + options.variant, "no such variant in [variants]");
    variants = {options.variant};
  }
  const raytrace::MapEngine engine(scene, s.sources, engineSettings(s));
  if (!options.onlyReceiver.empty()) {
    for (const Receiver& r : receivers.receivers)
      if (r.id == options.onlyReceiver) {
        std::vector<raytrace::PathReport> report;
        const ReceiverLevels l = engine.compute(r, &report);
        printPaths(r, l, report);
        return kExitOk;
      }
    throw InputError(file.string(), options.onlyReceiver, "no receiver with this id");
  }

  t = Clock::now();
  figures.threads = options.threads > 0 ? options.threads : s.calculation.threads > 0 ? s.calculation.threads
                                                                                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Progress progress(receivers.receivers.size(), options.quiet, many ? s.name : "");
  std::vector<raytrace::ReceiverTransfers> transfers;  // kept for the variants
  const std::vector<ReceiverLevels> levels = engine.computeAll(receivers.receivers, figures.threads,
                                                               [&](std::size_t done) { progress.update(done); },
                                                               variants.empty() ? nullptr : &transfers);
  progress.finish();
  figures.computeSeconds = since(t);
  for (const ReceiverLevels& l : levels) figures.paths += l.paths, figures.pieces += l.pieces;

  t = Clock::now();
  const DistrictSummary summary = summarize(receivers.receivers, levels, scene.obstacles().buildings());
  const std::filesystem::path target = options.out.empty() ? std::filesystem::path("out") / s.name
                                       : many ? std::filesystem::path(options.out) / s.name : std::filesystem::path(options.out);
  std::filesystem::create_directories(target.parent_path().empty() ? "." : target.parent_path());
  const std::filesystem::path staging = target.parent_path() / ("." + target.filename().string() + ".tmp" + std::to_string(::getpid()));
  std::filesystem::remove_all(staging);
  std::filesystem::create_directories(staging);
  figures.peakMemoryMb = peakMemoryMb();
  io::RunData run{s, scene.obstacles().buildings(), receivers, levels, summary, cityMesh(scene),
                  [&](const Vec2& p) { return scene.terrain().heightAt(p); }, figures};
  try {
    io::writeRunOutputs(staging, run);
    run.figures.writeSeconds = since(t);
    io::writeSummary(staging, run);  // again, with the writing time
    if (!variants.empty())
      runVariants({s, scene, receivers, levels, summary, transfers, receiverExtent}, variants, staging, figures.threads, options.quiet, options.fullVariants);
    publish(staging, target);
  } catch (...) {
    std::filesystem::remove_all(staging);
    throw;
  }
  std::cout << s.name << ": " << receivers.receivers.size() << " receivers, " << figures.paths << " paths in "
            << std::fixed << std::setprecision(1) << figures.computeSeconds << " s -> " << target.string() << "\n";
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
