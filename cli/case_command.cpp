// `citynoise case`: one citynoise-case/1 file in, the answer JSON out (stdout).

#include "commands.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/core/path.hpp>
#include <citynoise/io/case_file.hpp>
#include <citynoise/raytrace/path_finder.hpp>

#include <iostream>

namespace citynoise::cli {

void addCaseCommand(CLI::App& app, CaseOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "case", "Evaluate one point-to-point case file (citynoise-case/1) and print the answer JSON");
  cmd->add_option("FILE", options.file, "case file")->required();
  cmd->add_flag("--use-profiles", options.useProfiles,
                "evaluate the vertical profiles given in the file instead of finding the paths in its scene");
}

namespace {

/// The paths the path finder finds in the case's scene.
std::vector<Path3> pathsFromScene(const io::ConformanceCase& c, const std::string& file) {
  std::vector<raytrace::SceneWarning> warnings;
  raytrace::SceneOptions sceneOptions;
  sceneOptions.origin = file;
  const raytrace::Scene scene = raytrace::Scene::build(io::readCaseScene(file), sceneOptions, warnings);
  Vec3 source = c.source;
  const double groundAtSource = scene.terrain().heightAt(plan(source));
  if (source.z < groundAtSource) {
    warnings.push_back({"$.source", "below the ground; raised to the ground surface"});
    source.z = groundAtSource;
  }
  if (scene.terrain().heightAt(plan(c.receiver)) > c.receiver.z)
    throw InputError(file, "$.receiver.xyz", "the receiver is below the ground");
  if (const int b = scene.obstacles().buildingAt(plan(c.receiver)); b >= 0)
    throw InputError(file, "$.receiver.xyz", "the receiver is inside building " + scene.obstacles().buildings()[static_cast<std::size_t>(b)].id);
  if (const int b = scene.obstacles().buildingAt(plan(source)); b >= 0)
    throw InputError(file, "$.source.xyz", "the source is inside building " + scene.obstacles().buildings()[static_cast<std::size_t>(b)].id);
  for (const raytrace::SceneWarning& w : warnings)
    std::cerr << "citynoise case: " << file << ": " << w.object << ": warning: " << w.message << '\n';

  raytrace::PathFinderOptions options;
  options.reflectionOrder = c.options.reflectionOrder;
  options.maxSourceDistance = c.options.maxSourceDistance;
  options.maxReflectionDistance = c.options.maxSourceDistance;
  options.lateralDiffraction = c.options.lateralDiffraction;
  const raytrace::PathFinder finder(scene, options);
  std::vector<Path3> paths;
  auto scratch = raytrace::makePathFinderScratch();
  finder.find(source, c.receiver, paths, *scratch);
  return paths;
}

}  // namespace

std::string evaluateCase(const std::string& file, bool useProfiles) {
  const io::ConformanceCase c = io::readCase(file);
  if (useProfiles && c.profiles.empty()) throw InputError(file, "$.profiles", "no profiles to evaluate");
  const std::vector<Path3> paths = useProfiles ? io::pathsFromProfiles(c) : pathsFromScene(c, file);
  const PointToPointResult result =
      evaluatePaths(paths, c.sourcePower, c.air, c.favourableProbability, /*withTrace=*/true);
  return io::caseAnswerJson(c, paths, result);
}

int runCase(const CaseOptions& options) {
  try {
    std::cout << evaluateCase(options.file, options.useProfiles) << '\n';
    return kExitOk;
  } catch (const InputError& e) {
    std::cerr << "citynoise case: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "citynoise case: " << options.file << ": internal error: " << e.what() << '\n';
    return kExitFailure;
  }
}

}  // namespace citynoise::cli
