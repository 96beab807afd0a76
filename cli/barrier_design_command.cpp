// `citynoise barrier-design SCENARIO --line … --buildings …`: the lowest barrier along an
// alignment that brings the buildings' façades under the GB 3096 night limit, per segment in
// 0.5 m steps, with the insertion loss per floor.

#include "commands.hpp"
#include "run_pipeline.hpp"

#include <citynoise/core/assessment.hpp>
#include <citynoise/core/error.hpp>
#include <citynoise/core/geometry2d.hpp>
#include <citynoise/io/atomic_file.hpp>
#include <citynoise/raytrace/barrier_design.hpp>
#include <citynoise/raytrace/receivers.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

namespace citynoise::cli {
namespace {

/// "x,y x,y …" → points.
std::vector<Vec2> parseLine(const std::string& text) {
  std::vector<Vec2> out;
  std::istringstream in(text);
  std::string pair;
  while (in >> pair) {
    const auto comma = pair.find(',');
    try {
      if (comma == std::string::npos) throw std::invalid_argument("no comma");
      out.push_back({std::stod(pair.substr(0, comma)), std::stod(pair.substr(comma + 1))});
    } catch (const std::exception&) {
      throw InputError("--line", pair, "expected x,y pairs separated by spaces, e.g. \"650000,3270000 650100,3270000\"");
    }
  }
  if (out.size() < 2) throw InputError("--line", text, "expected at least two x,y points");
  return out;
}

std::vector<std::string> splitIds(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string id;
  while (std::getline(in, id, ','))
    if (!id.empty()) out.push_back(id);
  return out;
}

std::string fixed(double v, int digits = 1) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(digits) << v;
  return o.str();
}

/// The alignment and heights asked for, checked: heights ordered, no segment through a building.
raytrace::BarrierDesignRequest designRequest(const BarrierDesignOptions& o, const io::Scenario& s) {
  if (o.minHeight < 0.0 || o.maxHeight < o.minHeight)
    throw InputError("--min-height/--max-height", fixed(o.minHeight) + "/" + fixed(o.maxHeight), "expected 0 ≤ min ≤ max");
  raytrace::BarrierDesignRequest request;
  request.line = parseLine(o.line);
  request.minHeight = o.minHeight, request.maxHeight = o.maxHeight, request.step = o.step;
  for (const Building& b : s.scene.buildings)
    for (std::size_t k = 0; k + 1 < request.line.size(); ++k)
      if (segmentEntersRing(request.line[k], request.line[k + 1], b.footprint))
        throw InputError("--line", "segment " + std::to_string(k + 1), "the alignment crosses building " + b.id);
  return request;
}

/// The façade points of the buildings to protect, each with its night target (limit − margin).
struct ProtectedPoints {
  std::vector<Receiver> receivers;
  std::vector<double> targets;
};

ProtectedPoints protectedPoints(const BarrierDesignOptions& o, const io::Scenario& s, const raytrace::Scene& scene) {
  ReceiverSpec spec;
  spec.facades = s.receivers.facades;
  spec.facades.enabled = true;
  spec.facades.bounds.reset();
  const ReceiverSet all = raytrace::makeReceivers(scene, s.scene, spec, s.extent);
  ProtectedPoints out;
  const auto& bs = scene.obstacles().buildings();
  for (const std::string& id : splitIds(o.buildings)) {
    const auto it = std::find_if(bs.begin(), bs.end(), [&](const Building& b) { return b.id == id; });
    if (it == bs.end()) throw InputError("--buildings", id, "no building with this id in " + o.scenario);
    const int index = static_cast<int>(it - bs.begin());
    for (const Receiver& r : all.receivers) {
      if (r.building != index) continue;
      if (r.zone < 0) throw InputError("--buildings", id, "its zone class is unknown: no night limit to meet (see [zones])");
      out.receivers.push_back(r);
      out.targets.push_back(gb3096Limits()[static_cast<std::size_t>(r.zone)].night - o.margin);
    }
  }
  if (out.receivers.empty()) throw InputError("--buildings", o.buildings, "these buildings have no façade receivers");
  return out;
}

/// Per building and floor: the loudest point's Ln before and after, and the target.
struct FloorLn {
  double before = -1e9, after = -1e9, target = 0;
};

std::map<std::pair<int, int>, FloorLn> floorLevels(const ProtectedPoints& points, const raytrace::BarrierDesignResult& r) {
  std::map<std::pair<int, int>, FloorLn> floors;
  for (std::size_t k = 0; k < points.receivers.size(); ++k) {
    FloorLn& f = floors[{points.receivers[k].building, points.receivers[k].floor}];
    f.before = std::max(f.before, static_cast<double>(r.before[k].total(LnCn)));
    f.after = std::max(f.after, static_cast<double>(r.after[k].total(LnCn)));
    f.target = points.targets[k];
  }
  return floors;
}

/// barrier_design.md and .csv: the heights per segment, Ln per floor without and with the barrier.
struct DesignReport {
  std::string markdown, csv;
};

DesignReport designReport(const BarrierDesignOptions& o, const io::Scenario& s, const raytrace::Scene& scene,
                          const raytrace::BarrierDesignRequest& request, const ProtectedPoints& points,
                          const raytrace::BarrierDesignResult& r) {
  std::ostringstream md;
  md << "# Barrier design: " << s.name << "\n\n"
     << (r.achieved ? "Every façade point of " + o.buildings + " meets its night target (GB 3096 limit" +
                          (o.margin > 0 ? " − " + fixed(o.margin) + " dB" : std::string()) + ") with these heights:\n\n"
                    : "Not achievable with barriers up to " + fixed(o.maxHeight) + " m: the best (every segment at the maximum) "
                          "leaves the worst point " + fixed(r.worstExceedance) + " dB over its target.\n\n")
     << "| segment | from | to | height, m |\n|---|---|---|---|\n";
  for (std::size_t k = 0; k < r.heights.size(); ++k)
    md << "| " << k + 1 << " | " << fixed(request.line[k].x) << ", " << fixed(request.line[k].y) << " | " << fixed(request.line[k + 1].x)
       << ", " << fixed(request.line[k + 1].y) << " | " << fixed(r.heights[k]) << " |\n";
  md << "\nLn (22–06) of the loudest façade point per floor, dB(A):\n\n| building | floor | target | without | with | insertion loss |\n"
     << "|---|---|---|---|---|---|\n";
  std::ostringstream csv;
  csv << "building,floor,target,ln_without,ln_with,insertion_loss\n";
  for (const auto& [key, f] : floorLevels(points, r)) {
    const std::string& id = scene.obstacles().buildings()[static_cast<std::size_t>(key.first)].id;
    md << "| " << id << " | " << key.second << " | " << fixed(f.target) << " | " << fixed(f.before) << " | " << fixed(f.after) << " | "
       << fixed(f.before - f.after) << " |\n";
    csv << id << ',' << key.second << ',' << fixed(f.target, 2) << ',' << fixed(f.before, 2) << ',' << fixed(f.after, 2) << ','
        << fixed(f.before - f.after, 2) << '\n';
  }
  md << "\n" << r.evaluations << " designs evaluated (" << points.receivers.size() << " façade points).\n";
  return {md.str(), csv.str()};
}

void writeReport(const std::filesystem::path& dir, const DesignReport& report) {
  std::filesystem::create_directories(dir);
  io::AtomicFile mdFile(dir / "barrier_design.md"), csvFile(dir / "barrier_design.csv");
  mdFile.stream() << report.markdown;
  csvFile.stream() << report.csv;
  mdFile.commit();
  csvFile.commit();
}

}  // namespace

void addBarrierDesignCommand(CLI::App& app, BarrierDesignOptions& o) {
  CLI::App* cmd = app.add_subcommand("barrier-design",
                                     "The lowest barrier (per segment, in steps) along an alignment that brings buildings' façades under the night limit");
  cmd->add_option("SCENARIO", o.scenario, "scenario file (TOML)")->required();
  cmd->add_option("--line", o.line, "the alignment: x,y pairs separated by spaces, in the scenario's CRS")->required();
  cmd->add_option("--buildings", o.buildings, "ids of the buildings whose façades must meet the night limit, comma-separated")->required();
  cmd->add_option("--min-height", o.minHeight, "lowest height of a segment, m (0: a segment may be left out)")->capture_default_str();
  cmd->add_option("--max-height", o.maxHeight, "highest height, m")->capture_default_str();
  cmd->add_option("--step", o.step, "height step, m")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--margin", o.margin, "dB to stay under the limit")->capture_default_str();
  cmd->add_option("--out", o.out, "folder for barrier_design.md / .csv (default out/<scenario name>-barrier/)");
  cmd->add_option("--threads", o.threads, "worker threads (default all cores)");
}

int runBarrierDesign(const BarrierDesignOptions& o) {
  try {
    const io::Scenario s = io::loadScenario(o.scenario);
    if (!s.hasScene) throw InputError(o.scenario, "", "no scene: barrier design needs [buildings] and [terrain]");
    const raytrace::BarrierDesignRequest request = designRequest(o, s);
    const raytrace::Scene scene = buildScene(s, false);
    const ProtectedPoints points = protectedPoints(o, s, scene);
    const raytrace::BarrierDesignResult r =
        raytrace::designBarrier(s.scene, s.sources, engineSettings(s), points.receivers, points.targets, request, o.threads);
    const DesignReport report = designReport(o, s, scene, request, points, r);
    writeReport(o.out.empty() ? std::filesystem::path("out") / (s.name + "-barrier") : std::filesystem::path(o.out), report);
    std::cout << report.markdown;
    return r.achieved ? kExitOk : kExitFailure;
  } catch (const InputError& e) {
    std::cerr << "citynoise barrier-design: " << e.what() << '\n';
    return kExitBadInput;
  }
}

}  // namespace citynoise::cli
