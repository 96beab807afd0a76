// The API's JSON documents (see answers.hpp).
#include "answers.hpp"

#include <citynoise/core/assessment.hpp>

#include <array>
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

/// A CSV cell as a number when it is one, else as text.
nlohmann::ordered_json cellValue(const std::string& cell) {
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  return !cell.empty() && end && *end == '\0' ? nlohmann::ordered_json(v) : nlohmann::ordered_json(cell);
}

}  // namespace

nlohmann::ordered_json versionJson(const io::MapVersion& v) {
  return {{"id", v.id},           {"label", v.label},     {"created", v.created},      {"added", v.added},
          {"scenario", v.scenario}, {"variant", v.variant}, {"method", v.method},        {"crs", v.crs},
          {"hourly", v.hourly},
          {"counts", {{"receivers", v.receivers}, {"facade_receivers", v.facadeReceivers}, {"buildings", v.buildings}, {"sources", v.sources}}}};
}

nlohmann::ordered_json buildingJson(const io::StoredBuilding& b, const io::LonLatConverter& lonLat) {
  nlohmann::ordered_json j;
  j["id"] = b.id;
  const auto ll = lonLat(b.centreX, b.centreY);
  j["centre"] = {{"x", b.centreX}, {"y", b.centreY}, {"lon", level(ll[0])}, {"lat", level(ll[1])}};
  j["use"] = b.use;
  j["zone"] = b.zone;
  if (const ZoneLimit* z = findZoneLimit(b.zone)) j["limits"] = {{"day", z->day}, {"night", z->night}, {"standard", "GB 3096-2008"}};
  else j["limits"] = nullptr;
  j["population"] = b.population;
  nlohmann::ordered_json floors = nlohmann::ordered_json::array();
  for (const io::StoredFloor& f : b.floors) {
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
    if (!f.hourly.empty()) {  // LAeq of each hour 0–23 (the version's hourly levels)
      nlohmann::ordered_json hours = nlohmann::ordered_json::array();
      for (const double h : f.hourly) hours.push_back(level(h));
      floors.back()["hourly"] = hours;
    }
  }
  j["floors"] = floors;
  return j;
}

nlohmann::ordered_json tableJson(const std::string& csv) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  std::stringstream in(csv);
  std::string line;
  std::vector<std::string> header;
  while (std::getline(in, line)) {
    const std::vector<std::string> c = cells(line);
    if (c.empty()) continue;
    if (header.empty()) {
      header = c;
      continue;
    }
    nlohmann::ordered_json row;
    for (std::size_t k = 0; k < c.size() && k < header.size(); ++k) row[header[k]] = cellValue(c[k]);
    out.push_back(row);
  }
  return out;
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
    for (std::size_t k = 1; k < c.size() && k < header.size(); ++k) row[header[k]] = cellValue(c[k]);
    out[c[0]].push_back(row);
  }
  return out;
}

namespace {

const char* const kIndicators[6] = {"Lday", "Levening", "Lnight", "Lden", "Ld", "Ln"};

nlohmann::ordered_json change(double a, double b) {
  return {{"a", level(a)}, {"b", level(b)}, {"change", level(b - a)}};
}

std::array<double, 6> floorLevels(const io::StoredFloor& f) { return {f.lday, f.levening, f.lnight, f.lden, f.ld, f.ln}; }

}  // namespace

nlohmann::ordered_json buildingSummaryJson(const io::BuildingSummary& b, const io::LonLatConverter& lonLat) {
  const double cx = 0.5 * (b.extent.minX + b.extent.maxX), cy = 0.5 * (b.extent.minY + b.extent.maxY);
  const auto ll = lonLat(cx, cy);
  return {{"id", b.id},
          {"use", b.use},
          {"zone", b.zone},
          {"population", b.population},
          {"people_over_limit", b.peopleOverLimit},
          {"max_Lden", level(b.maxLden)},
          {"max_Lnight", level(b.maxLnight)},
          {"exceed_day", level(b.exceedDay)},
          {"exceed_night", level(b.exceedNight)},
          {"floors_over_night_limit", b.floorsOverNightLimit},
          {"centre", {{"x", level(cx)}, {"y", level(cy)}, {"lon", level(ll[0])}, {"lat", level(ll[1])}}}};
}

nlohmann::ordered_json changeJson(const io::BuildingChange& c) {
  nlohmann::ordered_json j = {{"id", c.a.id}, {"use", c.a.use}, {"zone", c.a.zone}, {"population", c.a.population}};
  j["people_over_limit"] = change(c.a.peopleOverLimit, c.b.peopleOverLimit);
  j["people_relieved"] = c.a.peopleOverLimit - c.b.peopleOverLimit;
  nlohmann::ordered_json floors = nlohmann::ordered_json::array();
  for (const io::StoredFloor& fa : c.floorsA) {
    const io::StoredFloor* fb = nullptr;
    for (const io::StoredFloor& f : c.floorsB)
      if (f.floor == fa.floor) fb = &f;
    if (!fb) continue;  // a floor of one version only (a variant changed the building)
    nlohmann::ordered_json f = {{"floor", fa.floor}};
    const auto la = floorLevels(fa), lb = floorLevels(*fb);
    for (std::size_t k = 0; k < 6; ++k) f[kIndicators[k]] = change(la[k], lb[k]);
    f["exceed_day"] = change(fa.exceedDay, fb->exceedDay);
    f["exceed_night"] = change(fa.exceedNight, fb->exceedNight);
    floors.push_back(f);
  }
  j["floors"] = floors;
  return j;
}

nlohmann::ordered_json sourceJson(const io::StoredSource& s) {
  return {{"id", s.id},
          {"part", s.part},
          {"class", s.sourceClass},
          {"kind", s.kind},
          {"shape", s.shape},
          {"LwA", {{"day", level(s.lwaDay)}, {"evening", level(s.lwaEvening)}, {"night", level(s.lwaNight)}, {"cn_night", level(s.lwaCnNight)}}},
          {"geometry_wkt", s.geometry}};
}

nlohmann::ordered_json levelJson(const io::PointLevel& p, double x, double y, double z) {
  nlohmann::ordered_json j = {{"method", p.method}, {"asked", {{"x", x}, {"y", y}, {"z", z}}}, {"at", {{"x", p.x}, {"y", p.y}, {"z", p.z}}}};
  if (p.method == "nearest receiver") j["receiver"] = {{"id", p.receiver}, {"kind", p.kind}, {"distance", p.distance}};
  else j["corners"] = p.corners;
  nlohmann::ordered_json levels;
  for (std::size_t k = 0; k < 6; ++k) levels[kIndicators[k]] = level(p.levels[k]);
  j["levels"] = levels;
  return j;
}

}  // namespace citynoise::server
