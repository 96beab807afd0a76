// GET routes: versions, summaries, buildings (one, a list, two versions compared), the level at
// a point, sources. Public versions for everybody, retired ones for token holders.
#include "answers.hpp"
#include "http_support.hpp"
#include "routes.hpp"

namespace citynoise::server {
namespace {

using nlohmann::ordered_json;

void versionRoutes(httplib::Server& http, StorePool& store) {
  get(http, "/api/versions", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {});
    const Caller c = callerOf(store, req);
    ordered_json out = ordered_json::array();
    for (const io::MapVersion& v : store.with([&](io::MapStore& s) { return s.list(c.token.has_value()); })) {
      out.push_back(versionJson(v));
      out.back()["retired"] = v.retired;
    }
    reply(res, 200, out);
  });
  get(http, kVersion, [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {});
    reply(res, 200, versionJson(visibleVersion(store, req, callerOf(store, req))));
  });
  get(http, kVersion + "/summary", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {});
    const io::MapVersion v = visibleVersion(store, req, callerOf(store, req));
    const auto csv = store.with([&](io::MapStore& s) { return s.summary(v.id, "summary.csv"); });
    if (!csv) throw Refusal(404, "version " + std::to_string(v.id) + " has no summary");
    reply(res, 200, summaryJson(*csv));
  });
  get(http, kVersion + "/variants", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {});
    const io::MapVersion v = visibleVersion(store, req, callerOf(store, req));
    const auto csv = store.with([&](io::MapStore& s) { return s.summary(v.id, "compare.csv"); });
    reply(res, 200, {{"version", v.id}, {"variants", csv ? tableJson(*csv) : ordered_json::array()}});
  });
  // What the map can show besides the city: the vertical sections and the volume's altitudes.
  get(http, kVersion + "/layers", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {});
    const io::MapVersion v = visibleVersion(store, req, callerOf(store, req));
    const auto index = store.index(v.id);
    ordered_json sections = ordered_json::array();
    for (const auto& [name, points] : index->sections(3)) sections.push_back({{"name", name}, {"receivers", points.size()}});
    ordered_json volume = nullptr;
    if (const auto r = index->volumeRange()) volume = {{"z_min", r->zMin}, {"z_max", r->zMax}, {"dz", r->dz}};
    reply(res, 200, {{"version", v.id}, {"sections", sections}, {"volume", volume}});
  });
  get(http, kVersion + "/summary.csv", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {});
    const io::MapVersion v = visibleVersion(store, req, callerOf(store, req));
    const auto csv = store.with([&](io::MapStore& s) { return s.summary(v.id, "summary.csv"); });
    if (!csv) throw Refusal(404, "version " + std::to_string(v.id) + " has no summary");
    res.set_header("Content-Disposition", "attachment; filename=\"summary-" + std::to_string(v.id) + ".csv\"");
    res.set_content(*csv, "text/csv; charset=utf-8");
  });
}

void buildingRoutes(httplib::Server& http, StorePool& store) {
  get(http, kVersion + "/buildings", [&](const httplib::Request& req, httplib::Response& res) {
    const io::BuildingFilter f = buildingFilter(Params(req, {"over", "zone", "use", "bbox", "limit", "offset"}));
    const io::MapVersion v = visibleVersion(store, req, callerOf(store, req));
    const io::BuildingPage page = store.with([&](io::MapStore& s) { return s.buildings(v.id, f); });
    ordered_json list = ordered_json::array();
    const io::LonLatConverter& lonLat = store.lonLat(v.crs);
    for (const io::BuildingSummary& b : page.buildings) list.push_back(buildingSummaryJson(b, lonLat));
    reply(res, 200, {{"version", v.id}, {"total", page.total}, {"limit", f.limit}, {"offset", f.offset}, {"buildings", list}});
  });
  get(http, kVersion + R"(/buildings/([^/]{1,200}))", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {});
    const io::MapVersion v = visibleVersion(store, req, callerOf(store, req));
    const std::string id = req.matches[2];
    const auto b = store.with([&](io::MapStore& s) { return s.building(v.id, id); });
    if (!b) throw Refusal(404, "version " + std::to_string(v.id) + " has no building " + id);
    reply(res, 200, buildingJson(*b, store.lonLat(v.crs)));
  });
  get(http, R"(/api/compare/(\d{1,12})/(\d{1,12})/buildings)", [&](const httplib::Request& req, httplib::Response& res) {
    const io::BuildingFilter f = buildingFilter(Params(req, {"over", "zone", "use", "bbox", "limit", "offset"}));
    const Caller c = callerOf(store, req);
    const io::MapVersion a = visibleVersion(store, req, c, 1), b = visibleVersion(store, req, c, 2);
    const io::ChangePage page = store.with([&](io::MapStore& s) { return s.compare(a.id, b.id, f); });
    ordered_json list = ordered_json::array();
    for (const io::BuildingChange& ch : page.buildings) list.push_back(changeJson(ch));
    reply(res, 200, {{"a", a.id}, {"b", b.id}, {"total", page.total}, {"people_relieved", page.peopleRelieved}, {"limit", f.limit},
                     {"offset", f.offset}, {"buildings", list}});
  });
}

void placeRoutes(httplib::Server& http, StorePool& store) {
  get(http, kVersion + "/level", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {"x", "y", "z", "tolerance"});
    const auto x = p.number("x", -1e8, 1e8), y = p.number("y", -1e8, 1e8), z = p.number("z", -1000, 10000);
    if (!x || !y || !z) throw Refusal(400, "x, y and z are needed (in the version's CRS; z: altitude in m)");
    const double tolerance = p.number("tolerance", 0, 25).value_or(2.0);
    const io::MapVersion v = visibleVersion(store, req, callerOf(store, req));
    const auto level = store.index(v.id)->levelAt(*x, *y, *z, tolerance);
    if (!level) throw Refusal(404, "no receiver within " + nlohmann::json(tolerance).dump() + " m, and the point is outside the volume and the grid");
    reply(res, 200, levelJson(*level, *x, *y, *z));
  });
  get(http, kVersion + "/sources", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {"bbox", "limit", "offset"});
    const auto bbox = p.bbox("bbox", kMaxBboxSide);
    const std::int64_t limit = p.integer("limit", 1, 1000, 100), offset = p.integer("offset", 0, 10000000, 0);
    const io::MapVersion v = visibleVersion(store, req, callerOf(store, req));
    const io::SourcePage page = store.with([&](io::MapStore& s) { return s.sources(v.id, bbox, limit, offset); });
    ordered_json list = ordered_json::array();
    for (const io::StoredSource& s : page.sources) list.push_back(sourceJson(s));
    reply(res, 200, {{"version", v.id}, {"total", page.total}, {"limit", limit}, {"offset", offset}, {"sources", list}});
  });
}

}  // namespace

void readRoutes(httplib::Server& http, StorePool& store) {
  versionRoutes(http, store);
  buildingRoutes(http, store);
  placeRoutes(http, store);
}

}  // namespace citynoise::server
