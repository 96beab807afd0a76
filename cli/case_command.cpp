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

int runCase(const CaseOptions& options) {
  try {
    const io::ConformanceCase c = io::readCase(options.file);
    if (!options.useProfiles) {
      std::cerr << "citynoise case: " << options.file
                << ": full-scene evaluation needs the 3D path finder, which this build does not have yet; "
                   "pass --use-profiles\n";
      return kExitBadInput;
    }
    if (c.profiles.empty())
      throw InputError(options.file, "$.profiles", "no profiles to evaluate");
    const std::vector<Path3> paths = io::pathsFromProfiles(c);
    const PointToPointResult result =
        evaluatePaths(paths, c.sourcePower, c.air, c.favourableProbability, /*withTrace=*/true);
    std::cout << io::caseAnswerJson(c, paths, result) << '\n';
    return kExitOk;
  } catch (const InputError& e) {
    std::cerr << "citynoise case: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "citynoise case: " << options.file << ": internal error: " << e.what() << '\n';
    return kExitFailure;
  }
}

int dispatch(const CLI::App& app, const CaseOptions& caseOptions) {
  if (app.got_subcommand("case")) return runCase(caseOptions);
  return kExitBadInput;
}

}  // namespace citynoise::cli
