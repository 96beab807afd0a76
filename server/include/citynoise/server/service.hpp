#pragma once
// `citynoise serve`: the map store as a JSON API over HTTP(S), for the district's officials and
// the public page. Binds to localhost unless told otherwise; every parameter checked; writes need
// an editor's (uploads, measurements, retiring) or an admin's (deleting) bearer token.

#include <cstdint>
#include <functional>
#include <string>

namespace citynoise::server {

struct ServiceOptions {
  std::string store;             ///< a store file or "PG:…"
  std::string bind = "127.0.0.1";
  int port = 8080;               ///< 0: any free port (printed)
  std::string certificate, key;  ///< PEM files: HTTPS when both are given
  std::uint64_t maxUploadBytes = 512ull << 20;  ///< a larger request body is refused (413)
  int threads = 64;              ///< worker threads: a keep-alive client holds one while connected
  int connections = 8;           ///< store connections, lent to the threads for one request at a time
  std::string webRoot;           ///< the page's files (served at /); empty: the data folder's web/ when built
  int warm = 1;                  ///< baselines (newest first) whose Lden tiles and point index are made at start
};

/// Serves until the process is stopped; `ready` is called with the port once listening.
/// InputError for a store that cannot be opened or a bad option; std::runtime_error when the
/// port cannot be bound.
void serve(const ServiceOptions& options, const std::function<void(int port)>& ready);

}  // namespace citynoise::server
