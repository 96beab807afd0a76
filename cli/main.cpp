// citynoise — command-line entry point. Each subcommand lives in its own file.

#include "commands.hpp"

#include <citynoise/io/data_files.hpp>

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  using namespace citynoise::cli;
  CLI::App app{"citynoise: 3D environmental noise maps of city districts (CNOSSOS-EU)"};
  app.require_subcommand(1);
  // The version and the data folder this program reads (the install's share/citynoise).
  app.set_version_flag("--version", [] {
    std::string text = std::string("citynoise ") + CITYNOISE_VERSION + "\ndata: ";
    try {
      text += citynoise::io::dataDirectory().string();
    } catch (const std::exception& e) {
      text += e.what();
    }
    return text;
  });

  CaseOptions caseOptions;
  addCaseCommand(app, caseOptions);
  ConformanceOptions conformanceOptions;
  addConformanceCommand(app, conformanceOptions);
  EmissionOptions emissionOptions;
  addEmissionCommand(app, emissionOptions);
  RunOptions runOptions;
  addRunCommand(app, runOptions);
  StoreOptions storeOptions;
  addStoreCommand(app, storeOptions);
  addTokenCommand(app, storeOptions);
  ServeOptions serveOptions;
  addServeCommand(app, serveOptions);
  TilesOptions tilesOptions;
  addTilesCommand(app, tilesOptions);
  OsmOptions osmOptions;
  addOsmCommand(app, osmOptions);
  BarrierDesignOptions barrierOptions;
  addBarrierDesignCommand(app, barrierOptions);
  CalibrateOptions calibrateOptions;
  addCalibrateCommand(app, calibrateOptions);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitBadInput;
  }
  if (app.got_subcommand("case")) return runCase(caseOptions);
  if (app.got_subcommand("conformance")) return runConformance(conformanceOptions);
  if (app.got_subcommand("emission")) return runEmission(emissionOptions);
  if (app.got_subcommand("run")) return runRun(runOptions);
  if (app.got_subcommand("osm")) return runOsm(osmOptions);
  if (app.got_subcommand("store") || app.got_subcommand("token")) return runStore(storeOptions);
  if (app.got_subcommand("serve")) return runServe(serveOptions);
  if (app.got_subcommand("tiles")) return runTiles(tilesOptions);
  if (app.got_subcommand("barrier-design")) return runBarrierDesign(barrierOptions);
  if (app.got_subcommand("calibrate")) return runCalibrate(calibrateOptions);
  return kExitBadInput;
}
