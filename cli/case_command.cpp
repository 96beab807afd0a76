// `citynoise case`: one citynoise-case/1 file in, the answer JSON out (stdout).

#include "commands.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/core/path.hpp>
#include <citynoise/io/case_file.hpp>

#include <iostream>

namespace citynoise::cli {

void addCaseCommand(CLI::App& app, CaseOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "case", "Evaluate one point-to-point case file (citynoise-case/1) and print the answer JSON");
  cmd->add_option("FILE", options.file, "case file")->required();
  cmd->add_flag("--use-profiles", options.useProfiles,
                "evaluate the vertical profiles given in the file instead of finding paths in its scene");
}

std::string evaluateCase(const std::string& file, bool useProfiles) {
  const io::ConformanceCase c = io::readCase(file);
  if (!useProfiles)
    throw InputError(file, "", "full-scene evaluation needs the 3D path finder, which this build "
                               "does not have yet; pass --use-profiles");
  if (c.profiles.empty()) throw InputError(file, "$.profiles", "no profiles to evaluate");
  const std::vector<Path3> paths = io::pathsFromProfiles(c);
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
