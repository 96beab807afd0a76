#include <citynoise/io/coefficient_tables.hpp>

#include "json_reader.hpp"

#include <citynoise/core/error.hpp>

#include <filesystem>
#include <map>

namespace citynoise::io {
namespace embedded {
std::string_view roadCnossos2015();
std::string_view roadCnossos2020();
std::string_view railwayEmissionCnossos();
std::string_view railwayVehiclesCnossos();
std::string_view railwayTrainsets();
std::string_view railwayCnossosEU2020();
std::string_view railwayVehiclesCnossos2015();
}  // namespace embedded

std::string_view builtInTable(const std::string& fileName) {
  static const std::map<std::string, std::string_view (*)()> tables{
      {"RoadCnossos_2015.json", embedded::roadCnossos2015},
      {"RoadCnossos_2020.json", embedded::roadCnossos2020},
      {"RailwayEmissionCnossos.json", embedded::railwayEmissionCnossos},
      {"RailwayVehiclesCnossos.json", embedded::railwayVehiclesCnossos},
      {"RailwayTrainsets.json", embedded::railwayTrainsets},
      {"outdated/RailwayCnossosEU_2020.json", embedded::railwayCnossosEU2020},
      {"outdated/RailwayVehiclesCnossos_2015.json", embedded::railwayVehiclesCnossos2015},
  };
  const auto it = tables.find(fileName);
  if (it == tables.end()) throw InputError(fileName, "", "no such built-in table");
  return it->second();
}

namespace {

emission::RoadCoefficients parseRoad(const nlohmann::json& doc, const std::string& origin) {
  using emission::VehicleCategory;
  const JsonNode root(doc, "$", origin);
  emission::RoadCoefficients c;
  c.name = origin;
  const JsonNode vehicles = root.field("vehicles").object();
  for (std::size_t m = 0; m < emission::kVehicleCategories; ++m) {
    const char* code = emission::categoryCode(static_cast<VehicleCategory>(m));
    const JsonNode v = vehicles.field(code).object();
    emission::VehicleCoefficients& k = c.vehicles[m];
    k.ar = v.field("ar").bands();
    k.br = v.field("br").bands();
    k.ap = v.field("ap").bands();
    k.bp = v.field("bp").bands();
    if (v.has("a")) k.studA = v.field("a").bands();
    if (v.has("b")) k.studB = v.field("b").bands();
    k.crossingCr = v.field("crossing").field("cr").number();
    k.crossingCp = v.field("crossing").field("cp").number();
    k.roundaboutCr = v.field("roundabout").field("cr").number();
    k.roundaboutCp = v.field("roundabout").field("cp").number();
    k.hasRolling = m < 3;  // categories 4a and 4b: propulsion noise only (§2.2.2)
  }
  const JsonNode roads = root.field("roads").object();
  for (const auto& [id, value] : roads.raw().items()) {
    const JsonNode r(value, roads.path() + "." + id, origin);
    emission::RoadSurface s;
    s.id = id;
    if (r.has("description")) s.description = r.field("description").string();
    s.vMin = r.field("vmin").numberOrNumericString();
    s.vMax = r.field("vmax").numberOrNumericString();
    const JsonNode ref = r.field("ref").object();
    for (std::size_t m = 0; m < emission::kVehicleCategories; ++m) {
      const JsonNode cat = ref.field(emission::categoryCode(static_cast<VehicleCategory>(m)));
      s.alpha[m] = cat.field("spectrum").bands();
      s.beta[m] = cat.field("\xC3\x9Fm").number();  // "ßm"
    }
    c.surfaces.emplace(id, std::move(s));
  }
  return c;
}

}  // namespace

emission::RoadCoefficients loadRoadCoefficients(const std::string& nameOrPath) {
  if (nameOrPath == "cnossos-2020" || nameOrPath == "cnossos-2015") {
    const std::string_view text = nameOrPath == "cnossos-2020" ? embedded::roadCnossos2020() : embedded::roadCnossos2015();
    emission::RoadCoefficients c = parseRoad(nlohmann::json::parse(text), nameOrPath);
    c.name = nameOrPath;
    return c;
  }
  if (!std::filesystem::exists(nameOrPath))
    throw InputError(nameOrPath, "", "no such road coefficient file (built-in sets: cnossos-2020, cnossos-2015)");
  return parseRoad(parseJsonFile(nameOrPath), nameOrPath);
}

}  // namespace citynoise::io
