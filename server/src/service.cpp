// The JSON API over the store (see service.hpp). Routes take their parameters from fixed
// patterns (a version is 1–12 digits, a building id 1–200 characters without '/'); anything else
// is 400 or 404 as JSON, never an internal message.
#include <citynoise/server/service.hpp>

#include <citynoise/core/error.hpp>
#include <citynoise/io/store.hpp>

#include "answers.hpp"

#include <httplib.h>

#include <iostream>
#include <mutex>

namespace citynoise::server {
namespace {

using nlohmann::ordered_json;

void reply(httplib::Response& res, int status, const ordered_json& body) {
  res.status = status;
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

void error(httplib::Response& res, int status, const std::string& message) { reply(res, status, {{"error", message}}); }

/// The store, shared by the server's threads (one connection, used under a lock).
class Guarded {
 public:
  explicit Guarded(const std::string& store) : store_(store) {}
  template <class F>
  auto with(F&& f) {
    const std::lock_guard<std::mutex> lock(mutex_);
    return f(store_);
  }

 private:
  io::MapStore store_;
  std::mutex mutex_;
};

/// Who asks: nobody (the public), or the role of the request's bearer token. A token that is
/// not valid is refused (401), not treated as no token.
struct Caller {
  std::optional<io::Role> role;
  bool refused = false;
};

Caller callerOf(Guarded& store, const httplib::Request& req, httplib::Response& res) {
  Caller c;
  if (!req.has_header("Authorization")) return c;
  const std::string h = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (h.rfind(prefix, 0) == 0) c.role = store.with([&](io::MapStore& s) { return s.authenticate(h.substr(prefix.size())); });
  if (!c.role) {
    c.refused = true;
    res.set_header("WWW-Authenticate", "Bearer");
    error(res, 401, "invalid or revoked token");
  }
  return c;
}

/// A version by the id in the path: public ones for everybody, retired ones for token holders;
/// 404 otherwise (also for a retired version asked without a token: it is not there for them).
std::optional<io::MapVersion> visibleVersion(Guarded& store, const httplib::Request& req, httplib::Response& res) {
  const Caller c = callerOf(store, req, res);
  if (c.refused) return std::nullopt;
  const std::string id = req.matches[1];
  const std::int64_t v = std::stoll(id);  // the route's pattern allows 1–12 digits only
  std::optional<io::MapVersion> found = store.with([&](io::MapStore& s) -> std::optional<io::MapVersion> {
    try {
      io::MapVersion mv = s.version(v);
      if (!mv.retired || c.role) return mv;
    } catch (const InputError&) {
    }
    return std::nullopt;
  });
  if (!found) error(res, 404, "no version " + id);
  return found;
}

void routes(httplib::Server& http, Guarded& store) {
  const std::string version = R"(/api/versions/(\d{1,12}))";
  http.Get("/api/versions", [&](const httplib::Request& req, httplib::Response& res) {
    const Caller c = callerOf(store, req, res);
    if (c.refused) return;
    ordered_json out = ordered_json::array();
    for (const io::MapVersion& v : store.with([&](io::MapStore& s) { return s.list(c.role.has_value()); })) {
      out.push_back(versionJson(v));
      out.back()["retired"] = v.retired;
    }
    reply(res, 200, out);
  });
  http.Get(version, [&](const httplib::Request& req, httplib::Response& res) {
    if (const auto v = visibleVersion(store, req, res)) reply(res, 200, versionJson(*v));
  });
  http.Get(version + "/summary", [&](const httplib::Request& req, httplib::Response& res) {
    const auto v = visibleVersion(store, req, res);
    if (!v) return;
    const auto csv = store.with([&](io::MapStore& s) { return s.summary(v->id, "summary.csv"); });
    if (!csv) return error(res, 404, "version " + std::to_string(v->id) + " has no summary");
    reply(res, 200, summaryJson(*csv));
  });
  http.Get(version + R"(/buildings/([^/]{1,200}))", [&](const httplib::Request& req, httplib::Response& res) {
    const auto v = visibleVersion(store, req, res);
    if (!v) return;
    const std::string id = req.matches[2];
    const auto b = store.with([&](io::MapStore& s) { return s.building(v->id, id); });
    if (!b) return error(res, 404, "version " + std::to_string(v->id) + " has no building " + id);
    reply(res, 200, buildingJson(*b));
  });
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) error(res, res.status, res.status == 404 ? "no such resource" : "bad request");
  });
  http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      std::cerr << "citynoise serve: " << req.method << " " << req.path << ": " << e.what() << '\n';  // details stay here
    } catch (...) {
    }
    error(res, 500, "internal error");
  });
}

}  // namespace

void serve(const ServiceOptions& o, const std::function<void(int port)>& ready) {
  if (o.port < 0 || o.port > 65535) throw InputError("--port", std::to_string(o.port), "expected a port from 0 to 65535");
  Guarded store(o.store);
  httplib::Server http;
  http.set_payload_max_length(64 * 1024 * 1024);
  routes(http, store);
  const int port = o.port == 0 ? http.bind_to_any_port(o.bind) : (http.bind_to_port(o.bind, o.port) ? o.port : -1);
  if (port < 0) throw std::runtime_error("cannot listen on " + o.bind + ":" + std::to_string(o.port));
  ready(port);
  http.listen_after_bind();
}

}  // namespace citynoise::server
