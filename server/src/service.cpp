// The server (see service.hpp): cpp-httplib's server, HTTPS through its OpenSSL support when
// given a certificate and key, a fixed pool of worker threads (a keep-alive connection holds one
// while it is open, so there are more threads than cores) lent store connections per request.
#include <citynoise/server/service.hpp>

#include <citynoise/core/error.hpp>

#include "http_support.hpp"
#include "routes.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

namespace citynoise::server {
namespace {

void errorRoutes(httplib::Server& http) {
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const char* what = res.status == 404 ? "no such resource" : res.status == 413 ? "the request body is too large (or a form: send an archive as application/gzip, application/zip or application/octet-stream)"
                                                                : res.status == 405 ? "method not allowed" : "bad request";
    reply(res, res.status, {{"error", what}});
  });
  http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      std::cerr << "citynoise serve: " << req.method << " " << req.path << ": " << e.what() << '\n';  // details stay here
    } catch (...) {
    }
    reply(res, 500, {{"error", "internal error"}});
  });
}

std::unique_ptr<httplib::Server> makeServer(const ServiceOptions& o) {
  if (o.certificate.empty() != o.key.empty()) throw InputError("--tls-cert/--tls-key", "", "HTTPS needs both a certificate and its key");
  if (o.certificate.empty()) return std::make_unique<httplib::Server>();
  for (const std::string& f : {o.certificate, o.key})
    if (!std::filesystem::is_regular_file(f)) throw InputError(f, "", "no such certificate or key file");
  auto https = std::make_unique<httplib::SSLServer>(o.certificate.c_str(), o.key.c_str());
  if (!https->is_valid()) throw InputError(o.certificate, "", "not a PEM certificate matching the key " + o.key);
  return https;
}

/// What the page asks first, made while the service already answers: the newest public
/// baselines' Lden tiles (seconds for a whole district) and point index, so a first visitor does
/// not wait for them. A failure is logged; the request that needs it will say why.
void warmUp(StorePool& store, int count) {
  try {
    std::vector<io::MapVersion> versions = store.with([](io::MapStore& s) { return s.list(false); });
    std::reverse(versions.begin(), versions.end());
    for (const io::MapVersion& v : versions) {
      if (count <= 0) break;
      if (!v.variant.empty()) continue;
      --count;
      (void)store.tiles(v.id, "Lden");
      (void)store.index(v.id);
    }
  } catch (const std::exception& e) {
    std::cerr << "citynoise serve: warming up: " << e.what() << '\n';
  }
}

}  // namespace

void serve(const ServiceOptions& o, const std::function<void(int port)>& ready) {
  if (o.port < 0 || o.port > 65535) throw InputError("--port", std::to_string(o.port), "expected a port from 0 to 65535");
  if (o.threads < 1 || o.threads > 1024) throw InputError("--threads", std::to_string(o.threads), "expected 1 to 1024");
  if (o.connections < 1 || o.connections > 64) throw InputError("--connections", std::to_string(o.connections), "expected 1 to 64");
  StorePool store(o.store, std::min(o.connections, o.threads));
  const std::unique_ptr<httplib::Server> http = makeServer(o);
  const int threads = o.threads;
  http->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  http->set_payload_max_length(o.maxUploadBytes);
  http->set_tcp_nodelay(true);  // small answers at once: Nagle and delayed ACKs would add 40 ms to each
  http->set_keep_alive_max_count(1000);  // not a new TCP connection every 5 requests (cpp-httplib's default)
  readRoutes(*http, store);
  writeRoutes(*http, store, o);
  tilesRoutes(*http, store);
  pageRoutes(*http, o.webRoot);
  errorRoutes(*http);
  const int port = o.port == 0 ? http->bind_to_any_port(o.bind) : (http->bind_to_port(o.bind, o.port) ? o.port : -1);
  if (port < 0) throw std::runtime_error("cannot listen on " + o.bind + ":" + std::to_string(o.port));
  ready(port);
  std::thread warming([&store, n = o.warm] { warmUp(store, n); });
  http->listen_after_bind();
  warming.join();
}

}  // namespace citynoise::server
