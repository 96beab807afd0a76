// `citynoise serve STORE [--bind 127.0.0.1] [--port 8080]`: the store as a JSON API.

#include "commands.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/server/service.hpp>

#include <iostream>

namespace citynoise::cli {

void addServeCommand(CLI::App& app, ServeOptions& o) {
  CLI::App* cmd = app.add_subcommand("serve", "Serve a map store as a JSON API over HTTP (localhost unless --bind)");
  cmd->add_option("STORE", o.store, "store file or PG:connection")->required();
  cmd->add_option("--bind", o.bind, "address to listen on (default 127.0.0.1: this machine only)");
  cmd->add_option("--port", o.port, "port (default 8080; 0: any free port, printed)");
}

int runServe(const ServeOptions& o) {
  try {
    server::serve({o.store, o.bind, o.port}, [&](int port) {
      std::cout << "citynoise serve: " << o.store << " on http://" << o.bind << ":" << port << "/api/versions" << std::endl;
    });
    return kExitOk;
  } catch (const InputError& e) {
    std::cerr << "citynoise serve: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "citynoise serve: error: " << e.what() << '\n';
    return kExitFailure;
  }
}

}  // namespace citynoise::cli
