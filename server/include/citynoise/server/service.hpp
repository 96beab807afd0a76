#pragma once
// `citynoise serve`: the map store as a JSON API over HTTP, for the district's officials and the
// public page. Binds to localhost unless told otherwise; every parameter checked; reads only for
// now (tokens and writes come with the next steps of issue 14).

#include <functional>
#include <string>

namespace citynoise::server {

struct ServiceOptions {
  std::string store;             ///< a store file or "PG:…"
  std::string bind = "127.0.0.1";
  int port = 8080;               ///< 0: any free port (printed)
};

/// Serves until the process is stopped; `ready` is called with the port once listening.
/// InputError for a store that cannot be opened; std::runtime_error when the port cannot be bound.
void serve(const ServiceOptions& options, const std::function<void(int port)>& ready);

}  // namespace citynoise::server
