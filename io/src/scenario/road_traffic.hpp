#pragma once
// The traffic of a [[roads]] section (internal to citynoise_io): per period, flows by CNOSSOS-EU
// category — given by category (light, medium, heavy, moped, motorcycle) or by national vehicle
// class (小型车, 客1 … through io/data/china/vehicle_classes.csv) — and speeds; or, for a layer
// without counts, estimated from its road class (io/data/osm/highways.csv).

#include "scenario_internal.hpp"

#include "../osm/osm_tables.hpp"

#include <citynoise/core/emission/road.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace citynoise::io {

inline constexpr const char* kCategoryKeys[] = {"light", "medium", "heavy", "moped", "motorcycle"};

/// National vehicle classes and their CNOSSOS-EU category index (0 = light, 1 = medium, 2 = heavy).
struct VehicleClasses {
  std::string origin;
  std::map<std::string, std::size_t> category;
};
/// The built-in table, or [emission] vehicle_classes = "my.csv".
VehicleClasses loadVehicleClasses(const TomlNode& root, const std::filesystem::path& dir);

/// Flow and speed expressions of one traffic period: each category's flow is the sum of its
/// entries (the category's own key and the national classes mapped to it).
struct PeriodTraffic {
  std::array<std::vector<std::pair<std::string, Expression>>, emission::kVehicleCategories> flow;
  std::array<std::optional<Expression>, emission::kVehicleCategories> speed;
};
PeriodTraffic readPeriod(const TomlNode& t, const VehicleClasses& classes);

/// Traffic from the road class (`class = "道路等级"`): the class table, the attributes giving
/// lanes and speed where the layer has them.
struct ClassTraffic {
  std::string classField;
  std::optional<Expression> lanes, speed;
  osm::Tables tables;
};
/// nullopt when the section gives [roads.traffic] tables instead.
std::optional<ClassTraffic> readClassTraffic(const TomlNode& s, const std::filesystem::path& dir,
                                             const std::array<std::string, kHoursPerDay>& hourPeriod);

/// Flows and speeds of one feature in each EU period (D, E, N) from its class.
std::map<std::string, emission::TrafficFlow> classFlows(const FeatureValues& rf, const ClassTraffic& c);

}  // namespace citynoise::io
