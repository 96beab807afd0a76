#include <citynoise/core/variant_comparison.hpp>

#include <citynoise/core/scene_description.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

namespace citynoise {
namespace {

/// Population per 5 dB class of a building's most exposed façade point for one indicator.
std::map<int, double> peoplePerClass(const DistrictSummary& s, Indicator indicator) {
  std::map<int, double> out;
  for (const auto& [cls, people] : s.people) out[cls] = people[static_cast<std::size_t>(indicator)];
  return out;
}

}  // namespace

VariantComparison compareVariant(const std::vector<Receiver>& receivers, const std::vector<ReceiverLevels>& base,
                                 const std::vector<ReceiverLevels>& variant, const DistrictSummary& baseSummary,
                                 const DistrictSummary& variantSummary, const std::vector<Building>& buildings, double cost,
                                 const IndoorComparison& indoor) {
  VariantComparison c;
  c.cost = cost;
  // Indoor Ln behind each building's loudest façade point, with its windows before and after.
  std::vector<double> indoorBefore(buildings.size(), -INFINITY), indoorAfter(buildings.size(), -INFINITY);
  for (std::size_t k = 0; k < receivers.size() && k < base.size() && k < variant.size(); ++k) {
    if (receivers[k].kind != ReceiverKind::Facade) continue;
    const double dLden = variant[k].total(Lden) - base[k].total(Lden), dLn = variant[k].total(LnCn) - base[k].total(LnCn);
    c.facadePointsImproved3dbLden += dLden <= -3.0;
    c.facadePointsImproved3dbLn += dLn <= -3.0;
    c.facadePointsWorse += dLden > 0.5;
    c.largestDropLden = std::max(c.largestDropLden, -dLden);
    c.largestRiseLden = std::max(c.largestRiseLden, dLden);
    const auto b = static_cast<std::size_t>(receivers[k].building);
    if (b < buildings.size() && b < indoor.base.size() && b < indoor.variant.size()) {
      const bool reflection = receivers[k].includeOwnFacade;
      indoorBefore[b] = std::max(indoorBefore[b], indoorLevel(base[k].total(LnCn), indoor.base[b], reflection));
      indoorAfter[b] = std::max(indoorAfter[b], indoorLevel(variant[k].total(LnCn), indoor.variant[b], reflection));
    }
  }
  // Buildings: both summaries list the buildings with façade receivers, in the same order.
  std::map<int, const BuildingAssessment*> after;
  for (const BuildingAssessment& b : variantSummary.buildings) after[b.building] = &b;
  for (const BuildingAssessment& b : baseSummary.buildings) {
    const auto it = after.find(b.building);
    if (it == after.end() || !b.worst.known) continue;
    const Building& info = buildings[static_cast<std::size_t>(b.building)];
    const bool nightBefore = b.maxLevel[LnCn] > b.worst.nightLimit, nightAfter = it->second->maxLevel[LnCn] > b.worst.nightLimit;
    const bool dayBefore = b.maxLevel[LdCn] > b.worst.dayLimit, dayAfter = it->second->maxLevel[LdCn] > b.worst.dayLimit;
    c.peopleOverNightBase += nightBefore ? info.population : 0.0;
    c.peopleOverNightVariant += nightAfter ? info.population : 0.0;
    c.peopleOverDayBase += dayBefore ? info.population : 0.0;
    c.peopleOverDayVariant += dayAfter ? info.population : 0.0;
    c.dwellingsOverNightBase += nightBefore ? info.dwellings : 0.0;
    c.dwellingsOverNightVariant += nightAfter ? info.dwellings : 0.0;
    if (nightBefore && !nightAfter) c.peopleRelievedNight += info.population, c.dwellingsRelievedNight += info.dwellings;
    if (!nightBefore && nightAfter) c.peopleNewlyOverNight += info.population;
  }
  for (std::size_t b = 0; b < buildings.size(); ++b) {
    if (!std::isfinite(indoorBefore[b])) continue;
    const double people = buildings[b].population;
    const bool over = indoorBefore[b] > indoor.nightTarget, overAfter = indoorAfter[b] > indoor.nightTarget;
    c.peopleIndoorOverBase += over ? people : 0.0;
    c.peopleIndoorOverVariant += overAfter ? people : 0.0;
    c.peopleRelievedIndoor += over && !overAfter ? people : 0.0;
  }
  // Each person once: relieved outdoors (façade under the limit) or indoors (room under the target).
  for (const BuildingAssessment& b : baseSummary.buildings) {
    const auto it = after.find(b.building);
    if (it == after.end()) continue;
    const auto i = static_cast<std::size_t>(b.building);
    const bool outdoors = b.worst.known && b.maxLevel[LnCn] > b.worst.nightLimit && it->second->maxLevel[LnCn] <= b.worst.nightLimit;
    const bool indoors = std::isfinite(indoorBefore[i]) && indoorBefore[i] > indoor.nightTarget && indoorAfter[i] <= indoor.nightTarget;
    if (outdoors || indoors) c.peopleRelieved += buildings[i].population;
  }
  c.peopleLdenBase = peoplePerClass(baseSummary, Lden);
  c.peopleLdenVariant = peoplePerClass(variantSummary, Lden);
  c.peopleLnBase = peoplePerClass(baseSummary, LnCn);
  c.peopleLnVariant = peoplePerClass(variantSummary, LnCn);
  c.costPerPersonRelieved = c.peopleRelieved > 0.0 ? cost / c.peopleRelieved : 0.0;
  return c;
}

std::vector<std::size_t> rankVariants(const std::vector<VariantComparison>& v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto key = [&](std::size_t i) {
    // Relieving someone comes first; then the lower cost per person; then more people.
    const bool relieves = !v[i].relievesNobody();
    return std::tuple(!relieves, relieves ? v[i].costPerPersonRelieved : 0.0, -v[i].peopleRelieved, -v[i].facadePointsImproved3dbLn);
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  return order;
}

}  // namespace citynoise
