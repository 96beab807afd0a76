// A building with its floors (aggregated once, when a version is added), the stored summaries.
#include <citynoise/io/store.hpp>

#include "database.hpp"
#include "store_internal.hpp"

#include <cmath>
#include <cstring>

namespace citynoise::io {

namespace store {

std::vector<std::uint8_t> hourlyBlob(const std::vector<double>& hours) {
  std::vector<std::uint8_t> out;
  for (const double h : hours) {
    const float f = static_cast<float>(h);
    std::uint32_t bits = 0;
    std::memcpy(&bits, &f, sizeof bits);
    for (int b = 0; b < 4; ++b) out.push_back(static_cast<std::uint8_t>(bits >> (8 * b)));
  }
  return out;
}

std::vector<double> hoursOf(const std::vector<std::uint8_t>& blob) {
  if (blob.size() != 24 * 4) return {};
  std::vector<double> out;
  for (std::size_t h = 0; h < 24; ++h) {
    std::uint32_t bits = 0;
    for (std::size_t b = 0; b < 4; ++b) bits |= static_cast<std::uint32_t>(blob[4 * h + b]) << (8 * b);
    float f = 0;
    std::memcpy(&f, &bits, sizeof f);
    out.push_back(f);
  }
  return out;
}

void fillFloors(Database& db, std::int64_t version) {
  auto r = db.prepare(
      "SELECT building, floor, id, x, y, z, lday, levening, lnight, lden, ld, ln, exceed_day, exceed_night, dominant, hourly FROM receivers "
      "WHERE version = ? AND kind = 'facade' AND building IS NOT NULL ORDER BY building, floor, id");
  r->bind(1, version);
  std::unique_ptr<Statement> put;  // opened after the query ran: PostgreSQL's COPY holds the connection
  auto maxOf = [](double a, double b) { return std::isnan(a) ? b : std::isnan(b) ? a : std::max(a, b); };
  std::string building;
  StoredFloor f;
  bool open = false;
  auto flush = [&] {
    if (!open) return;
    if (!put)
      put = db.prepareInsert("floors", {"version", "building", "floor", "points", "lday", "levening", "lnight", "lden", "ld", "ln", "exceed_day",
                                        "exceed_night", "dominant", "loudest_point", "x", "y", "z", "mean_z", "hourly"});
    put->reset();
    put->bind(1, version), put->bind(2, building), put->bind(3, static_cast<std::int64_t>(f.floor)), put->bind(4, static_cast<std::int64_t>(f.points));
    const double levels[8] = {f.lday, f.levening, f.lnight, f.lden, f.ld, f.ln, f.exceedDay, f.exceedNight};
    for (int k = 0; k < 8; ++k) put->bindOptional(5 + k, levels[k]);
    put->bind(13, f.dominant), put->bind(14, f.loudestPoint), put->bind(15, f.x), put->bind(16, f.y), put->bind(17, f.z);
    put->bind(18, f.meanZ / static_cast<double>(f.points));
    if (f.hourly.empty()) put->bindNull(19);
    else put->bind(19, hourlyBlob(f.hourly));
    put->step();
  };
  while (r->step()) {
    const int floor = static_cast<int>(r->integer(1));
    if (!open || r->text(0) != building || floor != f.floor) {
      flush();
      building = r->text(0);
      f = StoredFloor{};
      f.floor = floor;
      f.lday = f.levening = f.lnight = f.lden = f.ld = f.ln = f.exceedDay = f.exceedNight = std::nan("");
      open = true;
    }
    ++f.points;
    f.meanZ += r->real(5);  // a sum until flush()
    const double lden = r->real(9);
    if (std::isnan(f.lden) || lden > f.lden) f.loudestPoint = r->text(2), f.x = r->real(3), f.y = r->real(4), f.z = r->real(5), f.dominant = r->text(14);
    f.lday = maxOf(f.lday, r->real(6)), f.levening = maxOf(f.levening, r->real(7)), f.lnight = maxOf(f.lnight, r->real(8));
    f.lden = maxOf(f.lden, lden), f.ld = maxOf(f.ld, r->real(10)), f.ln = maxOf(f.ln, r->real(11));
    f.exceedDay = maxOf(f.exceedDay, r->real(12)), f.exceedNight = maxOf(f.exceedNight, r->real(13));
    if (!r->isNull(15)) {  // each hour's loudest point
      const std::vector<double> hours = hoursOf(r->blob(15));
      if (f.hourly.empty()) f.hourly.assign(hours.size(), std::nan(""));
      for (std::size_t h = 0; h < hours.size() && h < f.hourly.size(); ++h) f.hourly[h] = maxOf(f.hourly[h], hours[h]);
    }
  }
  flush();
  if (put) put->finish();
}

}  // namespace store

std::optional<StoredBuilding> MapStore::building(std::int64_t version, const std::string& id) const {
  auto b = db_->prepare("SELECT id, use, zone, population, min_x, min_y, max_x, max_y FROM buildings WHERE version = ? AND id = ?");
  b->bind(1, version);
  b->bind(2, id);
  if (!b->step()) return std::nullopt;
  StoredBuilding out;
  out.id = b->text(0), out.use = b->text(1), out.zone = b->text(2);
  out.population = b->isNull(3) ? 0.0 : b->real(3);
  out.centreX = 0.5 * (b->real(4) + b->real(6)), out.centreY = 0.5 * (b->real(5) + b->real(7));
  auto r = db_->prepare(
      "SELECT floor, points, lday, levening, lnight, lden, ld, ln, exceed_day, exceed_night, dominant, loudest_point, x, y, z, mean_z, hourly FROM floors "
      "WHERE version = ? AND building = ? ORDER BY floor");
  r->bind(1, version);
  r->bind(2, id);
  auto level = [&](int c) { return r->isNull(c) ? std::nan("") : r->real(c); };
  while (r->step()) {
    StoredFloor f;
    f.floor = static_cast<int>(r->integer(0)), f.points = static_cast<int>(r->integer(1));
    f.lday = level(2), f.levening = level(3), f.lnight = level(4), f.lden = level(5), f.ld = level(6), f.ln = level(7);
    f.exceedDay = level(8), f.exceedNight = level(9);
    f.dominant = r->text(10), f.loudestPoint = r->text(11), f.x = r->real(12), f.y = r->real(13), f.z = r->real(14), f.meanZ = r->real(15);
    if (!r->isNull(16)) f.hourly = store::hoursOf(r->blob(16));
    out.floors.push_back(f);
  }
  return out;
}

std::optional<std::string> MapStore::summary(std::int64_t version, const std::string& name) const {
  auto s = db_->prepare("SELECT content FROM summaries WHERE version = ? AND name = ?");
  s->bind(1, version);
  s->bind(2, name);
  if (!s->step()) return std::nullopt;
  return s->text(0);
}

}  // namespace citynoise::io
