// Vector layers through GDAL/OGR (rasters: raster.cpp; owners and registration: gdal_support).
#include <citynoise/io/gis.hpp>

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>
#include <unordered_set>

#include <citynoise/core/error.hpp>

#include "gdal_support.hpp"
#include "geometry_repair.hpp"

namespace citynoise::io {
namespace {

using gdal::Dataset;
using gdal::Feature;
using gdal::Srs;
using gdal::Transform;
using gdal::srsName;

Dataset open(const std::string& file, const std::vector<std::string>& openOptions = {}) {
  gdal::ensureGdal();
  std::vector<const char*> options;
  for (const std::string& o : openOptions) options.push_back(o.c_str());
  options.push_back(nullptr);
  Dataset ds(GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options.data(), nullptr));
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

/// A line's or ring's vertices (a ring without its repeated closing vertex; rings are closed by
/// the repair when a layer expects polygons).
std::vector<Vec3> vertices(OGRGeometryH g, bool ring) {
  std::vector<Vec3> out;
  const int n = OGR_G_GetPointCount(g);
  for (int i = 0; i < n; ++i) {
    double x = 0, y = 0, z = 0;
    OGR_G_GetPoint(g, i, &x, &y, &z);
    out.push_back({x, y, z});
  }
  if (ring && out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y) out.pop_back();
  return out;
}

void collect(OGRGeometryH g, GisFeature& f) {
  switch (wkbFlatten(OGR_G_GetGeometryType(g))) {
    case wkbPoint:
      f.kind = GeometryKind::Point;
      f.parts.push_back(vertices(g, false));
      break;
    case wkbLineString:
      f.kind = GeometryKind::Line;
      f.parts.push_back(vertices(g, false));
      break;
    case wkbPolygon: {
      f.kind = GeometryKind::Polygon;
      std::vector<std::vector<Vec3>> rings;
      for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) rings.push_back(vertices(OGR_G_GetGeometryRef(g, i), true));
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


void applyFilter(OGRLayerH layer, const std::string& where, const std::string& file, const std::string& name) {
  if (where.empty()) return;
  if (OGR_L_SetAttributeFilter(layer, where.c_str()) != OGRERR_NONE)
    throw InputError(file, name, "where: cannot use \"" + where + "\" as a filter (" + gdal::lastError("not a valid expression") + ")");
}

/// The transformation from the layer's CRS to `targetCrs` (null when none is needed); fills in
/// the layer's CRS fields.
Transform transformTo(OGRLayerH layer, const std::string& targetCrs, GisLayer& out) {
  OGRSpatialReferenceH source = OGR_L_GetSpatialRef(layer);
  out.geographic = source && OSRIsGeographic(source);
  out.hasCrs = source != nullptr;
  out.crsName = srsName(source);
  out.sourceCrs = out.crsName;
  Transform transform;
  if (targetCrs.empty() || !source) return transform;
  const Srs target = gdal::srsFromUserInput(targetCrs);
  if (!target) throw InputError(out.file, out.layer, "unknown target CRS \"" + targetCrs + "\"");
  Srs src(OSRClone(source));
  OSRSetAxisMappingStrategy(src.get(), OAMS_TRADITIONAL_GIS_ORDER);
  if (!OSRIsSame(src.get(), target.get())) {
    transform.reset(OCTNewCoordinateTransformation(src.get(), target.get()));
    if (!transform) throw InputError(out.file, out.layer, "cannot reproject from " + out.crsName + " to " + targetCrs);
  }
  out.crsName = srsName(target.get());
  out.geographic = OSRIsGeographic(target.get());
  return transform;
}

void readAttributes(OGRFeatureH f, OGRFeatureDefnH defn, const std::vector<std::string>& fields, GisFeature& feature) {
  for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
    AttributeValue v;
    if (OGR_F_IsFieldSetAndNotNull(f, i)) {
      const OGRFieldType t = OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i));
      if (t == OFTInteger || t == OFTInteger64 || t == OFTReal) v = OGR_F_GetFieldAsDouble(f, i);
      else v = std::string(OGR_F_GetFieldAsString(f, i));
    }
    feature.attributes[fields[static_cast<std::size_t>(i)]] = std::move(v);
  }
}

/// Exact copies of a feature (the same vertices and attributes, as a bad export or a layer
/// merged twice leaves them).
class DuplicateFilter {
 public:
  bool seen(const GisFeature& f) { return !keys_.insert(key(f)).second; }

 private:
  static std::string key(const GisFeature& f) {
    std::ostringstream o;
    o.precision(17);
    for (const auto& part : f.parts)
      for (const Vec3& p : part) o << p.x << ' ' << p.y << ' ' << p.z << ';';
    for (const auto& poly : f.polygons)
      for (const auto& ring : poly) {
        for (const Vec3& p : ring) o << p.x << ' ' << p.y << ' ' << p.z << ';';
        o << '|';
      }
    for (const auto& [k, v] : f.attributes) {
      o << k << '=';
      if (const double* d = std::get_if<double>(&v)) o << *d;
      else if (const std::string* s = std::get_if<std::string>(&v)) o << '"' << *s;
      o << '\n';
    }
    return o.str();
  }
  std::unordered_set<std::string> keys_;
};

}  // namespace

bool isKnownCrs(const std::string& crs) { return gdal::srsFromUserInput(crs) != nullptr; }

bool isGeographicCrs(const std::string& crs) {
  const Srs srs = gdal::srsFromUserInput(crs);
  return srs && OSRIsGeographic(srs.get());
}

std::optional<Box2> layerExtent(const std::string& file, const std::string& layerName) {
  const Dataset ds = open(file);
  OGREnvelope e;
  OGRLayerH layer = findLayer(ds.get(), file, layerName);
  // The quick answer (a header), else a scan of the features.
  if (OGR_L_GetExtent(layer, &e, FALSE) != OGRERR_NONE && OGR_L_GetExtent(layer, &e, TRUE) != OGRERR_NONE) return std::nullopt;
  return Box2{{e.MinX, e.MinY}, {e.MaxX, e.MaxY}};
}

std::string layerCrs(const std::string& file, const std::string& layerName) {
  const Dataset ds = open(file);
  return srsName(OGR_L_GetSpatialRef(findLayer(ds.get(), file, layerName)));
}

GisLayer readVectorLayer(const std::string& file, const std::string& layerName, const std::string& targetCrs) {
  LayerQuery q;
  q.layer = layerName;
  q.targetCrs = targetCrs;
  return readVectorLayer(file, q);
}

Ring2 planRing(const std::vector<Vec3>& ring) {
  Ring2 out;
  out.reserve(ring.size());
  for (const Vec3& p : ring) out.push_back(plan(p));
  return out;
}

std::string attributeText(const AttributeValue& v) {
  if (const std::string* s = std::get_if<std::string>(&v)) return *s;
  const double* d = std::get_if<double>(&v);
  if (!d) return {};
  std::ostringstream o;
  if (std::isfinite(*d) && *d == std::floor(*d) && std::abs(*d) < 1e15) o << static_cast<long long>(*d);
  else o << std::setprecision(17) << *d;
  return o.str();
}

std::string featureName(const GisFeature& f, const std::string& idField) {
  if (!idField.empty()) {
    const auto it = f.attributes.find(idField);
    if (it != f.attributes.end() && !std::holds_alternative<std::monostate>(it->second)) return attributeText(it->second);
  }
  return "fid " + std::to_string(f.fid);
}

GisLayer readVectorLayer(const std::string& file, const LayerQuery& q) {
  const Dataset ds = open(file, q.openOptions);
  OGRLayerH layer = findLayer(ds.get(), file, q.layer);
  GisLayer out;
  out.file = file;
  out.layer = OGR_L_GetName(layer);
  applyFilter(layer, q.where, file, out.layer);
  if (q.bounds) OGR_L_SetSpatialFilterRect(layer, q.bounds->min.x, q.bounds->min.y, q.bounds->max.x, q.bounds->max.y);
  const Transform transform = transformTo(layer, q.targetCrs, out);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) out.fields.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
  DuplicateFilter duplicates;
  OGR_L_ResetReading(layer);
  while (Feature f{OGR_L_GetNextFeature(layer)}) {
    GisFeature feature;
    feature.fid = OGR_F_GetFID(f.get());
    readAttributes(f.get(), defn, out.fields, feature);
    OGRGeometryH g = OGR_F_GetGeometryRef(f.get());
    if (transform && g && OGR_G_Transform(g, transform.get()) != OGRERR_NONE)
      throw InputError(file, out.layer + " feature " + std::to_string(feature.fid), "cannot reproject the geometry");
    if (q.expect == GeometryKind::None) {
      if (g) collect(g, feature);
      out.features.push_back(std::move(feature));
      continue;
    }
    const std::string id = q.idOf ? q.idOf(feature) : featureName(feature, q.idField);
    const detail::RepairSite site{file, out.layer, id, q.strict, out.repairs};
    const gdal::Geometry repaired = detail::repairGeometry(g, q.expect, site);
    if (!repaired) continue;
    collect(repaired.get(), feature);
    if (duplicates.seen(feature)) {
      // Not a defect under --strict either: the scene always removed a second identical copy.
      out.repairs.push_back({file, out.layer, id, Defect::Duplicate, "dropped", 0.0, 0.0});
      continue;
    }
    out.features.push_back(std::move(feature));
  }
  return out;
}

}  // namespace citynoise::io
