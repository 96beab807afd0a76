#include <citynoise/core/assessment.hpp>

#include <citynoise/core/results.hpp>
#include <citynoise/core/scene_description.hpp>

#include <algorithm>
#include <cmath>

namespace citynoise {

const std::vector<ZoneLimit>& gb3096Limits() {
  static const std::vector<ZoneLimit> limits{
      {"0", 50, 40, "recuperation and sanatoria, special quiet areas"},
      {"1", 55, 45, "residential, medical, education, research, administration"},
      {"2", 60, 50, "commercial, markets, mixed residential-commercial-industrial"},
      {"3", 65, 55, "industry, warehousing, logistics"},
      {"4a", 70, 55, "both sides of arterial roads, expressways, at-grade urban rail, waterways"},
      {"4b", 70, 60, "both sides of railway trunk lines"},
  };
  return limits;
}

const ZoneLimit* findZoneLimit(const std::string& zone) {
  for (const ZoneLimit& z : gb3096Limits())
    if (zone == z.zone) return &z;
  return nullptr;
}

int fiveDbClass(double level, int lowest) {
  if (!std::isfinite(level) || level < lowest) return lowest - 5;
  return static_cast<int>(std::floor(level / 5.0)) * 5;
}

std::string fiveDbClassLabel(int lowerBound, int lowest) {
  if (lowerBound < lowest) return "<" + std::to_string(lowest);
  return std::to_string(lowerBound) + "-" + std::to_string(lowerBound + 5);
}

FacadeAssessment assessFacade(const Receiver& r, const ReceiverLevels& l) {
  FacadeAssessment a;
  if (r.zone < 0 || static_cast<std::size_t>(r.zone) >= gb3096Limits().size()) return a;
  const ZoneLimit& z = gb3096Limits()[static_cast<std::size_t>(r.zone)];
  a.known = true;
  a.zone = z.zone;
  a.dayLimit = z.day, a.nightLimit = z.night;
  a.exceedDay = l.total(LdCn) - z.day;
  a.exceedNight = l.total(LnCn) - z.night;
  return a;
}

DistrictSummary summarize(const std::vector<Receiver>& receivers, const std::vector<ReceiverLevels>& levels,
                          const std::vector<Building>& buildings, std::size_t hotSpotCount) {
  DistrictSummary s;
  std::map<int, BuildingAssessment> perBuilding;
  std::vector<std::size_t> facades;
  for (std::size_t k = 0; k < receivers.size(); ++k) {
    const Receiver& r = receivers[k];
    if (r.kind != ReceiverKind::Facade) continue;
    facades.push_back(k);
    const ReceiverLevels& l = levels[k];
    for (int i = 0; i < kIndicators; ++i) s.facadePoints[fiveDbClass(l.total(static_cast<Indicator>(i)))][static_cast<std::size_t>(i)] += 1;
    const FacadeAssessment a = assessFacade(r, l);
    if (a.known) {
      auto& z = s.zoneExceedances[gb3096Limits()[static_cast<std::size_t>(r.zone)].zone];
      z[0] += 1, z[1] += a.exceedDay > 0.0, z[2] += a.exceedNight > 0.0;
    }
    BuildingAssessment& b = perBuilding[r.building];
    if (b.building < 0) {
      b.building = r.building;
      b.maxLevel.fill(-1e30f);
    }
    ++b.facadePoints;
    if (static_cast<int>(b.maxPerFloor.size()) <= r.floor) b.maxPerFloor.resize(static_cast<std::size_t>(r.floor) + 1, [] {
      std::array<float, 6> a{};
      a.fill(-1e30f);
      return a;
    }());
    for (int i = 0; i < kIndicators; ++i) {
      const float v = l.total(static_cast<Indicator>(i));
      b.maxLevel[static_cast<std::size_t>(i)] = std::max(b.maxLevel[static_cast<std::size_t>(i)], v);
      auto& f = b.maxPerFloor[static_cast<std::size_t>(r.floor)][static_cast<std::size_t>(i)];
      f = std::max(f, v);
    }
    if (a.known && (!b.worst.known || std::max(a.exceedDay, a.exceedNight) > std::max(b.worst.exceedDay, b.worst.exceedNight))) b.worst = a;
  }
  for (auto& [index, b] : perBuilding) {
    const Building& bd = buildings[static_cast<std::size_t>(index)];
    if (b.worst.known)
      for (const auto& floor : b.maxPerFloor) b.floorsOverNightLimit += floor[LnCn] > b.worst.nightLimit;
    for (int i = 0; i < kIndicators; ++i) {
      const int c = fiveDbClass(b.maxLevel[static_cast<std::size_t>(i)]);
      s.buildingCount[c][static_cast<std::size_t>(i)] += 1;
      s.people[c][static_cast<std::size_t>(i)] += bd.population;
    }
    if (bd.sensitive && b.worst.known && (b.worst.exceedDay > 0.0 || b.worst.exceedNight > 0.0)) s.sensitiveOverLimit.push_back(index);
    s.buildings.push_back(b);
  }
  auto worstExceedance = [&](int b) {
    for (const BuildingAssessment& a : s.buildings)
      if (a.building == b) return std::max(a.worst.exceedDay, a.worst.exceedNight);
    return 0.0;
  };
  std::vector<std::pair<double, int>> over;
  for (int b : s.sensitiveOverLimit) over.emplace_back(-worstExceedance(b), b);
  std::stable_sort(over.begin(), over.end());
  for (std::size_t k = 0; k < over.size(); ++k) s.sensitiveOverLimit[k] = over[k].second;
  // Hot spots: each building's loudest façade point, then the loudest buildings first.
  std::map<int, std::size_t> loudest;
  for (std::size_t k : facades) {
    auto [it, added] = loudest.emplace(receivers[k].building, k);
    if (!added && levels[k].total(Lden) > levels[it->second].total(Lden)) it->second = k;
  }
  std::vector<std::size_t> spots;
  for (const auto& [b, k] : loudest) spots.push_back(k);
  std::stable_sort(spots.begin(), spots.end(), [&](std::size_t a, std::size_t b) { return levels[a].total(Lden) > levels[b].total(Lden); });
  spots.resize(std::min(spots.size(), hotSpotCount));
  s.hotSpots = spots;
  return s;
}

}  // namespace citynoise
