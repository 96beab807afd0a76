#pragma once
// GIS layers through GDAL/OGR (Shapefile, GeoPackage, GeoJSON, OSM PBF, …), reprojected to the
// scenario's CRS. Only plain citynoise types cross this header.

#include <citynoise/core/geometry2d.hpp>
#include <citynoise/core/scene_description.hpp>
#include <citynoise/core/vec.hpp>
#include <citynoise/io/repairs.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace citynoise::io {

using AttributeValue = std::variant<std::monostate, double, std::string>;

enum class GeometryKind : std::uint8_t { None, Point, Line, Polygon };

struct GisFeature {
  std::int64_t fid = -1;             ///< the layer's feature id (messages)
  GeometryKind kind = GeometryKind::None;
  /// Points: one part of one vertex per point; lines: one part per line string; polygons: one
  /// entry per polygon, its rings (outer first) — rings without the repeated closing vertex.
  std::vector<std::vector<Vec3>> parts;
  std::vector<std::vector<std::vector<Vec3>>> polygons;
  std::map<std::string, AttributeValue> attributes;
};

struct GisLayer {
  std::string file, layer;
  std::string crsName;        ///< of the data as read (after reprojection: the target's)
  std::string sourceCrs;      ///< as the file declares it
  bool geographic = false;    ///< the source CRS is geographic (degrees)
  bool hasCrs = true;         ///< false: the file declares none (taken to be in the target CRS)
  std::vector<std::string> fields;
  std::vector<GisFeature> features;
  std::vector<Repair> repairs;  ///< what reading repaired or dropped (with an expected kind)
};

/// What to read from a vector file.
struct LayerQuery {
  std::string layer;      ///< "" = the first
  std::string where;      ///< an OGR attribute filter ("highway IN ('primary','secondary')"), "" = all
  std::string targetCrs;  ///< reproject to it ("" = keep the layer's)
  /// The geometry the layer must hold. With Point, Line or Polygon every feature is brought to it
  /// and repaired (null, empty and wrong geometries, slivers and duplicates dropped; collections
  /// reduced; invalid polygons made valid), each repair recorded in GisLayer::repairs. None: as
  /// the file has it.
  GeometryKind expect = GeometryKind::None;
  std::string idField;    ///< the attribute naming features in repair records ("" = fid)
  /// Names features in repair records instead of `idField` (OSM: "way/123", "relation/45").
  std::function<std::string(const GisFeature&)> idOf;
  bool strict = false;    ///< a defect throws InputError instead of being repaired
  std::optional<Box2> bounds;  ///< keep features meeting this box (in the layer's own CRS)
  std::vector<std::string> openOptions;  ///< driver open options ("CONFIG_FILE=…" for OSM)
};

/// Reads a vector layer (the first, or `layer`). With `targetCrs` ("EPSG:2154", WKT, …) the
/// geometries are reprojected; a layer without CRS is taken to be in the target CRS. Throws
/// InputError(file, layer, …) when the file or layer cannot be read.
GisLayer readVectorLayer(const std::string& file, const std::string& layer = "", const std::string& targetCrs = "");
/// The same with a filter and repairs; a `where` GDAL cannot parse throws InputError naming it.
GisLayer readVectorLayer(const std::string& file, const LayerQuery& query);

/// An attribute as text: strings as they are, whole numbers without exponent or decimals
/// (69939923, not 6.99399e+07: ids must not collide), other numbers to 17 significant digits;
/// "" for null.
std::string attributeText(const AttributeValue& v);

/// A ring's plan (x, y) — footprints, areas, zones.
Ring2 planRing(const std::vector<Vec3>& ring);

/// How reading names a feature: its `idField` attribute as text, else "fid N".
std::string featureName(const GisFeature& f, const std::string& idField);

/// The extent of a layer in its own CRS (a file's header where it has one, else a scan);
/// nullopt when GDAL cannot tell.
std::optional<Box2> layerExtent(const std::string& file, const std::string& layer = "");

/// The CRS of a layer as "EPSG:xxxx" when it has an EPSG code, else its name; empty if none.
std::string layerCrs(const std::string& file, const std::string& layer = "");

/// Whether GDAL/PROJ know a CRS text (EPSG code, WKT, PROJ string).
bool isKnownCrs(const std::string& crs);

/// Whether a CRS text (EPSG code, WKT, PROJ string) is geographic (degrees).
bool isGeographicCrs(const std::string& crs);

/// An elevation raster (GeoTIFF, ASCII grid, SRTM HGT, any GDAL raster), warped to `targetCrs`
/// (bilinear) when it is in another CRS. Throws InputError(file, …).
ElevationGrid readElevationRaster(const std::string& file, const std::string& targetCrs);

}  // namespace citynoise::io
