#pragma once
// Assessment against GB 3096-2008 (声环境质量标准): the LAeq limits of each functional-zone class
// for day (06:00–22:00) and night (22:00–06:00), and the 5 dB classes of noise maps.

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace citynoise {

struct ZoneLimit {
  const char* zone;   ///< "0", "1", "2", "3", "4a", "4b"
  double day, night;  ///< LAeq, dB(A)
  const char* description;
};

/// GB 3096-2008 Table 1 (reference/tables/gb3096_limits.csv; class 4b night 60 dB is recalled,
/// not verified there).
const std::vector<ZoneLimit>& gb3096Limits();
/// The limits of a class, nullptr when the class is unknown.
const ZoneLimit* findZoneLimit(const std::string& zone);

/// Night-time sudden noise: Lmax may exceed the night limit by at most 15 dB(A) (GB 3096-2008).
inline constexpr double kNightMaxAllowance = 15.0;

/// The 5 dB class of a level, e.g. 57.3 → 55 ("55-60"); levels below `lowest` fall in "<lowest".
int fiveDbClass(double level, int lowest = 45);
std::string fiveDbClassLabel(int lowerBound, int lowest = 45);

struct Receiver;
struct ReceiverLevels;
struct Building;

/// A façade receiver against its zone: GB 3096 day limit vs Ld (06–22), night vs Ln (22–06).
struct FacadeAssessment {
  bool known = false;  ///< the zone class is known
  const char* zone = "";  ///< its class ("4a", …)
  double dayLimit = 0.0, nightLimit = 0.0;
  double exceedDay = 0.0, exceedNight = 0.0;  ///< level − limit (negative: under the limit)
};
FacadeAssessment assessFacade(const Receiver& r, const ReceiverLevels& l);

/// Per building: the highest façade level per indicator, per floor, and the exceedances.
struct BuildingAssessment {
  int building = -1;
  std::array<float, 6> maxLevel{};                 ///< per Indicator
  std::vector<std::array<float, 6>> maxPerFloor;   ///< [floor][indicator]
  FacadeAssessment worst;                          ///< of the most exceeded façade point
  int facadePoints = 0;
  int floorsOverNightLimit = 0;                    ///< floors whose loudest point's Ln exceeds worst.nightLimit
};

/// The run's figures and the district summary of GB 3096 / END exposure.
struct DistrictSummary {
  std::vector<BuildingAssessment> buildings;  ///< only buildings with façade receivers
  /// Counts per 5 dB class lower bound (≥ 45 … , 40 = "< 45") for each indicator:
  /// façade points, buildings (by their most exposed façade), people (population of those).
  std::map<int, std::array<double, 6>> facadePoints, buildingCount, people;
  /// Façade points over the day and night limits, by zone class.
  std::map<std::string, std::array<int, 3>> zoneExceedances;  ///< zone → {points, over day, over night}
  /// Sensitive buildings over a day or night limit, the most exceeded first (building indices).
  std::vector<int> sensitiveOverLimit;
  /// The loudest façade point (Lden) of the loudest buildings, one per building, loudest first.
  std::vector<std::size_t> hotSpots;
};
DistrictSummary summarize(const std::vector<Receiver>& receivers, const std::vector<ReceiverLevels>& levels,
                          const std::vector<Building>& buildings, std::size_t hotSpotCount = 10);

}  // namespace citynoise
