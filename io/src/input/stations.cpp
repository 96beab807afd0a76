// Monitoring stations and measurements from CSV (see stations.hpp).
#include <citynoise/io/stations.hpp>

#include <citynoise/core/error.hpp>

#include "../csv_table.hpp"
#include "../gdal_support.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace citynoise::io {
namespace {

std::string rowName(const detail::Csv& csv, std::size_t row) { return csv.origin + " row " + std::to_string(row + 2); }

bool hasColumn(const detail::Csv& csv, const std::string& name) { return std::find(csv.header.begin(), csv.header.end(), name) != csv.header.end(); }

/// x, y from `from` into `to` (both CRS texts); InputError naming the row when PROJ cannot.
void transformPoint(const std::string& from, const std::string& to, double& x, double& y, const std::string& where) {
  gdal::ensureGdal();
  const gdal::Srs a = gdal::srsFromUserInput(from), b = gdal::srsFromUserInput(to);
  if (!a) throw InputError(where, "crs", "'" + from + "' is not a CRS");
  if (!b) throw InputError(where, "crs", "the scenario has no CRS to carry '" + from + "' into");
  const gdal::Transform t(OCTNewCoordinateTransformation(a.get(), b.get()));
  if (!t || !OCTTransform(t.get(), 1, &x, &y, nullptr)) throw InputError(where, "crs", "cannot carry the point from " + from + " into " + to);
}

}  // namespace

void checkStation(const Station& s, const std::string& where) {
  if (s.id.empty() || s.id.size() > 64 || s.id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-") != std::string::npos)
    throw InputError(where, "station", "expected an id of 1 to 64 letters, digits, _ . : -");
  if (!std::isfinite(s.x) || !std::isfinite(s.y) || std::abs(s.x) > 1e8 || std::abs(s.y) > 1e8) throw InputError(where, "x", "not a coordinate");
  if (!(s.height >= 0.5 && s.height <= 100)) throw InputError(where, "z", "a microphone " + std::to_string(s.height) + " m above the ground (expected 0.5 to 100 m)");
  if (s.kind != "fixed" && s.kind != "display" && s.kind != "temporary")
    throw InputError(where, "kind", "'" + s.kind + "': expected fixed (a monitoring station), display (a road-side display) or temporary");
}

std::vector<Station> readStations(const std::filesystem::path& file, const std::string& crs) {
  if (!std::filesystem::is_regular_file(file)) throw InputError(file.string(), "", "no such stations file");
  const detail::Csv csv = detail::readCsv(file, "");
  std::vector<Station> out;
  std::set<std::string> seen;
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    const std::string where = rowName(csv, r);
    Station s;
    s.id = csv.text(r, "station");
    s.x = csv.number(r, "x", -1e8, 1e8), s.y = csv.number(r, "y", -1e8, 1e8);
    s.height = csv.number(r, "z", 0.5, 100.0);
    if (hasColumn(csv, "kind") && !csv.text(r, "kind").empty()) s.kind = csv.text(r, "kind");
    checkStation(s, where);
    if (!seen.insert(s.id).second) throw InputError(where, "station", "station " + s.id + " is listed twice");
    if (hasColumn(csv, "crs") && !csv.text(r, "crs").empty() && csv.text(r, "crs") != crs) transformPoint(csv.text(r, "crs"), crs, s.x, s.y, where);
    out.push_back(std::move(s));
  }
  if (out.empty()) throw InputError(file.string(), "", "no stations");
  return out;
}

MeasurementFile readMeasurements(const std::filesystem::path& file, const std::vector<Station>& stations) {
  if (!std::filesystem::is_regular_file(file)) throw InputError(file.string(), "", "no such measurements file");
  const detail::Csv csv = detail::readCsv(file, "");
  std::set<std::string> known;
  for (const Station& s : stations) known.insert(s.id);
  struct Row {
    std::int64_t start, end;
    Measurement m;
    std::string where;
  };
  std::vector<Row> rows;
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    Row row;
    row.where = rowName(csv, r);
    Measurement& m = row.m;
    m.station = csv.text(r, "station"), m.start = csv.text(r, "start"), m.end = csv.text(r, "end");
    auto level = [&](const char* name, bool required) {
      if (!hasColumn(csv, name) || (!required && csv.text(r, name).empty())) return std::nan("");
      return csv.number(r, name, -1e9, 1e9);  // the range is checkMeasurement's, with its message
    };
    m.laeq = level("laeq", true), m.lmax = level("lmax", false), m.l10 = level("l10", false), m.l90 = level("l90", false);
    if (!known.count(m.station)) throw InputError(row.where, "station", "unknown station '" + m.station + "' (not among the declared stations)");
    std::tie(row.start, row.end) = checkMeasurement(m, row.where);
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.m.station != b.m.station ? a.m.station < b.m.station : a.start < b.start; });
  MeasurementFile out;
  auto same = [](double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!out.intervals.empty() && i > 0 && rows[i - 1].m.station == rows[i].m.station && rows[i - 1].end > rows[i].start) {
      const Row &a = rows[i - 1], &b = rows[i];
      if (a.start == b.start && a.end == b.end && same(a.m.laeq, b.m.laeq) && same(a.m.lmax, b.m.lmax) && same(a.m.l10, b.m.l10) && same(a.m.l90, b.m.l90)) {
        ++out.duplicates;  // the same interval sent twice: kept once, counted
        continue;
      }
      throw InputError(b.where, "start", "station " + b.m.station + ": " + b.m.start + " – " + b.m.end + " overlaps " + a.m.start + " – " + a.m.end +
                                             " (" + a.where + ")");
    }
    out.intervals.push_back(rows[i].m);
  }
  return out;
}

}  // namespace citynoise::io
