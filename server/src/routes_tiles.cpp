// 3D Tiles of a version for the page and any 3D Tiles client: /tiles/{v}/tileset.json (Lden) or
// /tiles/{v}/{indicator}/tileset.json, and the glb files it names, made on the first request.
#include "http_support.hpp"
#include "routes.hpp"

namespace citynoise::server {

void tilesRoutes(httplib::Server& http, StorePool& store) {
  const std::string prefix = R"(/tiles/(\d{1,12})(?:/(Lday|Levening|Lnight|Lden|Ld|Ln))?)";
  auto file = [&store](const httplib::Request& req, httplib::Response& res, const std::string& name) {
    const Params p(req, {"v"});  // CesiumJS adds the tileset's version (asset.tilesetVersion) to content requests
    (void)p.integer("v", 0, 999999999999, 0);
    const io::MapVersion v = visibleVersion(store, req, callerOf(store, req));
    const std::string indicator = req.matches[2].matched ? std::string(req.matches[2]) : "Lden";
    const auto tiles = store.tiles(v.id, indicator);
    res.set_header("Cache-Control", v.retired ? "private, max-age=300" : "public, max-age=300");
    res.set_header("X-Content-Type-Options", "nosniff");
    if (name == "tileset.json") return res.set_content(tiles->json, "application/json; charset=utf-8");
    for (const auto& [path, bytes] : tiles->files)
      if (path == "tiles/" + name) return res.set_content(bytes, "model/gltf-binary");
    throw Refusal(404, "version " + std::to_string(v.id) + " has no tile " + name);
  };
  get(http, prefix + "/tileset.json", [file](const httplib::Request& req, httplib::Response& res) { file(req, res, "tileset.json"); });
  get(http, prefix + R"(/tiles/(\d{1,2}-\d{1,6}-\d{1,6}\.glb))", [file](const httplib::Request& req, httplib::Response& res) { file(req, res, req.matches[3]); });
}

}  // namespace citynoise::server
