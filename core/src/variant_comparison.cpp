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
                                 const DistrictSummary& variantSummary, const std::vector<Building>& buildings, double cost) {
  VariantComparison c;
  c.cost = cost;
  for (std::size_t k = 0; k < receivers.size() && k < base.size() && k < variant.size(); ++k) {
    if (receivers[k].kind != ReceiverKind::Facade) continue;
    const double dLden = variant[k].total(Lden) - base[k].total(Lden), dLn = variant[k].total(LnCn) - base[k].total(LnCn);
    c.facadePointsImproved3dbLden += dLden <= -3.0;
    c.facadePointsImproved3dbLn += dLn <= -3.0;
    c.facadePointsWorse += dLden > 0.5;
    c.largestDropLden = std::max(c.largestDropLden, -dLden);
    c.largestRiseLden = std::max(c.largestRiseLden, dLden);
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
  c.peopleLdenBase = peoplePerClass(baseSummary, Lden);
  c.peopleLdenVariant = peoplePerClass(variantSummary, Lden);
  c.peopleLnBase = peoplePerClass(baseSummary, LnCn);
  c.peopleLnVariant = peoplePerClass(variantSummary, LnCn);
  c.costPerPersonRelieved = c.peopleRelievedNight > 0.0 ? cost / c.peopleRelievedNight : 0.0;
  return c;
}

std::vector<std::size_t> rankVariants(const std::vector<VariantComparison>& v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto key = [&](std::size_t i) {
    // Relieving someone comes first; then the lower cost per person; then more people.
    const bool relieves = !v[i].relievesNobody();
    return std::tuple(!relieves, relieves ? v[i].costPerPersonRelieved : 0.0, -v[i].peopleRelievedNight, -v[i].facadePointsImproved3dbLn);
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  return order;
}

}  // namespace citynoise
