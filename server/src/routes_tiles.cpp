// 3D Tiles of a version for the page and any 3D Tiles client: /tiles/{v}/tileset.json (Lden) or
// /tiles/{v}/{indicator}/tileset.json, and the glb files it names, made on the first request;
// the vertical sections at .../sections/tileset.json, the volume at an altitude (m) at
// .../slice/{altitude}/tileset.json.
#include "http_support.hpp"
#include "routes.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace citynoise::server {
namespace {

/// The cache key of the volume at the path's altitude (whole metres, clamped into the volume's
/// layers: one cached slice per metre at most); 404 without a volume or outside it.
std::string sliceLayer(StorePool& store, const io::MapVersion& v, const std::string& altitude) {
  const long long z = std::stoll(altitude);
  const auto range = store.index(v.id)->volumeRange();
  if (!range) throw Refusal(404, "version " + std::to_string(v.id) + " has no volume");
  if (static_cast<double>(z) < std::floor(range->zMin) || static_cast<double>(z) > std::ceil(range->zMax))
    throw Refusal(404, "the volume of version " + std::to_string(v.id) + " holds altitudes " + std::to_string(range->zMin) + " to " +
                           std::to_string(range->zMax) + " m, not " + altitude);
  return "slice/" + std::to_string(std::clamp(static_cast<double>(z), range->zMin, range->zMax));
}

}  // namespace

void tilesRoutes(httplib::Server& http, StorePool& store) {
  const std::string prefix = R"(/tiles/(\d{1,12})(?:/(Lday|Levening|Lnight|Lden|Ld|Ln|h[01]\d|h2[0-3]))?)";
  // layer: "" the city, "sections", or "slice" (the volume at the altitude of the path's 3rd match)
  auto file = [&store](const httplib::Request& req, httplib::Response& res, const std::string& layer, const std::string& name) {
    const Params p(req, {"v"});  // CesiumJS adds the tileset's version (asset.tilesetVersion) to content requests
    (void)p.integer("v", 0, 999999999999, 0);
    const io::MapVersion v = visibleVersion(store, req, callerOf(store, req));
    const std::string indicator = req.matches[2].matched ? std::string(req.matches[2]) : "Lden";
    const auto tiles = store.tiles(v.id, indicator, layer == "slice" ? sliceLayer(store, v, req.matches[3]) : layer);
    if (tiles->json.empty()) throw Refusal(404, "version " + std::to_string(v.id) + " has no " + layer);
    res.set_header("Cache-Control", v.retired ? "private, max-age=300" : "public, max-age=300");
    res.set_header("X-Content-Type-Options", "nosniff");
    if (name == "tileset.json") return res.set_content(tiles->json, "application/json; charset=utf-8");
    for (const auto& [path, bytes] : tiles->files)
      if (path == "tiles/" + name) return res.set_content(bytes, "model/gltf-binary");
    throw Refusal(404, "version " + std::to_string(v.id) + " has no tile " + name);
  };
  get(http, prefix + "/tileset.json", [file](const httplib::Request& req, httplib::Response& res) { file(req, res, "", "tileset.json"); });
  get(http, prefix + R"(/tiles/(\d{1,2}-\d{1,6}-\d{1,6}(?:-coarse)?\.glb))", [file](const httplib::Request& req, httplib::Response& res) {
    file(req, res, "", req.matches[3]);
  });
  // A click on the map: the ray (origin ox, oy, oz and direction dx, dy, dz in the tileset's local
  // east-north-up frame, the inverse of its root transform) → the building and floor it hits first.
  get(http, prefix + "/pick", [&store](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {"ox", "oy", "oz", "dx", "dy", "dz"});
    std::array<double, 3> origin{}, direction{};
    const char* names[6] = {"ox", "oy", "oz", "dx", "dy", "dz"};
    for (int k = 0; k < 6; ++k) {
      const auto v = p.number(names[k], -1e7, 1e7);
      if (!v) throw Refusal(400, std::string("missing parameter '") + names[k] + "'");
      (k < 3 ? origin : direction)[static_cast<std::size_t>(k % 3)] = *v;
    }
    if (!(std::hypot(direction[0], direction[1], direction[2]) > 1e-9)) throw Refusal(400, "dx, dy, dz: the ray's direction is zero");
    const io::MapVersion v = visibleVersion(store, req, callerOf(store, req));
    const std::string indicator = req.matches[2].matched ? std::string(req.matches[2]) : "Lden";
    const auto hit = io::pickTiles(*store.tiles(v.id, indicator), origin, direction);
    nlohmann::ordered_json out = {{"version", v.id}, {"building", nullptr}, {"floor", nullptr}, {"point", nullptr}};
    if (hit) {
      if (!hit->building.empty()) out["building"] = hit->building, out["floor"] = hit->floor;
      out["point"] = {hit->point[0], hit->point[1], hit->point[2]};
    }
    reply(res, 200, out);
  });
  for (const std::string layer : {"sections", "slice"}) {
    const std::string at = prefix + (layer == "sections" ? "/sections" : R"(/slice/(-?\d{1,5}))");
    get(http, at + "/tileset.json", [file, layer](const httplib::Request& req, httplib::Response& res) { file(req, res, layer, "tileset.json"); });
    get(http, at + "/tiles/0-0-0.glb", [file, layer](const httplib::Request& req, httplib::Response& res) { file(req, res, layer, "0-0-0.glb"); });
  }
}

}  // namespace citynoise::server
