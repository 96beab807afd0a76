// Vector layers through GDAL/OGR (rasters: raster.cpp; owners and registration: gdal_support).
#include <citynoise/io/gis.hpp>

#include <filesystem>

#include <citynoise/core/error.hpp>

#include "gdal_support.hpp"

namespace citynoise::io {
namespace {

using gdal::Dataset;
using gdal::Feature;
using gdal::Srs;
using gdal::Transform;
using gdal::srsName;

Dataset open(const std::string& file) {
  gdal::ensureGdal();
  Dataset ds(GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) throw InputError(file, "", "no such file");
    throw InputError(file, "", "cannot open as a vector layer (" + gdal::lastError("not a format GDAL reads") + ")");
  }
  return ds;
}

OGRLayerH findLayer(GDALDatasetH ds, const std::string& file, const std::string& name) {
  OGRLayerH layer = name.empty() ? GDALDatasetGetLayer(ds, 0) : GDALDatasetGetLayerByName(ds, name.c_str());
  if (!layer) {
    std::string names;
    for (int i = 0; i < GDALDatasetGetLayerCount(ds); ++i)
      names += (i ? ", " : "") + std::string(OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
    throw InputError(file, name, "no such layer (the file has: " + names + ")");
  }
  return layer;
}

std::vector<Vec3> vertices(OGRGeometryH g, bool ring, bool& wasOpen) {
  std::vector<Vec3> out;
  const int n = OGR_G_GetPointCount(g);
  for (int i = 0; i < n; ++i) {
    double x = 0, y = 0, z = 0;
    OGR_G_GetPoint(g, i, &x, &y, &z);
    out.push_back({x, y, z});
  }
  if (ring && out.size() > 1) {
    if (out.front().x == out.back().x && out.front().y == out.back().y) out.pop_back();
    else wasOpen = true;
  }
  return out;
}

void collect(OGRGeometryH g, GisFeature& f) {
  switch (wkbFlatten(OGR_G_GetGeometryType(g))) {
    case wkbPoint:
      f.kind = GeometryKind::Point;
      f.parts.push_back(vertices(g, false, f.ringWasOpen));
      break;
    case wkbLineString:
      f.kind = GeometryKind::Line;
      f.parts.push_back(vertices(g, false, f.ringWasOpen));
      break;
    case wkbPolygon: {
      f.kind = GeometryKind::Polygon;
      std::vector<std::vector<Vec3>> rings;
      for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) rings.push_back(vertices(OGR_G_GetGeometryRef(g, i), true, f.ringWasOpen));
      f.polygons.push_back(std::move(rings));
      break;
    }
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) collect(OGR_G_GetGeometryRef(g, i), f);
      break;
    default:
      break;
  }
}

}  // namespace

bool isGeographicCrs(const std::string& crs) {
  const Srs srs = gdal::srsFromUserInput(crs);
  return srs && OSRIsGeographic(srs.get());
}

std::string layerCrs(const std::string& file, const std::string& layerName) {
  const Dataset ds = open(file);
  return srsName(OGR_L_GetSpatialRef(findLayer(ds.get(), file, layerName)));
}

GisLayer readVectorLayer(const std::string& file, const std::string& layerName, const std::string& targetCrs) {
  const Dataset ds = open(file);
  OGRLayerH layer = findLayer(ds.get(), file, layerName);
  GisLayer out;
  out.file = file;
  out.layer = OGR_L_GetName(layer);
  OGRSpatialReferenceH source = OGR_L_GetSpatialRef(layer);
  out.geographic = source && OSRIsGeographic(source);
  out.hasCrs = source != nullptr;
  out.crsName = srsName(source);
  out.sourceCrs = out.crsName;
  Transform transform;
  if (!targetCrs.empty() && source) {
    const Srs target = gdal::srsFromUserInput(targetCrs);
    if (!target) throw InputError(file, out.layer, "unknown target CRS \"" + targetCrs + "\"");
    Srs src(OSRClone(source));
    OSRSetAxisMappingStrategy(src.get(), OAMS_TRADITIONAL_GIS_ORDER);
    if (!OSRIsSame(src.get(), target.get())) {
      transform.reset(OCTNewCoordinateTransformation(src.get(), target.get()));
      if (!transform) throw InputError(file, out.layer, "cannot reproject from " + out.crsName + " to " + targetCrs);
    }
    out.crsName = srsName(target.get());
    out.geographic = OSRIsGeographic(target.get());
  }
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) out.fields.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
  OGR_L_ResetReading(layer);
  while (Feature f{OGR_L_GetNextFeature(layer)}) {
    GisFeature feature;
    feature.fid = OGR_F_GetFID(f.get());
    if (OGRGeometryH g = OGR_F_GetGeometryRef(f.get())) {
      if (transform && OGR_G_Transform(g, transform.get()) != OGRERR_NONE)
        throw InputError(file, out.layer + " feature " + std::to_string(feature.fid), "cannot reproject the geometry");
      collect(g, feature);
    }
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
      AttributeValue v;
      if (OGR_F_IsFieldSetAndNotNull(f.get(), i)) {
        const OGRFieldType t = OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i));
        if (t == OFTInteger || t == OFTInteger64 || t == OFTReal) v = OGR_F_GetFieldAsDouble(f.get(), i);
        else v = std::string(OGR_F_GetFieldAsString(f.get(), i));
      }
      feature.attributes[out.fields[static_cast<std::size_t>(i)]] = std::move(v);
    }
    out.features.push_back(std::move(feature));
  }
  return out;
}

}  // namespace citynoise::io
