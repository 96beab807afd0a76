// `citynoise emission SCENARIO`: the emission of every source object per period, to emission.csv.

#include "commands.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/emission_csv.hpp>
#include <citynoise/io/scenario.hpp>

#include <iostream>

namespace citynoise::cli {

void addEmissionCommand(CLI::App& app, EmissionOptions& options) {
  CLI::App* cmd = app.add_subcommand("emission", "Compute the emission of every source of a scenario and write emission.csv");
  cmd->add_option("SCENARIO", options.scenario, "scenario file (TOML)")->required();
  cmd->add_option("--out", options.out, "output folder (default: out/<scenario name>/)");
  cmd->add_flag("--quiet", options.quiet, "no warnings on stderr");
}

void printWarnings(const std::vector<io::Warning>& warnings, const char* command) {
  for (const io::Warning& w : warnings) {
    std::cerr << "citynoise " << command << ": " << w.where << ": warning: " << w.message;
    if (w.count > 1) std::cerr << " (and " << w.count - 1 << " more objects)";
    std::cerr << '\n';
  }
}

int runEmission(const EmissionOptions& options) {
  try {
    const io::Scenario s = io::loadScenario(options.scenario);
    if (!options.quiet) printWarnings(s.warnings, "emission");
    const std::filesystem::path dir = options.out.empty() ? std::filesystem::path("out") / s.name : std::filesystem::path(options.out);
    const std::filesystem::path file = dir / "emission.csv";
    io::writeEmissionCsv(s.sources, file);
    std::cout << s.sources.size() << " source objects: " << file.string() << '\n';
    return kExitOk;
  } catch (const InputError& e) {
    std::cerr << "citynoise emission: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "citynoise emission: " << options.scenario << ": error: " << e.what() << '\n';
    return kExitFailure;
  }
}

}  // namespace citynoise::cli
