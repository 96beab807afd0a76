// citynoise — command-line entry point. Each subcommand lives in its own file.

#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"citynoise: 3D environmental noise maps of city districts (CNOSSOS-EU)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("citynoise ") + CITYNOISE_VERSION);

  citynoise::cli::CaseOptions caseOptions;
  citynoise::cli::addCaseCommand(app, caseOptions);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : citynoise::cli::kExitBadInput;
  }
  return citynoise::cli::dispatch(app, caseOptions);
}
