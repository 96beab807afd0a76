// [buildings] from a 3D city model (CityJSON, CityGML): the model gives the geometry, its
// attributes the id, use, zone and population.
#include "scenario_internal.hpp"

#include <citynoise/core/assessment.hpp>
#include <citynoise/io/city_model.hpp>

#include <algorithm>

namespace citynoise::io {

void readCityModelBuildings(const TomlNode& t, const std::string& file, const std::string& crs, LayerLog& log, Scenario& s) {
  const CityModel model = readCityModel(file, crs);
  const std::string idField = t.string("id", ""), popField = t.string("population", ""), useField = t.string("use", "");
  const std::string zoneField = t.string("zone", "");
  for (const char* key : {"height", "floors", "roof_altitude"})
    if (t.has(key)) t.fail(key, "a city model gives the heights itself: remove this key");
  const std::vector<std::string> sensitiveUses = sensitiveUsesOf(t);
  const std::optional<BandArray> alpha = t.has("absorption") ? std::optional(t.bands("absorption")) : std::nullopt;
  std::map<std::string, const CityObject*> objects;
  for (const CityObject& o : model.buildings) objects[o.id] = &o;
  std::vector<Repair> repairs;
  std::vector<ModelBuilding> buildings = modelBuildings(model, repairs, log.strict);
  logRepairs(std::move(repairs), "buildings", log);
  Box2 extent;
  for (ModelBuilding& mb : buildings) {
    Building b = std::move(mb.building);
    const std::string objectId = b.id.substr(0, b.id.find('#'));
    GisFeature f;
    f.attributes = objects.at(objectId)->attributes;
    if (!idField.empty() && hasValue(f, idField)) b.id = textAttribute(f, idField) + b.id.substr(objectId.size());
    b.alpha = alpha;
    b.population = numberAttribute(f, popField).value_or(0.0);
    b.use = textAttribute(f, useField);
    b.sensitive = !b.use.empty() && std::find(sensitiveUses.begin(), sensitiveUses.end(), b.use) != sensitiveUses.end();
    b.zone = textAttribute(f, zoneField);
    if (!b.zone.empty() && !findZoneLimit(b.zone))
      throw InputError(file, b.id, zoneField + ": unknown GB 3096 zone class \"" + b.zone + "\" (0, 1, 2, 3, 4a, 4b)");
    for (const Vec2& p : b.footprint) extent.extend(p);
    s.scene.spotHeights.insert(s.scene.spotHeights.end(), mb.groundPoints.begin(), mb.groundPoints.end());
    s.scene.buildings.push_back(std::move(b));
  }
  if (s.scene.buildings.empty()) throw InputError(file, "", "no building of the model has a footprint");
  std::size_t others = 0;
  for (const auto& [type, n] : model.otherObjects) others += n;
  if (others > 0) addWarning(log.warnings, file, std::to_string(others) + " city objects that are not buildings (roads, land use, …) not read");
  log.layers.push_back({file, "CityObjects", "buildings", model.crs, extent});
}

}  // namespace citynoise::io
