// Traffic of road sections by category, by national vehicle class, or from the road class.
#include "road_traffic.hpp"

#include "../csv_table.hpp"

#include <set>

namespace citynoise::io {

VehicleClasses loadVehicleClasses(const TomlNode& root, const std::filesystem::path& dir) {
  std::filesystem::path file;
  if (const auto e = root.table("emission"); e && e->has("vehicle_classes")) file = e->pathValue("vehicle_classes", dir);
  const detail::Csv csv = detail::readCsv(file, "china/vehicle_classes.csv");
  VehicleClasses v;
  v.origin = csv.origin;
  for (std::size_t r = 0; r < csv.rows.size(); ++r)
    v.category[csv.text(r, "class")] = static_cast<std::size_t>(csv.number(r, "category", 1, 3)) - 1;
  return v;
}

PeriodTraffic readPeriod(const TomlNode& t, const VehicleClasses& classes) {
  PeriodTraffic p;
  const std::optional<Expression> common = t.optionalExpression("speed");
  for (std::size_t m = 0; m < emission::kVehicleCategories; ++m) {
    if (t.has(kCategoryKeys[m])) p.flow[m].emplace_back(kCategoryKeys[m], t.expression(kCategoryKeys[m]));
    const std::string speedKey = std::string(kCategoryKeys[m]) + "_speed";
    p.speed[m] = t.has(speedKey.c_str()) ? t.optionalExpression(speedKey.c_str()) : common;
  }
  std::set<std::string> known{"speed"};
  for (const char* k : kCategoryKeys) known.insert(k), known.insert(std::string(k) + "_speed");
  for (const auto& [key, value] : t.raw()) {
    const std::string k(key.str());
    if (known.count(k)) continue;
    const auto c = classes.category.find(k);
    if (c == classes.category.end())
      t.fail(k, "not a vehicle category (light, medium, heavy, moped, motorcycle), a speed, or a vehicle class of " + classes.origin);
    p.flow[c->second].emplace_back(k, t.expression(k.c_str()));
  }
  return p;
}

std::optional<ClassTraffic> readClassTraffic(const TomlNode& s, const std::filesystem::path& dir,
                                             const std::array<std::string, kHoursPerDay>& hourPeriod) {
  if (!s.has("class")) return std::nullopt;
  if (s.has("traffic")) s.fail("class", "give either the traffic tables or the road class, not both");
  for (const std::string& p : hourPeriod)
    if (p != "D" && p != "E" && p != "N")
      s.fail("class", "traffic from the road class stands for the EU periods D, E, N; [periods] traffic has " + p);
  ClassTraffic c;
  c.classField = s.string("class");
  c.lanes = s.optionalExpression("lanes");
  c.speed = s.optionalExpression("speed");
  c.tables = osm::loadTables(s.has("class_table") ? std::filesystem::path(s.pathValue("class_table", dir)) : std::filesystem::path(), {}, {});
  return c;
}

std::map<std::string, emission::TrafficFlow> classFlows(const FeatureValues& rf, const ClassTraffic& c) {
  const auto it = rf.feature.attributes.find(c.classField);
  const std::string cls = it == rf.feature.attributes.end() ? std::string() : attributeText(it->second);
  const auto row = c.tables.highways.find(cls);
  if (row == c.tables.highways.end())
    throw InputError(rf.file, rf.id, c.classField + ": road class \"" + cls + "\" is not in " + c.tables.highwaysFile);
  const osm::HighwayDefaults& d = row->second;
  const double lanes = c.lanes ? rf(*c.lanes, "lanes") : d.lanes;
  if (lanes <= 0.0) throw InputError(rf.file, rf.id, "lanes: expected a positive number of lanes");
  const double speed = c.speed ? rf(*c.speed, "speed") : d.speedKmh;
  const double daily = d.aadt * lanes / d.lanes;
  const double share[3] = {1.0 - (d.mediumPct + d.heavyPct) / 100.0, d.mediumPct / 100.0, d.heavyPct / 100.0};
  std::map<std::string, emission::TrafficFlow> flows;
  const char* periods[3] = {"D", "E", "N"};
  for (int p = 0; p < 3; ++p) {
    emission::TrafficFlow f;
    for (std::size_t m = 0; m < 3; ++m) {
      f.flow[m] = daily * d.sharePerHour[static_cast<std::size_t>(p)] * share[m];
      f.speed[m] = speed;  // checked (clamped with a warning) with every other flow
    }
    flows[periods[p]] = f;
  }
  return flows;
}

}  // namespace citynoise::io
