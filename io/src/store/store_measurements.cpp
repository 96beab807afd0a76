// Measured intervals of stations and road-side displays: checked, kept once, never overlapping.
#include <citynoise/core/error.hpp>
#include <citynoise/io/stations.hpp>
#include <citynoise/io/store.hpp>

#include "database.hpp"
#include "store_internal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <regex>
#include <set>

namespace citynoise::io {
namespace {

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::optional<std::int64_t> parseIsoTime(const std::string& text) {
  // 2026-12-03T22:00[:00[.000]](Z|+08:00|+0800): a time needs its offset, or it means nothing.
  static const std::regex iso(R"((\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):?(\d{2})))");
  std::smatch m;
  if (text.size() > 40 || !std::regex_match(text, m, iso)) return std::nullopt;
  const int y = std::stoi(m[1]), mo = std::stoi(m[2]), d = std::stoi(m[3]), h = std::stoi(m[4]), mi = std::stoi(m[5]);
  const int s = m[6].matched ? std::stoi(m[6]) : 0;
  static const int monthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > monthDays[mo - 1] + (mo == 2 && leap(y)) || h > 23 || mi > 59 || s > 59) return std::nullopt;
  std::int64_t offset = 0;
  if (m[7] != "Z") {
    const int oh = std::stoi(m[9]), om = std::stoi(m[10]);
    if (oh > 14 || om > 59) return std::nullopt;
    offset = (m[8] == "-" ? -1 : 1) * (oh * 3600 + om * 60);
  }
  return daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + s - offset;
}

namespace {

struct Interval {
  std::int64_t start, end;
  const Measurement* m;
};

std::string entry(std::size_t i) { return "measurement " + std::to_string(i + 1); }

void checkLevel(const std::string& where, const char* field, double v, bool required) {
  if (std::isnan(v) && !required) return;
  if (!std::isfinite(v) || v < 10 || v > 140)
    throw InputError(where, field, std::isfinite(v) ? "level " + std::to_string(v) + " dB is impossible (expected 10 to 140 dB)" : "not a level");
}

Interval checked(const Measurement& m, std::size_t i) {
  const auto [start, end] = checkMeasurement(m, entry(i));
  return {start, end, &m};
}

bool sameValue(double a, double b) { return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) < 1e-9; }

}  // namespace

std::pair<std::int64_t, std::int64_t> checkMeasurement(const Measurement& m, const std::string& where) {
  static const std::regex stationId(R"([A-Za-z0-9_.:\-]{1,64})");
  if (!std::regex_match(m.station, stationId)) throw InputError(where, "station", "expected an id of 1 to 64 letters, digits, _ . : -");
  const auto start = parseIsoTime(m.start), end = parseIsoTime(m.end);
  if (!start) throw InputError(where, "start", "'" + m.start + "' is not an ISO 8601 time with an offset");
  if (!end) throw InputError(where, "end", "'" + m.end + "' is not an ISO 8601 time with an offset");
  if (*end <= *start) throw InputError(where, "end", m.end + " is not after the start " + m.start);
  if (*end - *start > 31 * 86400) throw InputError(where, "end", "an interval of more than 31 days");
  checkLevel(where, "laeq", m.laeq, true);
  checkLevel(where, "lmax", m.lmax, false);
  checkLevel(where, "l10", m.l10, false);
  checkLevel(where, "l90", m.l90, false);
  return {*start, *end};
}

MeasurementReceipt MapStore::addMeasurements(const std::vector<Measurement>& batch, const std::string& by) {
  if (batch.empty()) throw InputError("measurements", "", "an empty batch");
  std::vector<Interval> all;
  for (std::size_t i = 0; i < batch.size(); ++i) all.push_back(checked(batch[i], i));
  std::vector<std::size_t> order(all.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t p, std::size_t q) {
    return all[p].m->station != all[q].m->station ? all[p].m->station < all[q].m->station : all[p].start < all[q].start;
  });
  MeasurementReceipt receipt;
  std::set<std::string> known;
  for (const auto& [s, crs] : stations()) known.insert(s.id);
  for (std::size_t i = 0; i < all.size(); ++i)
    if (!known.count(all[i].m->station))
      throw InputError(entry(i), "station", "unknown station '" + all[i].m->station + "' (declare it first: citynoise store stations STORE FILE.csv)");
  store::Transaction t(*db_);
  auto overlapping = db_->prepare(
      "SELECT start_time, end_time, start_s, end_s, laeq, lmax, l10, l90 FROM measurements WHERE station = ? AND start_s < ? AND end_s > ?");
  auto insert = db_->prepare(
      "INSERT INTO measurements (station, start_time, end_time, start_s, end_s, laeq, lmax, l10, l90, added, added_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const std::string now = store::utcTime(std::time(nullptr));
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    const Interval& iv = all[i];
    const Measurement& m = *iv.m;
    overlapping->reset();
    overlapping->bind(1, m.station), overlapping->bind(2, iv.end), overlapping->bind(3, iv.start);
    bool duplicate = false;
    while (overlapping->step()) {
      const bool same = overlapping->integer(2) == iv.start && overlapping->integer(3) == iv.end;
      auto stored = [&](int c) { return overlapping->isNull(c) ? std::nan("") : overlapping->real(c); };
      if (same && sameValue(stored(4), m.laeq) && sameValue(stored(5), m.lmax) && sameValue(stored(6), m.l10) && sameValue(stored(7), m.l90)) {
        duplicate = true;
        continue;
      }
      throw InputError(entry(i), "start", "station " + m.station + ": " + m.start + " – " + m.end + " overlaps the stored interval " +
                                              overlapping->text(0) + " – " + overlapping->text(1) + (same ? " with other values" : ""));
    }
    if (duplicate) {
      ++receipt.duplicates;
      continue;
    }
    insert->reset();
    insert->bind(1, m.station), insert->bind(2, m.start), insert->bind(3, m.end), insert->bind(4, iv.start), insert->bind(5, iv.end);
    insert->bind(6, m.laeq), insert->bindOptional(7, m.lmax), insert->bindOptional(8, m.l10), insert->bindOptional(9, m.l90);
    insert->bind(10, now), insert->bind(11, by);
    insert->step();
    ++receipt.added;
  }
  t.commit();
  return receipt;
}

std::int64_t MapStore::addStations(const std::vector<Station>& list, const std::string& crs) {
  if (list.empty()) throw InputError("stations", "", "none to declare");
  std::set<std::string> known;
  for (const auto& [s, c] : stations()) known.insert(s.id);
  store::Transaction t(*db_);
  auto drop = db_->prepare("DELETE FROM stations WHERE id = ?");
  auto put = db_->prepare("INSERT INTO stations (id, kind, x, y, height, crs, added) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const std::string now = store::utcTime(std::time(nullptr));
  std::int64_t added = 0;
  for (const Station& s : list) {
    drop->reset(), drop->bind(1, s.id), drop->step();
    put->reset();
    put->bind(1, s.id), put->bind(2, s.kind), put->bind(3, s.x), put->bind(4, s.y), put->bind(5, s.height), put->bind(6, crs), put->bind(7, now);
    put->step();
    added += known.count(s.id) ? 0 : 1;
  }
  t.commit();
  return added;
}

std::vector<std::pair<Station, std::string>> MapStore::stations() const {
  auto s = db_->prepare("SELECT id, kind, x, y, height, crs FROM stations ORDER BY id");
  std::vector<std::pair<Station, std::string>> out;
  while (s->step()) out.push_back({Station{s->text(0), s->text(1), s->real(2), s->real(3), s->real(4)}, s->text(5)});
  return out;
}

std::vector<Measurement> MapStore::measurements(const std::string& station) const {
  auto s = db_->prepare("SELECT station, start_time, end_time, laeq, lmax, l10, l90 FROM measurements WHERE ? = '' OR station = ? ORDER BY station, start_s");
  s->bind(1, station), s->bind(2, station);
  std::vector<Measurement> out;
  auto real = [&](int c) { return s->isNull(c) ? std::nan("") : s->real(c); };
  while (s->step()) out.push_back({s->text(0), s->text(1), s->text(2), s->real(3), real(4), real(5), real(6)});
  return out;
}

}  // namespace citynoise::io
