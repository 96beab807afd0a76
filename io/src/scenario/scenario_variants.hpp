#pragma once
// A scenario's variants ([variants.NAME]) in one place. A variant is the base scenario with
// edits: barriers and berms added, source tables changed by id, road features changed (surface,
// speed, flow), better windows, and the costs of each. Loading a variant goes in three steps:
//   1. beginVariant patches the TOML document (barriers appended, `edit`s merged) and collects
//      what the readers cannot see in the document (road edits, berms, windows, costs);
//   2. the readers read the patched document as they read any scenario; readRoads hands each
//      road to a RoadEditLedger, the one place road edits apply;
//   3. finishVariant, once the scene is read, prices the barriers, puts the berms into the
//      terrain and checks that what the variant names exists and stands in the open.

#include <citynoise/core/emission/road.hpp>
#include <citynoise/io/gis.hpp>
#include <citynoise/io/scenario.hpp>

#include <toml++/toml.h>

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace citynoise::io {

/// What a variant brings besides the patched document.
struct VariantParts {
  std::vector<RoadEdit> roadEdits;
  std::vector<std::pair<std::string, double>> barrierCosts;  ///< barrier id, cost per metre
  std::vector<Berm> berms;
};

/// The variants a scenario document declares, in file order.
std::vector<std::string> variantNames(const toml::table& doc);

/// Step 1: applies variant `name` to `doc` (nothing when `name` is empty) and sets the scenario's
/// variant fields (name, description, costs so far, added barriers, windows).
VariantParts beginVariant(toml::table& doc, const std::string& name, const std::string& fileName, Scenario& s);

/// Step 3, after the scene is read: barrier costs by built length, berms checked and added to
/// the scene, barriers and windows checked against the buildings.
void finishVariant(VariantParts& parts, const std::string& fileName, Scenario& s);

/// What a variant's road edits change on one road feature (besides its surface).
struct RoadChange {
  std::optional<double> speed;  ///< km/h for every category and period
  double flowFactor = 1.0;      ///< product of the edits' factors
};

/// Step 2 for roads: applies the edits to each road feature in the order given, counts which ids
/// were found and how much road each edit paves, and at the end reports unknown ids and adds the
/// pavement costs.
class RoadEditLedger {
 public:
  RoadEditLedger(const std::vector<RoadEdit>* edits, const emission::RoadCoefficients& coefficients, const std::string& scenarioFile);

  /// The changes to road `id` (geometry `f`); `surface` is replaced by an edit's surface code.
  RoadChange apply(const std::string& id, const GisFeature& f, std::string& surface);

  /// Every id named must have been found; pavement costs (paved length × width) go to `costs`.
  void finish(std::vector<CostItem>* costs) const;

 private:
  const std::vector<RoadEdit>& edits_;
  const emission::RoadCoefficients& coefficients_;
  const std::string& scenarioFile_;
  std::vector<std::set<std::string>> matched_;
  std::vector<double> pavedLength_;
};

}  // namespace citynoise::io
