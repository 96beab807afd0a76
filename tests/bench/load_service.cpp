// The service's load test (README, "Keeping maps"): C concurrent clients (default 50), each with
// its own keep-alive connection, ask without pause for D seconds a mix of building queries
// (random buildings of the version) and point queries (random façade points, jittered by up to
// 1 m, and random grid points); prints latency percentiles per kind and the throughput. Localhost
// only, bounded in time.
//   load_service PORT VERSION [--clients 50] [--seconds 20]
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Sample {
  double ms;
  bool point;
  bool ok;
};

nlohmann::json getJson(httplib::Client& c, const std::string& path) {
  const auto r = c.Get(path.c_str());
  if (!r || r->status != 200) throw std::runtime_error("GET " + path + " failed");
  return nlohmann::json::parse(r->body);
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: load_service PORT VERSION [--clients 50] [--seconds 20]\n");
    return 2;
  }
  const int port = std::stoi(argv[1]);
  const std::string version = argv[2];
  int clients = 50;
  double seconds = 20;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--clients") clients = std::stoi(argv[i + 1]);
    if (std::string(argv[i]) == "--seconds") seconds = std::stod(argv[i + 1]);
  }
  // What to ask: every building id, and points (façade points of a sample of buildings).
  httplib::Client setup("127.0.0.1", port);
  std::vector<std::string> buildings;
  for (int offset = 0;; offset += 1000) {
    const auto page = getJson(setup, "/api/versions/" + version + "/buildings?limit=1000&offset=" + std::to_string(offset));
    for (const auto& b : page["buildings"]) buildings.push_back(b["id"]);
    if (page["buildings"].size() < 1000) break;
  }
  std::vector<std::array<double, 3>> points;
  std::mt19937_64 pick(42);
  for (int k = 0; k < 300 && !buildings.empty(); ++k) {
    const auto b = getJson(setup, "/api/versions/" + version + "/buildings/" + buildings[pick() % buildings.size()]);
    for (const auto& f : b["floors"]) points.push_back({f["loudest_point"]["x"], f["loudest_point"]["y"], f["loudest_point"]["z"]});
  }
  if (buildings.empty() || points.empty()) {
    std::fprintf(stderr, "load_service: version %s has no buildings or façade points\n", version.c_str());
    return 1;
  }
  getJson(setup, "/api/versions/" + version + "/level?x=" + std::to_string(points[0][0]) + "&y=" + std::to_string(points[0][1]) +
                     "&z=" + std::to_string(points[0][2]));  // the point index is built on the first point query: not timed

  std::vector<std::vector<Sample>> samples(static_cast<std::size_t>(clients));
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      std::mt19937_64 rng(static_cast<std::uint64_t>(c) + 1);
      std::uniform_real_distribution<double> jitter(-1.0, 1.0);
      while (Clock::now() < end) {
        const bool point = rng() % 2 == 0;
        std::string path;
        if (point) {
          const auto& p = points[rng() % points.size()];
          path = "/api/versions/" + version + "/level?x=" + std::to_string(p[0] + jitter(rng)) + "&y=" + std::to_string(p[1] + jitter(rng)) +
                 "&z=" + std::to_string(p[2] + jitter(rng));
        } else {
          path = "/api/versions/" + version + "/buildings/" + buildings[rng() % buildings.size()];
        }
        const auto t0 = Clock::now();
        const auto r = client.Get(path.c_str());
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        samples[static_cast<std::size_t>(c)].push_back({ms, point, r && r->status == 200});
      }
    });
  for (auto& t : threads) t.join();
  std::vector<double> building, point;
  std::size_t failed = 0;
  for (const auto& s : samples)
    for (const Sample& x : s) {
      (x.point ? point : building).push_back(x.ms);
      failed += !x.ok;
    }
  const double total = static_cast<double>(building.size() + point.size());
  std::printf("clients %d, %.0f s, %zu buildings, %zu points to ask; %.0f requests, %.0f per second, %zu not 200\n", clients, seconds,
              buildings.size(), points.size(), total, total / seconds, failed);
  for (const auto& [name, v] : {std::pair{"building", &building}, std::pair{"point", &point}})
    std::printf("%-9s n %7zu  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n", name, v->size(), percentile(*v, 0.50), percentile(*v, 0.95),
                percentile(*v, 0.99), percentile(*v, 1.0));
  return failed == 0 ? 0 : 1;
}
