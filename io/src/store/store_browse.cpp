// Browsing a version: pages of buildings by exceedance, two versions compared, sources in a
// rectangle, every receiver for a point index, removing a version. The SQL is put together from
// fixed fragments only; every value is a bound parameter.
#include <citynoise/core/error.hpp>
#include <citynoise/io/store.hpp>

#include "database.hpp"
#include "store_internal.hpp"

#include <cmath>
#include <string>

namespace citynoise::io {
namespace {

constexpr std::int64_t kMaxPage = 1000;

/// A WHERE clause and its parameters, in order.
struct Where {
  std::string sql;
  std::vector<std::string> texts;  ///< bound after the version, then the doubles
  std::vector<double> reals;
  bool hasBox = false;
};

void checkFilter(const BuildingFilter& f) {
  if (f.over != "" && f.over != "day" && f.over != "night") throw InputError("over", f.over, "expected day or night");
  if (f.limit < 1 || f.limit > kMaxPage) throw InputError("limit", std::to_string(f.limit), "expected 1 to " + std::to_string(kMaxPage));
  if (f.offset < 0) throw InputError("offset", std::to_string(f.offset), "expected 0 or more");
  if (f.bbox && !(f.bbox->minX <= f.bbox->maxX && f.bbox->minY <= f.bbox->maxY))
    throw InputError("bbox", "", "expected minx,miny,maxx,maxy with min ≤ max");
}

/// The buildings' filter over table alias `t`.
Where buildingWhere(const BuildingFilter& f, const std::string& t) {
  Where w;
  w.sql = " WHERE " + t + ".version = ?";
  if (!f.zone.empty()) w.sql += " AND " + t + ".zone = ?", w.texts.push_back(f.zone);
  if (!f.use.empty()) w.sql += " AND " + t + ".use = ?", w.texts.push_back(f.use);
  if (f.over == "day") w.sql += " AND " + t + ".exceed_day > 0";
  if (f.over == "night") w.sql += " AND " + t + ".exceed_night > 0";
  if (f.bbox) {
    w.sql += " AND " + t + ".max_x >= ? AND " + t + ".min_x <= ? AND " + t + ".max_y >= ? AND " + t + ".min_y <= ?";
    w.reals = {f.bbox->minX, f.bbox->maxX, f.bbox->minY, f.bbox->maxY};
  }
  return w;
}

/// Binds the version and the filter's values from parameter `first`; the next free parameter.
int bindWhere(store::Statement& s, int first, std::int64_t version, const Where& w) {
  int i = first;
  s.bind(i++, version);
  for (const std::string& t : w.texts) s.bind(i++, t);
  for (double r : w.reals) s.bind(i++, r);
  return i;
}

/// The sort key: the filter's period's exceedance, or the larger of both (NULLs last).
std::string exceedanceOrder(const BuildingFilter& f, const std::string& t) {
  const std::string day = "COALESCE(" + t + ".exceed_day, -1e9)", night = "COALESCE(" + t + ".exceed_night, -1e9)";
  if (f.over == "day") return day;
  if (f.over == "night") return night;
  return "CASE WHEN " + day + " > " + night + " THEN " + day + " ELSE " + night + " END";
}

const char* kSummaryColumns =
    "id, use, zone, population, people_over_limit, max_lden, max_lnight, exceed_day, exceed_night, floors_over_night_limit, "
    "min_x, min_y, max_x, max_y";

double realOrNan(const store::Statement& s, int c) { return s.isNull(c) ? std::nan("") : s.real(c); }

BuildingSummary summaryFrom(const store::Statement& s, int c) {
  BuildingSummary b;
  b.id = s.text(c), b.use = s.text(c + 1), b.zone = s.text(c + 2);
  b.population = s.isNull(c + 3) ? 0.0 : s.real(c + 3);
  b.peopleOverLimit = s.isNull(c + 4) ? 0.0 : s.real(c + 4);
  b.maxLden = realOrNan(s, c + 5), b.maxLnight = realOrNan(s, c + 6);
  b.exceedDay = realOrNan(s, c + 7), b.exceedNight = realOrNan(s, c + 8);
  b.floorsOverNightLimit = s.isNull(c + 9) ? 0 : static_cast<std::int64_t>(s.real(c + 9));
  b.extent = {realOrNan(s, c + 10), realOrNan(s, c + 11), realOrNan(s, c + 12), realOrNan(s, c + 13)};
  return b;
}

std::string prefixed(const std::string& columns, const std::string& t) {
  std::string out = t + ".";
  for (char ch : columns) out += ch == ' ' ? std::string(" ") + t + "." : std::string(1, ch);
  return out;
}

}  // namespace

BuildingPage MapStore::buildings(std::int64_t version, const BuildingFilter& f) const {
  checkFilter(f);
  (void)this->version(version);
  const Where w = buildingWhere(f, "b");
  BuildingPage page;
  auto count = db_->prepare("SELECT COUNT(*) FROM buildings b" + w.sql);
  bindWhere(*count, 1, version, w);
  if (count->step()) page.total = count->integer(0);
  auto s = db_->prepare("SELECT " + prefixed(kSummaryColumns, "b") + " FROM buildings b" + w.sql + " ORDER BY " + exceedanceOrder(f, "b") +
                        " DESC, b.id LIMIT ? OFFSET ?");
  const int next = bindWhere(*s, 1, version, w);
  s->bind(next, f.limit);
  s->bind(next + 1, f.offset);
  while (s->step()) page.buildings.push_back(summaryFrom(*s, 0));
  return page;
}

ChangePage MapStore::compare(std::int64_t a, std::int64_t b, const BuildingFilter& f) const {
  checkFilter(f);
  (void)version(a), (void)version(b);
  const Where w = buildingWhere(f, "a");
  const std::string from = " FROM buildings a JOIN buildings b ON b.version = ? AND b.id = a.id" + w.sql;
  ChangePage page;
  const std::string relieved = "COALESCE(a.people_over_limit, 0) - COALESCE(b.people_over_limit, 0)";
  auto count = db_->prepare("SELECT COUNT(*), SUM(" + relieved + ")" + from);
  count->bind(1, b);
  bindWhere(*count, 2, a, w);
  if (count->step()) page.total = count->integer(0), page.peopleRelieved = count->isNull(1) ? 0.0 : count->real(1);
  const std::string quieter = "COALESCE(a.max_lnight, 0) - COALESCE(b.max_lnight, 0)";
  auto s = db_->prepare("SELECT " + prefixed(kSummaryColumns, "a") + ", " + prefixed(kSummaryColumns, "b") + from + " ORDER BY " + relieved +
                        " DESC, " + quieter + " DESC, a.id LIMIT ? OFFSET ?");
  s->bind(1, b);
  const int next = bindWhere(*s, 2, a, w);
  s->bind(next, f.limit);
  s->bind(next + 1, f.offset);
  while (s->step()) page.buildings.push_back({summaryFrom(*s, 0), summaryFrom(*s, 14), {}, {}});
  for (BuildingChange& c : page.buildings) {
    if (auto fa = building(a, c.a.id)) c.floorsA = std::move(fa->floors);
    if (auto fb = building(b, c.b.id)) c.floorsB = std::move(fb->floors);
  }
  return page;
}

SourcePage MapStore::sources(std::int64_t version, const std::optional<Box>& bbox, std::int64_t limit, std::int64_t offset) const {
  if (limit < 1 || limit > kMaxPage) throw InputError("limit", std::to_string(limit), "expected 1 to " + std::to_string(kMaxPage));
  if (offset < 0) throw InputError("offset", std::to_string(offset), "expected 0 or more");
  (void)this->version(version);
  std::string where = " WHERE version = ?";
  if (bbox) where += " AND max_x >= ? AND min_x <= ? AND max_y >= ? AND min_y <= ?";
  auto bindAll = [&](store::Statement& s) {
    s.bind(1, version);
    if (bbox) s.bind(2, bbox->minX), s.bind(3, bbox->maxX), s.bind(4, bbox->minY), s.bind(5, bbox->maxY);
    return bbox ? 6 : 2;
  };
  SourcePage page;
  auto count = db_->prepare("SELECT COUNT(*) FROM sources" + where);
  bindAll(*count);
  if (count->step()) page.total = count->integer(0);
  auto s = db_->prepare("SELECT id, part, class, kind, shape, lwa_day, lwa_evening, lwa_night, lwa_cn_night, geometry FROM sources" + where +
                        " ORDER BY id, part LIMIT ? OFFSET ?");
  const int next = bindAll(*s);
  s->bind(next, limit);
  s->bind(next + 1, offset);
  while (s->step())
    page.sources.push_back({s->text(0), s->text(2), s->text(3), s->text(4), s->integer(1), realOrNan(*s, 5), realOrNan(*s, 6), realOrNan(*s, 7),
                            realOrNan(*s, 8), s->text(9)});
  return page;
}

void MapStore::forEachReceiver(std::int64_t version, const std::function<void(const StoredReceiver&)>& visit) const {
  auto s = db_->prepare("SELECT id, kind, x, y, z, lday, levening, lnight, lden, ld, ln, hourly FROM receivers WHERE version = ? ORDER BY id");
  s->bind(1, version);
  StoredReceiver r;
  while (s->step()) {
    r.id = s->text(0), r.kind = s->text(1), r.x = s->real(2), r.y = s->real(3), r.z = s->real(4);
    for (int k = 0; k < 6; ++k) r.levels[k] = realOrNan(*s, 5 + k);
    r.hourly = s->isNull(11) ? std::vector<double>{} : store::hoursOf(s->blob(11));
    visit(r);
  }
}

void MapStore::remove(std::int64_t id) {
  (void)version(id);
  store::Transaction t(*db_);
  for (const char* table : {"receivers", "floors", "buildings", "sources", "summaries", "surfaces", "versions"}) {
    auto s = db_->prepare(std::string("DELETE FROM ") + table + (std::string(table) == "versions" ? " WHERE id = ?" : " WHERE version = ?"));
    s->bind(1, id);
    s->step();
  }
  t.commit();
}

}  // namespace citynoise::io
