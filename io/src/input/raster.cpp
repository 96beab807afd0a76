// Elevation rasters through GDAL.
#include <citynoise/io/gis.hpp>

#include <citynoise/core/error.hpp>

#include <cpl_conv.h>
#include <gdal.h>
#include <gdalwarper.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <memory>

namespace citynoise::io {
namespace {
struct Closer {
  void operator()(void* h) const {
    if (h) GDALClose(h);
  }
};
using Dataset = std::unique_ptr<void, Closer>;

std::string wktOf(const std::string& crs) {
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  std::string out;
  if (OSRSetFromUserInput(srs, crs.c_str()) == OGRERR_NONE) {
    char* wkt = nullptr;
    OSRExportToWkt(srs, &wkt);
    out = wkt ? wkt : "";
    CPLFree(wkt);
  }
  OSRDestroySpatialReference(srs);
  return out;
}
}  // namespace

ElevationGrid readElevationRaster(const std::string& file, const std::string& targetCrs) {
  (void)isGeographicCrs("EPSG:4326");  // registers the GDAL drivers
  Dataset ds(GDALOpen(file.c_str(), GA_ReadOnly));
  if (!ds) throw InputError(file, "", std::string("cannot open as a raster (") + CPLGetLastErrorMsg() + ")");
  const char* sourceWkt = GDALGetProjectionRef(ds.get());
  Dataset warped;
  void* use = ds.get();
  if (!targetCrs.empty() && sourceWkt && *sourceWkt) {
    const std::string target = wktOf(targetCrs);
    if (target.empty()) throw InputError(file, "", "unknown target CRS \"" + targetCrs + "\"");
    OGRSpatialReferenceH a = OSRNewSpatialReference(sourceWkt), b = OSRNewSpatialReference(target.c_str());
    const bool same = OSRIsSame(a, b);
    OSRDestroySpatialReference(a), OSRDestroySpatialReference(b);
    if (!same) {
      warped.reset(GDALAutoCreateWarpedVRT(ds.get(), sourceWkt, target.c_str(), GRA_Bilinear, 0.125, nullptr));
      if (!warped) throw InputError(file, "", "cannot reproject the raster to " + targetCrs);
      use = warped.get();
    }
  }
  double gt[6];
  if (GDALGetGeoTransform(use, gt) != CE_None) throw InputError(file, "", "the raster has no georeferencing");
  if (gt[2] != 0.0 || gt[4] != 0.0) throw InputError(file, "", "rotated rasters are not supported");
  ElevationGrid g;
  g.columns = GDALGetRasterXSize(use);
  g.rows = GDALGetRasterYSize(use);
  g.originX = gt[0];
  g.originY = gt[3];
  g.cellSizeX = gt[1];
  g.cellSizeY = -gt[5];
  if (g.cellSizeY <= 0.0) throw InputError(file, "", "south-up rasters are not supported");
  GDALRasterBandH band = GDALGetRasterBand(use, 1);
  int hasNoData = 0;
  const double noData = GDALGetRasterNoDataValue(band, &hasNoData);
  g.values.resize(static_cast<std::size_t>(g.columns) * g.rows);
  if (GDALRasterIO(band, GF_Read, 0, 0, g.columns, g.rows, g.values.data(), g.columns, g.rows, GDT_Float64, 0, 0) != CE_None)
    throw InputError(file, "", std::string("cannot read the elevations (") + CPLGetLastErrorMsg() + ")");
  g.noData = hasNoData ? noData : -1e30;
  for (double& v : g.values)
    if (!std::isfinite(v)) v = g.noData;
  return g;
}

}  // namespace citynoise::io
