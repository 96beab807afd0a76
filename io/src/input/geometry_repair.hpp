#pragma once
// Geometry repair at read time (internal to citynoise_io): a feature's OGR geometry brought to
// the kind its layer holds, made valid, cleared of slivers — each step recorded as a Repair.
// GEOS does the heavy part, through GDAL's OGR_G_MakeValid.

#include <citynoise/io/gis.hpp>
#include <citynoise/io/repairs.hpp>

#include "gdal_support.hpp"

#include <string>
#include <vector>

namespace citynoise::io::detail {

/// Where the feature comes from and what to do with a defect.
struct RepairSite {
  const std::string& file;
  const std::string& layer;
  const std::string& id;
  bool strict;                 ///< throw InputError at a defect instead of repairing it
  std::vector<Repair>& out;
};

/// The feature's geometry as a multi-geometry of the `expect` kind (MultiPolygon, MultiLineString,
/// MultiPoint), repaired; null when the feature is dropped. `g` may be null (a feature without
/// geometry). Polygons: rings closed, invalid ones made valid, parts under 0.5 m² or thinner
/// than 0.1 m on average dropped.
gdal::Geometry repairGeometry(OGRGeometryH g, GeometryKind expect, const RepairSite& site);

/// A polygon's area from its rings (outer minus holes, each |shoelace|): defined for invalid
/// polygons too, which is what the area change of a repair is measured against.
double ringsArea(OGRGeometryH polygonOrMulti);

}  // namespace citynoise::io::detail
