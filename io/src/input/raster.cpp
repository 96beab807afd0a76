// Elevation rasters through GDAL.
#include <citynoise/io/gis.hpp>

#include <citynoise/core/error.hpp>

#include "gdal_support.hpp"

#include <gdalwarper.h>

#include <cmath>

namespace citynoise::io {

using gdal::Dataset;

ElevationGrid readElevationRaster(const std::string& file, const std::string& targetCrs) {
  gdal::ensureGdal();
  Dataset ds(GDALOpen(file.c_str(), GA_ReadOnly));
  if (!ds) throw InputError(file, "", "cannot open as a raster (" + gdal::lastError() + ")");
  const char* sourceWkt = GDALGetProjectionRef(ds.get());
  Dataset warped;
  GDALDatasetH use = ds.get();
  if (!targetCrs.empty() && sourceWkt && *sourceWkt) {
    const std::string target = gdal::wktOf(gdal::srsFromUserInput(targetCrs).get());
    if (target.empty()) throw InputError(file, "", "unknown target CRS \"" + targetCrs + "\"");
    // Both from WKT, so that the comparison sees the CRSs and not their axis-order settings.
    const gdal::Srs sourceSrs(OSRNewSpatialReference(sourceWkt)), targetSrs(OSRNewSpatialReference(target.c_str()));
    if (!OSRIsSame(sourceSrs.get(), targetSrs.get())) {
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
    throw InputError(file, "", "cannot read the elevations (" + gdal::lastError() + ")");
  g.noData = hasNoData ? noData : -1e30;
  for (double& v : g.values)
    if (!std::isfinite(v)) v = g.noData;
  return g;
}

}  // namespace citynoise::io
