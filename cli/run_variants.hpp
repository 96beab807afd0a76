#pragma once
// The variants of a scenario ([variants.NAME]): evaluated from the base run's transfers, written
// beside the base's outputs (variants/NAME/) with compare.csv / compare.md.

#include <citynoise/io/run_outputs.hpp>
#include <citynoise/io/scenario.hpp>
#include <citynoise/raytrace/map_engine.hpp>
#include <citynoise/raytrace/scene.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace citynoise::cli {

/// What the base run leaves for its variants.
struct BaseRun {
  const io::Scenario& scenario;
  const raytrace::Scene& scene;
  const ReceiverSet& receivers;
  const std::vector<ReceiverLevels>& levels;
  const DistrictSummary& summary;
  const std::vector<raytrace::ReceiverTransfers>& transfers;
  Box2 extent;  ///< the extent the receivers were made for
};

/// Evaluates `names` (variants of base.scenario's file), writes each into `staging`/variants/NAME
/// and the comparison into `staging`. `fullRecompute` skips the transfers (for checks).
void runVariants(const BaseRun& base, const std::vector<std::string>& names, const std::filesystem::path& staging, int threads,
                 bool quiet, bool fullRecompute);

}  // namespace citynoise::cli
