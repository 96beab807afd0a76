// The browser page's files and the one map palette (see routes.hpp). cpp-httplib serves the
// mounted folder itself and refuses paths that climb out of it.
#include "http_support.hpp"
#include "routes.hpp"

#include <citynoise/io/data_files.hpp>

#include <filesystem>

namespace citynoise::server {

void pageRoutes(httplib::Server& http, const std::string& webRoot) {
  std::string root = webRoot;
  if (root.empty()) {
    std::error_code ec;
    const std::filesystem::path built = io::dataDirectory() / "web";
    if (std::filesystem::is_regular_file(built / "index.html", ec)) root = built.string();
  }
  const std::string palette = io::readDataFile("palettes.json");
  get(http, "/api/palette", [palette](const httplib::Request& req, httplib::Response& res) {
    const Params p(req, {});
    res.set_header("Cache-Control", "public, max-age=3600");
    res.set_content(palette, "application/json; charset=utf-8");
  });
  if (!root.empty() && http.set_mount_point("/", root)) {
    // Types with a charset: cpp-httplib compresses only the bare "text/…", "application/javascript"
    // and "application/json" on the fly, with brotli at its slowest quality (30 s for the 4 MB
    // bundle on this machine); uncompressed is what a district's network can carry.
    for (const auto& [extension, type] : {std::pair{"js", "application/javascript; charset=utf-8"}, {"mjs", "application/javascript; charset=utf-8"},
                                          {"json", "application/json; charset=utf-8"}, {"css", "text/css; charset=utf-8"},
                                          {"html", "text/html; charset=utf-8"}, {"glb", "model/gltf-binary"}})
      http.set_file_extension_and_mimetype_mapping(extension, type);
    return;
  }
  get(http, "/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("citynoise serve: the page is not built here (node and npm build it with cmake; the API is at /api/versions)\n",
                    "text/plain; charset=utf-8");
  });
}

}  // namespace citynoise::server
