// The API's JSON documents (see answers.hpp).
#include "answers.hpp"

#include <citynoise/core/assessment.hpp>

#include <cmath>
#include <sstream>

namespace citynoise::server {
namespace {

nlohmann::ordered_json level(double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(); }

std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  for (std::string c; std::getline(in, c, ',');) out.push_back(c);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

}  // namespace

nlohmann::ordered_json versionJson(const io::MapVersion& v) {
  return {{"id", v.id},           {"label", v.label},     {"created", v.created},      {"added", v.added},
          {"scenario", v.scenario}, {"variant", v.variant}, {"method", v.method},        {"crs", v.crs},
          {"counts", {{"receivers", v.receivers}, {"facade_receivers", v.facadeReceivers}, {"buildings", v.buildings}, {"sources", v.sources}}}};
}

nlohmann::ordered_json buildingJson(const io::StoredBuilding& b) {
  nlohmann::ordered_json j;
  j["id"] = b.id;
  j["use"] = b.use;
  j["zone"] = b.zone;
  if (const ZoneLimit* z = findZoneLimit(b.zone)) j["limits"] = {{"day", z->day}, {"night", z->night}, {"standard", "GB 3096-2008"}};
  else j["limits"] = nullptr;
  j["population"] = b.population;
  nlohmann::ordered_json floors = nlohmann::ordered_json::array();
  for (const io::StoredFloor& f : b.floors)
    floors.push_back({{"floor", f.floor},
                      {"points", f.points},
                      {"Lden", level(f.lden)},
                      {"Lday", level(f.lday)},
                      {"Levening", level(f.levening)},
                      {"Lnight", level(f.lnight)},
                      {"Ld", level(f.ld)},
                      {"Ln", level(f.ln)},
                      {"exceed_day", level(f.exceedDay)},
                      {"exceed_night", level(f.exceedNight)},
                      {"dominant", f.dominant},
                      {"loudest_point", {{"id", f.loudestPoint}, {"x", f.x}, {"y", f.y}, {"z", f.z}}}});
  j["floors"] = floors;
  return j;
}

nlohmann::ordered_json summaryJson(const std::string& csv) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  std::stringstream in(csv);
  std::string line;
  std::vector<std::string> header = {"table", "key", "class", "value"};  // the run figures come first
  while (std::getline(in, line)) {
    const std::vector<std::string> c = cells(line);
    if (c.empty()) continue;
    if (c[0] == "table") {
      header = c;
      continue;
    }
    nlohmann::ordered_json row;
    for (std::size_t k = 1; k < c.size() && k < header.size(); ++k) {
      char* end = nullptr;
      const double v = std::strtod(c[k].c_str(), &end);
      row[header[k]] = !c[k].empty() && end && *end == '\0' ? nlohmann::ordered_json(v) : nlohmann::ordered_json(c[k]);
    }
    out[c[0]].push_back(row);
  }
  return out;
}

}  // namespace citynoise::server
