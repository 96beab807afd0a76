// Reading the default tables of `citynoise osm` (see osm_tables.hpp).
#include "osm_tables.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/data_files.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

namespace citynoise::io::osm {
namespace {

/// A CSV table without quoted fields: the header and the rows, each checked for its width.
struct Csv {
  std::string origin;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  [[nodiscard]] std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    throw InputError(origin, "header", "missing column \"" + name + "\"");
  }
  [[nodiscard]] double number(std::size_t row, const std::string& name, double lo, double hi) const {
    const std::string& text = rows[row][column(name)];
    std::size_t used = 0;
    double v = std::nan("");
    try {
      v = std::stod(text, &used);
    } catch (const std::exception&) {
    }
    if (used != text.size() || !(v >= lo && v <= hi))
      throw InputError(origin, "row " + std::to_string(row + 2) + " (" + rows[row][0] + ")",
                       name + ": \"" + text + "\" is not a number from " + fmt(lo) + " to " + fmt(hi));
    return v;
  }
  static std::string fmt(double v) {
    std::ostringstream o;
    o << v;
    return o.str();
  }
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

Csv readCsv(const std::filesystem::path& file, const std::string& builtIn) {
  Csv csv;
  std::string text;
  if (file.empty()) {
    csv.origin = (dataDirectory() / builtIn).string();
    text = readDataFile(builtIn);
  } else {
    csv.origin = file.string();
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(csv.origin, "", "cannot open the table");
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::stringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells = split(line);
    if (csv.header.empty()) {
      csv.header = std::move(cells);
      continue;
    }
    if (cells.size() != csv.header.size())
      throw InputError(csv.origin, "row " + std::to_string(csv.rows.size() + 2), "expected " + std::to_string(csv.header.size()) + " columns");
    csv.rows.push_back(std::move(cells));
  }
  if (csv.rows.empty()) throw InputError(csv.origin, "", "the table has no rows");
  return csv;
}

}  // namespace

Tables loadTables(const std::filesystem::path& highways, const std::filesystem::path& railways,
                  const std::filesystem::path& buildings) {
  Tables t;
  const Csv h = readCsv(highways, "osm/highways.csv");
  t.highwaysFile = h.origin;
  for (std::size_t r = 0; r < h.rows.size(); ++r) {
    HighwayDefaults d;
    d.chinaClass = h.rows[r][h.column("china_class")];
    d.lanes = h.number(r, "lanes", 1, 16);
    d.speedKmh = h.number(r, "speed_kmh", 5, 200);
    d.aadt = h.number(r, "aadt_veh_day", 0, 500000);
    d.mediumPct = h.number(r, "medium_pct", 0, 100);
    d.heavyPct = h.number(r, "heavy_pct", 0, 100 - d.mediumPct);
    d.sharePerHour = {h.number(r, "day_share_per_h", 0, 1), h.number(r, "evening_share_per_h", 0, 1), h.number(r, "night_share_per_h", 0, 1)};
    t.highways[h.rows[r][0]] = d;
    if (!d.chinaClass.empty()) t.highways[d.chinaClass] = d;
  }
  const Csv rl = readCsv(railways, "osm/railways.csv");
  t.railwaysFile = rl.origin;
  for (std::size_t r = 0; r < rl.rows.size(); ++r) {
    RailDefaults d;
    d.lwaPerTrain = rl.number(r, "lwa_per_train_dba_m", 0, 150);
    d.spectrum = rl.rows[r][rl.column("spectrum")];
    d.heightM = rl.number(r, "height_m", 0, 100);
    d.viaduct = rl.number(r, "viaduct", 0, 1) != 0.0;
    d.trainsPerHour = {rl.number(r, "trains_day_per_h", 0, 200), rl.number(r, "trains_evening_per_h", 0, 200),
                       rl.number(r, "trains_night_per_h", 0, 200)};
    t.railways[rl.rows[r][0]] = d;
  }
  const Csv b = readCsv(buildings, "osm/buildings.csv");
  t.buildingsFile = b.origin;
  for (std::size_t r = 0; r < b.rows.size(); ++r)
    t.buildings[b.rows[r][0]] = {b.number(r, "floors", 0, 200), b.rows[r][b.column("use")]};
  if (!t.buildings.count("yes") || t.buildings.at("yes").floors <= 0.0) throw InputError(b.origin, "", "no row for building=yes with floors above 0 (the default of untyped buildings)");
  return t;
}

}  // namespace citynoise::io::osm
