#include "gdal_support.hpp"

#include <cmath>
#include <unistd.h>

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

Ring2 planRing(OGRGeometryH ring) {
  Ring2 out;
  const int n = OGR_G_GetPointCount(ring);
  for (int i = 0; i < n; ++i) out.push_back({OGR_G_GetX(ring, i), OGR_G_GetY(ring, i)});
  if (out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y) out.pop_back();
  return out;
}

std::filesystem::path temporaryBeside(const std::filesystem::path& target) {
  return target.parent_path() / ("." + target.stem().string() + ".tmp" + std::to_string(::getpid()) + target.extension().string());
}

LayerWriter::LayerWriter(GDALDatasetH ds, const std::string& name, OGRwkbGeometryType type, OGRSpatialReferenceH srs)
    : layer_(GDALDatasetCreateLayer(ds, name.c_str(), srs, type, nullptr)) {
  if (!layer_) throw std::runtime_error("cannot create layer " + name + ": " + lastError());
}

void LayerWriter::field(const char* name, OGRFieldType type) {
  const FieldDefn f(OGR_Fld_Create(name, type));
  if (OGR_L_CreateField(layer_, f.get(), TRUE) != OGRERR_NONE) throw std::runtime_error(std::string("cannot create field ") + name);
}

void LayerWriter::begin() {
  if (OGR_L_StartTransaction(layer_) != OGRERR_NONE) throw std::runtime_error("cannot start a transaction");
}

void LayerWriter::commit() {
  if (OGR_L_CommitTransaction(layer_) != OGRERR_NONE) throw std::runtime_error("cannot commit: " + lastError());
}

void LayerWriter::add(Feature f, Geometry g) {
  OGR_F_SetGeometryDirectly(f.get(), g.release());
  if (OGR_L_CreateFeature(layer_, f.get()) != OGRERR_NONE) throw std::runtime_error("cannot write a feature: " + lastError());
}

void LayerWriter::setReal(OGRFeatureH f, const char* name, double v) {
  if (std::isfinite(v)) OGR_F_SetFieldDouble(f, OGR_F_GetFieldIndex(f, name), v);
  else OGR_F_SetFieldNull(f, OGR_F_GetFieldIndex(f, name));
}

void LayerWriter::setText(OGRFeatureH f, const char* name, const std::string& v) {
  OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, name), v.c_str());
}

VectorFileOutput::VectorFileOutput(std::filesystem::path file, const char* driverName, const char* const* options)
    : file_(std::move(file)), temp_(temporaryBeside(file_)) {
  ensureGdal();
  GDALDriverH driver = GDALGetDriverByName(driverName);
  if (!driver) throw std::runtime_error(std::string("GDAL has no ") + driverName + " driver");
  std::filesystem::remove(temp_);
  ds_.reset(GDALCreate(driver, temp_.c_str(), 0, 0, 0, GDT_Unknown, const_cast<char**>(options)));
  if (!ds_) throw std::runtime_error("cannot create " + temp_.string() + ": " + lastError());
}

VectorFileOutput::~VectorFileOutput() {
  if (ds_) {
    ds_.reset();
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

void VectorFileOutput::publish() {
  ds_.reset();
  std::filesystem::rename(temp_, file_);
}

}  // namespace citynoise::io::gdal
