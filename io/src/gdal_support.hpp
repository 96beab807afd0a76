#pragma once
// The one way citynoise holds GDAL/OGR/OSR objects: owners that release what GDAL hands out,
// so a thrown exception never leaks a dataset, a spatial reference or a feature, and
// ensureGdal() so no reader depends on another having registered the drivers first.
// Internal to citynoise_io: GDAL types never reach a public header.

#include <citynoise/core/scene_description.hpp>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace citynoise::io::gdal {

/// Registers every GDAL driver once (thread-safe) and routes GDAL's messages to CPLGetLastErrorMsg
/// instead of stderr: failures are reported through our exceptions, naming the file.
void ensureGdal();

/// GDAL's last error message, or `fallback` when GDAL said nothing.
std::string lastError(const std::string& fallback = "");

struct DatasetCloser {
  void operator()(GDALDatasetH h) const {
    if (h) GDALClose(h);
  }
};
struct SrsReleaser {
  void operator()(OGRSpatialReferenceH h) const { OSRDestroySpatialReference(h); }
};
struct TransformReleaser {
  void operator()(OGRCoordinateTransformationH h) const { OCTDestroyCoordinateTransformation(h); }
};
struct FeatureReleaser {
  void operator()(OGRFeatureH h) const { OGR_F_Destroy(h); }
};
struct GeometryReleaser {
  void operator()(OGRGeometryH h) const { OGR_G_DestroyGeometry(h); }
};
struct FieldDefnReleaser {
  void operator()(OGRFieldDefnH h) const { OGR_Fld_Destroy(h); }
};
struct CplReleaser {
  void operator()(void* p) const { CPLFree(p); }
};
struct StringListReleaser {
  void operator()(char** p) const { CSLDestroy(p); }
};

using Dataset = std::unique_ptr<std::remove_pointer_t<GDALDatasetH>, DatasetCloser>;
using Srs = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsReleaser>;
using Transform = std::unique_ptr<std::remove_pointer_t<OGRCoordinateTransformationH>, TransformReleaser>;
using Feature = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureReleaser>;
using Geometry = std::unique_ptr<std::remove_pointer_t<OGRGeometryH>, GeometryReleaser>;
using FieldDefn = std::unique_ptr<std::remove_pointer_t<OGRFieldDefnH>, FieldDefnReleaser>;
using CplString = std::unique_ptr<char, CplReleaser>;
using StringList = std::unique_ptr<char*, StringListReleaser>;

/// A spatial reference from any text OSRSetFromUserInput takes ("EPSG:32649", WKT, PROJ),
/// in x = easting / longitude order; null when the text is not a CRS.
Srs srsFromUserInput(const std::string& text);

/// The WKT of a spatial reference ("" for null).
std::string wktOf(OGRSpatialReferenceH srs);

/// "EPSG:4326" style name of a spatial reference, else its name, else "".
std::string srsName(OGRSpatialReferenceH srs);

/// An OGR ring's plan (x, y), without the repeated closing vertex.
Ring2 planRing(OGRGeometryH ring);

/// A hidden temporary name beside `target` (same folder, so a rename publishes it atomically).
std::filesystem::path temporaryBeside(const std::filesystem::path& target);

/// A vector layer under construction: fields declared once, features added in one transaction.
class LayerWriter {
 public:
  LayerWriter(GDALDatasetH ds, const std::string& name, OGRwkbGeometryType type, OGRSpatialReferenceH srs);
  void field(const char* name, OGRFieldType type);
  void begin();
  void commit();
  [[nodiscard]] Feature feature() const { return Feature(OGR_F_Create(OGR_L_GetLayerDefn(layer_))); }
  void add(Feature f, Geometry g);
  /// Sets a real field, or null when `v` is not finite.
  static void setReal(OGRFeatureH f, const char* name, double v);
  static void setText(OGRFeatureH f, const char* name, const std::string& v);

 private:
  OGRLayerH layer_;
};

/// Creates a vector file (a GeoPackage by default; any GDAL vector driver, with its creation
/// options) at a temporary name beside `file`; publish() renames it over `file`, and a file never
/// published is removed.
class VectorFileOutput {
 public:
  explicit VectorFileOutput(std::filesystem::path file, const char* driver = "GPKG", const char* const* options = nullptr);
  ~VectorFileOutput();
  VectorFileOutput(const VectorFileOutput&) = delete;
  VectorFileOutput& operator=(const VectorFileOutput&) = delete;
  [[nodiscard]] GDALDatasetH dataset() const { return ds_.get(); }
  /// Closes the dataset and renames it into place.
  void publish();

 private:
  std::filesystem::path file_, temp_;
  Dataset ds_;
};

}  // namespace citynoise::io::gdal
