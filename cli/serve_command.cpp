// `citynoise serve STORE [--bind 127.0.0.1] [--port 8080] [--tls-cert C --tls-key K]`: the store as
// a JSON API over HTTP or HTTPS.

#include "commands.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/server/service.hpp>

#include <iostream>

namespace citynoise::cli {

void addServeCommand(CLI::App& app, ServeOptions& o) {
  CLI::App* cmd = app.add_subcommand("serve", "Serve a map store as a JSON API over HTTP (localhost unless --bind)");
  cmd->add_option("STORE", o.service.store, "store file or PG:connection")->required();
  cmd->add_option("--bind", o.service.bind, "address to listen on (default 127.0.0.1: this machine only)");
  cmd->add_option("--port", o.service.port, "port (default 8080; 0: any free port, printed)");
  cmd->add_option("--tls-cert", o.service.certificate, "PEM certificate: serve HTTPS (with --tls-key)");
  cmd->add_option("--tls-key", o.service.key, "PEM private key of --tls-cert");
  cmd->add_option("--threads", o.service.threads, "worker threads; each open keep-alive connection holds one (default 64)");
  cmd->add_option("--connections", o.service.connections, "store connections shared by the threads (default 8)");
  cmd->add_option("--web", o.service.webRoot, "the page's folder (default: the built page in the data folder's web/)");
  cmd->add_option("--warm", o.service.warm, "make the Lden tiles and point index of the newest N public baselines at start, in the background (default 1; 0: on first request)")
      ->check(CLI::Range(0, 100));
  cmd->add_option("--max-upload-mb", o.maxUploadMb, "largest accepted request body in MiB (default 512)")->check(CLI::Range(1, 65536));
}

int runServe(const ServeOptions& o) {
  try {
    server::ServiceOptions service = o.service;
    service.maxUploadBytes = o.maxUploadMb << 20;
    const char* scheme = service.certificate.empty() ? "http" : "https";
    server::serve(service, [&](int port) {
      std::cout << "citynoise serve: " << service.store << " on " << scheme << "://" << service.bind << ":" << port << "/" << std::endl;
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
