#include "gdal_support.hpp"

#include <mutex>

namespace citynoise::io::gdal {

void ensureGdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetErrorHandler(CPLQuietErrorHandler);
  });
}

std::string lastError(const std::string& fallback) {
  const char* msg = CPLGetLastErrorMsg();
  return msg && *msg ? std::string(msg) : fallback;
}

Srs srsFromUserInput(const std::string& text) {
  ensureGdal();
  if (text.empty()) return nullptr;
  Srs srs(OSRNewSpatialReference(nullptr));
  if (OSRSetFromUserInput(srs.get(), text.c_str()) != OGRERR_NONE) return nullptr;
  OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

std::string wktOf(OGRSpatialReferenceH srs) {
  if (!srs) return {};
  char* raw = nullptr;
  OSRExportToWkt(srs, &raw);
  const CplString wkt(raw);
  return wkt ? std::string(wkt.get()) : std::string();
}

std::string srsName(OGRSpatialReferenceH srs) {
  if (!srs) return {};
  const char* auth = OSRGetAuthorityName(srs, nullptr);
  const char* code = OSRGetAuthorityCode(srs, nullptr);
  if (auth && code) return std::string(auth) + ":" + code;
  const char* name = OSRGetName(srs);
  return name ? name : "";
}

}  // namespace citynoise::io::gdal
