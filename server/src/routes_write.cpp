// Writing routes: a result archive added as versions (editor), a version retired (editor) or
// removed (admin), measurements of stations and displays (editor). Each write is one store
// transaction; nothing is written for a refused request.
#include "answers.hpp"
#include "http_support.hpp"
#include "routes.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/result_archive.hpp>
#include <citynoise/io/stations.hpp>
#include <citynoise/io/tiles.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <unistd.h>

namespace citynoise::server {
namespace {

using nlohmann::ordered_json;

/// A private folder for one upload, removed with everything in it whatever happens.
class UploadFolder {
 public:
  UploadFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "citynoise-upload-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create an upload folder");
    path_ = pattern;
  }
  ~UploadFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  UploadFolder(const UploadFolder&) = delete;
  UploadFolder& operator=(const UploadFolder&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void uploadRoute(httplib::Server& http, StorePool& store, const ServiceOptions& o) {
  post(http, "/api/versions", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {"label"});
    require(callerOf(store, req), io::Role::Editor);
    const std::string label = p.text("label", 200);
    if (req.body.empty()) throw Refusal(400, "the body holds no result archive (.tar, .tar.gz or .zip of a result folder)");
    const UploadFolder folder;
    const std::filesystem::path archive = folder.path() / "upload";
    {
      std::ofstream out(archive, std::ios::binary);
      out.write(req.body.data(), static_cast<std::streamsize>(req.body.size()));
      if (!out) throw std::runtime_error("cannot keep the upload");
    }
    const std::filesystem::path result = io::unpackResultArchive(archive, folder.path() / "unpacked", 4 * o.maxUploadBytes);
    const auto versions = store.with([&](io::MapStore& s) {
      try {
        return s.add(result, label);
      } catch (const InputError& e) {  // the upload folder is ours: say which file of the archive
        throw Refusal(400, "the archive is not a citynoise result: " + std::filesystem::path(e.file()).filename().string() +
                               (e.where().empty() ? "" : ": " + e.where()) + ": " + e.message());
      }
    });
    ordered_json list = ordered_json::array();
    bool added = false;
    for (const io::MapVersion& v : versions) {
      list.push_back(versionJson(v));
      list.back()["already_stored"] = v.alreadyStored;
      added = added || !v.alreadyStored;
    }
    reply(res, added ? 201 : 200, {{"versions", list}});
  });
}

void versionWrites(httplib::Server& http, StorePool& store) {
  post(http, kVersion + "/retire", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {});
    const Caller c = callerOf(store, req);
    require(c, io::Role::Editor);
    const io::MapVersion v = visibleVersion(store, req, c);
    store.with([&](io::MapStore& s) { s.retire(v.id); });
    reply(res, 200, {{"retired", v.id}});
  });
  remove(http, kVersion, [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {});
    const Caller c = callerOf(store, req);
    require(c, io::Role::Admin);
    const io::MapVersion v = visibleVersion(store, req, c);
    store.with([&](io::MapStore& s) { s.remove(v.id); });
    store.forget(v.id);
    reply(res, 200, {{"deleted", v.id}});
  });
}

/// One interval of a batch: {station, start, end, laeq[, lmax, l10, l90]}.
io::Measurement measurementFrom(const nlohmann::json& j, std::size_t i) {
  const std::string at = "measurements[" + std::to_string(i) + "]";
  if (!j.is_object()) throw Refusal(400, at + ": expected an object");
  for (const auto& [k, v] : j.items())
    if (k != "station" && k != "start" && k != "end" && k != "laeq" && k != "lmax" && k != "l10" && k != "l90")
      throw Refusal(400, at + ": unknown field '" + k.substr(0, 40) + "'");
  auto text = [&](const char* k) {
    if (!j.contains(k) || !j[k].is_string()) throw Refusal(400, at + "." + k + ": expected a string");
    return j[k].get<std::string>();
  };
  auto number = [&](const char* k, bool required) {
    if (!j.contains(k) && !required) return std::nan("");
    if (!j.contains(k) || !j[k].is_number()) throw Refusal(400, at + "." + k + ": expected a number (dB)");
    return j[k].get<double>();
  };
  return {text("station"), text("start"), text("end"), number("laeq", true), number("lmax", false), number("l10", false), number("l90", false)};
}

/// One station of a declaration: {station, x, y, z[, kind]} in the body's CRS.
io::Station stationFrom(const nlohmann::json& j, std::size_t i) {
  const std::string at = "stations[" + std::to_string(i) + "]";
  if (!j.is_object()) throw Refusal(400, at + ": expected an object");
  for (const auto& [k, v] : j.items())
    if (k != "station" && k != "x" && k != "y" && k != "z" && k != "kind") throw Refusal(400, at + ": unknown field '" + k.substr(0, 40) + "'");
  auto number = [&](const char* k) {
    if (!j.contains(k) || !j[k].is_number()) throw Refusal(400, at + "." + k + ": expected a number (m)");
    return j[k].get<double>();
  };
  if (!j.contains("station") || !j["station"].is_string()) throw Refusal(400, at + ".station: expected a string");
  if (j.contains("kind") && !j["kind"].is_string()) throw Refusal(400, at + ".kind: expected a string");
  io::Station s{j["station"].get<std::string>(), j.value("kind", std::string("fixed")), number("x"), number("y"), number("z")};
  io::checkStation(s, at);
  return s;
}

void measurementRoutes(httplib::Server& http, StorePool& store) {
  // Stations: declared by an editor (a display is registered before it pushes), listed for all.
  post(http, "/api/stations", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {});
    require(callerOf(store, req), io::Role::Editor);
    const nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) throw Refusal(400, "expected {\"crs\": \"EPSG:…\", \"stations\": [1 to 10000 stations]}");
    if (!body.contains("crs") || !body["crs"].is_string() || body["crs"].get<std::string>().size() > 200) throw Refusal(400, "crs: expected the stations' CRS");
    const std::string crs = body["crs"].get<std::string>();
    // Checked with a converter of its own: the shared ones are kept, one per CRS, and a caller's
    // text that is not a CRS must not become one of them.
    if (!io::LonLatConverter(crs).known()) throw Refusal(400, "crs: '" + crs + "' is not a CRS PROJ knows");
    const nlohmann::json& items = body.contains("stations") ? body["stations"] : nlohmann::json();
    if (!items.is_array() || items.empty() || items.size() > 10000) throw Refusal(400, "stations: expected 1 to 10000 stations");
    std::vector<io::Station> list;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      list.push_back(stationFrom(items[i], i));
      if (!seen.insert(list.back().id).second) throw Refusal(400, "stations[" + std::to_string(i) + "].station: " + list.back().id + " is listed twice");
    }
    const std::int64_t added = store.with([&](io::MapStore& s) { return s.addStations(list, crs); });
    reply(res, added > 0 ? 201 : 200, {{"added", added}, {"declared", list.size()}});
  });
  get(http, "/api/stations", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {});
    ordered_json list = ordered_json::array();
    for (const auto& [s, crs] : store.with([](io::MapStore& m) { return m.stations(); })) {
      const auto ll = store.lonLat(crs)(s.x, s.y);
      list.push_back({{"station", s.id}, {"kind", s.kind}, {"x", s.x}, {"y", s.y}, {"z", s.height}, {"crs", crs},
                      {"lon", std::isfinite(ll[0]) ? ordered_json(ll[0]) : ordered_json()}, {"lat", std::isfinite(ll[1]) ? ordered_json(ll[1]) : ordered_json()}});
    }
    reply(res, 200, {{"stations", list}});
  });
  post(http, "/api/measurements", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {});
    const Caller c = callerOf(store, req);
    require(c, io::Role::Editor);
    const nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded()) throw Refusal(400, "the body is not JSON");
    const nlohmann::json& items = body.is_object() && body.contains("measurements") ? body["measurements"] : body;
    if (!items.is_array() || items.empty() || items.size() > 100000) throw Refusal(400, "expected {\"measurements\": [1 to 100000 intervals]}");
    std::vector<io::Measurement> batch;
    for (std::size_t i = 0; i < items.size(); ++i) batch.push_back(measurementFrom(items[i], i));
    const io::MeasurementReceipt r = store.with([&](io::MapStore& s) { return s.addMeasurements(batch, "token " + c.token->name); });
    reply(res, r.added > 0 ? 201 : 200, {{"added", r.added}, {"duplicates", r.duplicates}});
  });
  get(http, "/api/measurements", [&](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {"station"});
    require(callerOf(store, req), io::Role::Viewer);
    const std::string station = p.word("station", 64, {}, ".:");  // the store's station ids (store_measurements.cpp)
    ordered_json list = ordered_json::array();
    for (const io::Measurement& m : store.with([&](io::MapStore& s) { return s.measurements(station); })) {
      ordered_json j = {{"station", m.station}, {"start", m.start}, {"end", m.end}, {"laeq", m.laeq}};
      for (const auto& [k, v] : {std::pair{"lmax", m.lmax}, {"l10", m.l10}, {"l90", m.l90}})
        if (!std::isnan(v)) j[k] = v;
      list.push_back(j);
    }
    reply(res, 200, {{"measurements", list}});
  });
}

}  // namespace

void writeRoutes(httplib::Server& http, StorePool& store, const ServiceOptions& options) {
  uploadRoute(http, store, options);
  versionWrites(http, store);
  measurementRoutes(http, store);
}

}  // namespace citynoise::server
