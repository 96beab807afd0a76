#pragma once
// A variant against the base: who it relieves, what it costs. Pure arithmetic on the two runs'
// levels and assessments (the same receivers, the same buildings).

#include <citynoise/core/assessment.hpp>
#include <citynoise/core/insulation.hpp>
#include <citynoise/core/results.hpp>

#include <map>
#include <string>
#include <vector>

namespace citynoise {

struct VariantComparison {
  std::string variant, description;
  double cost = 0.0;
  /// Façade points whose level drops by at least 3 dB (Lden, Ln), and whose level rises by more
  /// than 0.5 dB (a variant can make some façades louder: reflections on a new barrier).
  int facadePointsImproved3dbLden = 0, facadePointsImproved3dbLn = 0, facadePointsWorse = 0;
  /// The largest drop and rise of a façade point's Lden (dB, both ≥ 0).
  double largestDropLden = 0.0, largestRiseLden = 0.0;
  /// People and dwellings in buildings whose most exposed façade point is over the GB 3096
  /// night (Ln) or day (Ld) limit, in the base and in the variant.
  double peopleOverNightBase = 0, peopleOverNightVariant = 0, peopleOverDayBase = 0, peopleOverDayVariant = 0;
  double dwellingsOverNightBase = 0, dwellingsOverNightVariant = 0;
  /// People over the night limit in the base and under it in the variant (and the reverse).
  double peopleRelievedNight = 0, peopleNewlyOverNight = 0;
  double dwellingsRelievedNight = 0;
  /// People per 5 dB class of Lden and Ln, base and variant (class lower bound → people).
  std::map<int, double> peopleLdenBase, peopleLdenVariant, peopleLnBase, peopleLnVariant;
  /// Indoors (windows closed): people in buildings whose loudest façade point gives an indoor
  /// Ln over the target, in the base and in the variant, and those relieved indoors.
  double peopleIndoorOverBase = 0, peopleIndoorOverVariant = 0, peopleRelievedIndoor = 0;
  /// People relieved outdoors or indoors (each person once): what the cost is divided by.
  double peopleRelieved = 0;
  /// cost / peopleRelieved; 0 when nobody is relieved (see `relievesNobody`).
  double costPerPersonRelieved = 0.0;
  [[nodiscard]] bool relievesNobody() const { return peopleRelieved <= 0.0; }
};

/// The windows of every building in the base and in the variant, and the indoor night target.
struct IndoorComparison {
  std::vector<FacadeInsulation> base, variant;  ///< per building (scene order)
  double nightTarget = kWhoBedroomNight;
};

/// Compares a variant's levels with the base's at the same receivers and buildings.
VariantComparison compareVariant(const std::vector<Receiver>& receivers, const std::vector<ReceiverLevels>& base,
                                 const std::vector<ReceiverLevels>& variant, const DistrictSummary& baseSummary,
                                 const DistrictSummary& variantSummary, const std::vector<Building>& buildings, double cost,
                                 const IndoorComparison& indoor);

/// The order of the comparison table: most people relieved per unit of cost first (variants
/// that cost nothing and relieve someone before all; then by people relieved).
std::vector<std::size_t> rankVariants(const std::vector<VariantComparison>& comparisons);

}  // namespace citynoise
