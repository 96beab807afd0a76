#include <citynoise/io/coefficient_tables.hpp>

#include "json_reader.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/data_files.hpp>

#include <filesystem>
#include <map>
#include <set>

namespace citynoise::io {
bool isBuiltInTable(const std::string& fileName) {
  static const std::set<std::string> names{
      "RoadCnossos_2015.json",       "RoadCnossos_2020.json",
      "RailwayEmissionCnossos.json", "RailwayVehiclesCnossos.json",
      "RailwayTrainsets.json",       "outdated/RailwayCnossosEU_2020.json",
      "outdated/RailwayVehiclesCnossos_2015.json",
  };
  return names.contains(fileName);
}

nlohmann::json builtInTable(const std::string& fileName) {
  if (!isBuiltInTable(fileName)) throw InputError(fileName, "", "no such built-in table");
  const std::string relative = "cnossos/" + fileName;
  try {
    return nlohmann::json::parse(readDataFile(relative));
  } catch (const nlohmann::json::exception& e) {
    throw InputError((dataDirectory() / relative).string(), "", std::string("not valid JSON: ") + e.what());
  }
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

namespace {

nlohmann::json tableDocument(const std::string& nameOrPath) {
  if (isBuiltInTable(nameOrPath)) return builtInTable(nameOrPath);
  if (!std::filesystem::exists(nameOrPath)) throw InputError(nameOrPath, "", "no such table file");
  return parseJsonFile(nameOrPath);
}

template <std::size_t N>
std::array<double, N> numbers(const JsonNode& node) {
  if (node.size() != N) node.fail(std::to_string(N) + " numbers");
  std::array<double, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = node.element(i).numberOrNumericString();
  return out;
}

std::string idText(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return std::to_string(static_cast<long long>(v.get<double>()));
  return {};
}

}  // namespace

emission::RailTables loadRailTables(const std::string& nameOrPath) {
  const nlohmann::json doc = tableDocument(nameOrPath);
  const JsonNode root(doc, "$", nameOrPath);
  emission::RailTables t;
  // Entries whose spectrum has the wrong length (placeholders in the published tables, e.g.
  // RailRoughness "EU0") are left out: naming one later is an "unknown …" error.
  auto spectra24 = [&](const JsonNode& group, const char* field, auto& out) {
    for (const auto& [id, value] : group.raw().items()) {
      const JsonNode values = JsonNode(value, group.path() + "." + id, nameOrPath).field(field);
      if (values.raw().is_array() && values.raw().size() == emission::kThirdOctaves) out[id] = numbers<emission::kThirdOctaves>(values);
    }
  };
  auto spectra35 = [&](const JsonNode& group, auto& out) {
    for (const auto& [id, value] : group.raw().items()) {
      const JsonNode values = JsonNode(value, group.path() + "." + id, nameOrPath).field("Values");
      if (values.raw().is_array() && values.raw().size() == emission::kWavelengths) out[id] = numbers<emission::kWavelengths>(values);
    }
  };
  const JsonNode vehicle = root.field("Vehicle").object();
  const JsonNode track = root.field("Track").object();
  spectra24(vehicle.field("Transfer"), "Spectre", t.vehicleTransfer);
  spectra35(vehicle.field("WheelRoughness"), t.wheelRoughness);
  spectra35(vehicle.field("ContactFilter"), t.contactFilter);
  const char* conditions[] = {"ConstantSpeed", "AccelerationSpeed", "DecelerationSpeed", "IdlingSpeed"};
  for (std::size_t c = 0; c < 4; ++c) {
    if (!vehicle.has(conditions[c])) continue;
    const JsonNode g = vehicle.field(conditions[c]);
    for (const auto& [id, value] : g.raw().items()) {
      const JsonNode values = JsonNode(value, g.path() + "." + id, nameOrPath).field("Values");
      t.traction[c][id] = {numbers<emission::kThirdOctaves>(values.field("A")), numbers<emission::kThirdOctaves>(values.field("B"))};
    }
  }
  if (vehicle.has("AerodynamicNoise")) {
    const JsonNode g = vehicle.field("AerodynamicNoise");
    for (const auto& [id, value] : g.raw().items()) {
      const JsonNode a(value, g.path() + "." + id, nameOrPath);
      t.aerodynamic[id] = {a.field("V0").numberOrNumericString(), a.field("Alpha").numberOrNumericString(),
                           numbers<emission::kThirdOctaves>(a.field("Values").field("A")),
                           numbers<emission::kThirdOctaves>(a.field("Values").field("B"))};
    }
  }
  spectra24(track.field("TrackTransfer"), "Spectre", t.trackTransfer);
  if (track.has("SuperstructureTransfer")) spectra24(track.field("SuperstructureTransfer"), "Spectre", t.superstructureTransfer);
  spectra35(track.field("RailRoughness"), t.railRoughness);
  spectra35(track.field("ImpactNoise"), t.impactRoughness);
  if (track.has("BridgeConstant")) {
    const JsonNode g = track.field("BridgeConstant");
    for (const auto& [id, value] : g.raw().items()) {
      const JsonNode b(value, g.path() + "." + id, nameOrPath);
      emission::RailTables::Bridge bridge;
      // A spectrum is a structure-radiation transfer; a single number a constant on rolling noise.
      const JsonNode v = b.has("Values") ? b.field("Values") : b.field("Value");
      if (v.raw().is_array()) bridge.transfer = numbers<emission::kThirdOctaves>(v);
      else bridge.constant = v.numberOrNumericString();
      t.bridges[id] = bridge;
    }
  }
  return t;
}

std::map<std::string, emission::RailVehicleType> loadRailVehicles(const std::string& nameOrPath) {
  const nlohmann::json doc = tableDocument(nameOrPath);
  const JsonNode root(doc, "$", nameOrPath);
  std::map<std::string, emission::RailVehicleType> out;
  for (const auto& [id, value] : root.object().raw().items()) {
    const JsonNode v(value, "$." + id, nameOrPath);
    // Entries without an axle count are incomplete in the published tables: left out.
    if (!v.has("NbAxlePerVeh")) continue;
    emission::RailVehicleType type;
    type.id = id;
    type.axlesPerVehicle = v.field("NbAxlePerVeh").numberOrNumericString();
    if (v.has("NbCoach")) type.units = v.field("NbCoach").numberOrNumericString();
    type.roughness = idText(v.field("RefRoughness").raw());
    type.contact = idText(v.field("RefContact").raw());
    type.transfer = idText(v.field("RefTransfer").raw());
    type.traction = idText(v.field("RefTraction").raw());
    type.aerodynamic = v.has("RefAerodynamic") ? idText(v.field("RefAerodynamic").raw()) : "";
    out[id] = type;
  }
  return out;
}

emission::RoadCoefficients loadRoadCoefficients(const std::string& nameOrPath) {
  if (nameOrPath == "cnossos-2020" || nameOrPath == "cnossos-2015") {
    const char* file = nameOrPath == "cnossos-2020" ? "RoadCnossos_2020.json" : "RoadCnossos_2015.json";
    emission::RoadCoefficients c = parseRoad(builtInTable(file), nameOrPath);
    c.name = nameOrPath;
    return c;
  }
  if (!std::filesystem::exists(nameOrPath))
    throw InputError(nameOrPath, "", "no such road coefficient file (built-in sets: cnossos-2020, cnossos-2015)");
  return parseRoad(parseJsonFile(nameOrPath), nameOrPath);
}

}  // namespace citynoise::io
