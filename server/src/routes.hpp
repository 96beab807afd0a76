#pragma once
// The API's routes (internal to citynoise_server): reading (routes_read.cpp), writing
// (routes_write.cpp) and the 3D Tiles (routes_tiles.cpp).
#include "store_pool.hpp"

#include <citynoise/server/service.hpp>

#include <httplib.h>

namespace citynoise::server {

/// Path patterns: a version is 1–12 digits, a building id 1–200 characters without '/'.
inline const std::string kVersion = R"(/api/versions/(\d{1,12}))";

void readRoutes(httplib::Server& http, StorePool& store);
void writeRoutes(httplib::Server& http, StorePool& store, const ServiceOptions& options);
void tilesRoutes(httplib::Server& http, StorePool& store);
/// The page (web/, built into the data folder's web/ or `webRoot`) at / and the map palette at
/// /api/palette; without a built page, / says how to build it.
void pageRoutes(httplib::Server& http, const std::string& webRoot);

}  // namespace citynoise::server
