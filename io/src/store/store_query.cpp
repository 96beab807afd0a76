// Reading a version back: a building with its floors, the stored summaries.
#include <citynoise/io/store.hpp>

#include "database.hpp"

#include <cmath>

namespace citynoise::io {

std::optional<StoredBuilding> MapStore::building(std::int64_t version, const std::string& id) const {
  auto b = db_->prepare("SELECT id, use, zone, population FROM buildings WHERE version = ? AND id = ?");
  b->bind(1, version);
  b->bind(2, id);
  if (!b->step()) return std::nullopt;
  StoredBuilding out;
  out.id = b->text(0), out.use = b->text(1), out.zone = b->text(2);
  out.population = b->isNull(3) ? 0.0 : b->real(3);
  auto r = db_->prepare(
      "SELECT floor, id, x, y, z, lday, levening, lnight, lden, ld, ln, exceed_day, exceed_night, dominant FROM receivers "
      "WHERE version = ? AND building = ? AND kind = 'facade' ORDER BY floor, id");
  r->bind(1, version);
  r->bind(2, id);
  auto maxOf = [](double a, double b) { return std::isnan(a) ? b : std::isnan(b) ? a : std::max(a, b); };
  while (r->step()) {
    const int floor = static_cast<int>(r->integer(0));
    if (out.floors.empty() || out.floors.back().floor != floor) {
      StoredFloor f;
      f.floor = floor;
      f.lday = f.levening = f.lnight = f.lden = f.ld = f.ln = f.exceedDay = f.exceedNight = std::nan("");
      out.floors.push_back(f);
    }
    StoredFloor& f = out.floors.back();
    ++f.points;
    const double lden = r->real(8);
    if (std::isnan(f.lden) || lden > f.lden) {
      f.loudestPoint = r->text(1), f.x = r->real(2), f.y = r->real(3), f.z = r->real(4), f.dominant = r->text(13);
    }
    f.lday = maxOf(f.lday, r->real(5)), f.levening = maxOf(f.levening, r->real(6)), f.lnight = maxOf(f.lnight, r->real(7));
    f.lden = maxOf(f.lden, lden), f.ld = maxOf(f.ld, r->real(9)), f.ln = maxOf(f.ln, r->real(10));
    f.exceedDay = maxOf(f.exceedDay, r->real(11)), f.exceedNight = maxOf(f.exceedNight, r->real(12));
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
