// Bringing a feature's geometry to its layer's kind and to validity (see geometry_repair.hpp).
#include "geometry_repair.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/core/geometry2d.hpp>

#include <cmath>
#include <sstream>

namespace citynoise::io::detail {
namespace {

/// Below these a polygon part is a digitising slip, not a building or an area: 0.5 m² is less
/// than any structure that screens or reflects sound, 0.1 m mean width (2·area/perimeter) less
/// than any wall.
constexpr double kSliverArea = 0.5;
constexpr double kSliverWidth = 0.1;

double ringLength(OGRGeometryH ring) {
  const int n = OGR_G_GetPointCount(ring);
  double l = 0.0;
  for (int i = 0; i + 1 < n; ++i) l += std::hypot(OGR_G_GetX(ring, i + 1) - OGR_G_GetX(ring, i), OGR_G_GetY(ring, i + 1) - OGR_G_GetY(ring, i));
  return l;
}

OGRwkbGeometryType flat(OGRGeometryH g) { return wkbFlatten(OGR_G_GetGeometryType(g)); }

OGRwkbGeometryType singleOf(GeometryKind k) {
  return k == GeometryKind::Polygon ? wkbPolygon : k == GeometryKind::Line ? wkbLineString : wkbPoint;
}
OGRwkbGeometryType multiOf(GeometryKind k) {
  return k == GeometryKind::Polygon ? wkbMultiPolygon : k == GeometryKind::Line ? wkbMultiLineString : wkbMultiPoint;
}
const char* kindName(GeometryKind k) {
  return k == GeometryKind::Polygon ? "polygon" : k == GeometryKind::Line ? "line" : "point";
}

/// Appends clones of every part of kind `single` in `g` (recursing into collections) to `multi`;
/// returns how many parts of another kind were left out.
int gatherParts(OGRGeometryH g, OGRwkbGeometryType single, OGRGeometryH multi) {
  const OGRwkbGeometryType t = flat(g);
  if (t == single) {
    OGR_G_AddGeometry(multi, g);
    return 0;
  }
  if (OGR_GT_IsSubClassOf(t, wkbGeometryCollection)) {
    int others = 0;
    for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) others += gatherParts(OGR_G_GetGeometryRef(g, i), single, multi);
    return others;
  }
  return 1;
}

class Recorder {
 public:
  explicit Recorder(const RepairSite& site) : site_(site) {}
  /// Records a repair, or throws in strict mode (unless `strictMessage` is empty: a repair that
  /// was always made). Returns the record, to fill in its areas.
  Repair& record(Defect d, const std::string& action, const std::string& strictMessage) {
    if (site_.strict && !strictMessage.empty()) throw InputError(site_.file, site_.id, "geometry: " + strictMessage + " (without --strict: " + action + ")");
    site_.out.push_back({site_.file, site_.layer, site_.id, d, action, 0.0, 0.0});
    return site_.out.back();
  }

 private:
  const RepairSite& site_;
};

bool hasOpenRing(OGRGeometryH multiPolygon) {
  for (int p = 0; p < OGR_G_GetGeometryCount(multiPolygon); ++p) {
    OGRGeometryH poly = OGR_G_GetGeometryRef(multiPolygon, p);
    for (int r = 0; r < OGR_G_GetGeometryCount(poly); ++r) {
      OGRGeometryH ring = OGR_G_GetGeometryRef(poly, r);
      const int n = OGR_G_GetPointCount(ring);
      if (n > 1 && (OGR_G_GetX(ring, 0) != OGR_G_GetX(ring, n - 1) || OGR_G_GetY(ring, 0) != OGR_G_GetY(ring, n - 1))) return true;
    }
  }
  return false;
}

/// Polygons: closed, valid, without slivers; null when nothing is left.
gdal::Geometry cleanPolygons(gdal::Geometry multi, Recorder& rec) {
  if (hasOpenRing(multi.get())) {
    // Not fatal under --strict either: closing the ring was always done, with a warning.
    OGR_G_CloseRings(multi.get());
    Repair& r = rec.record(Defect::UnclosedRing, "ring closed", "");
    r.areaBefore = r.areaAfter = ringsArea(multi.get());
  }
  if (!OGR_G_IsValid(multi.get())) {
    const double before = ringsArea(multi.get());
    gdal::Geometry valid(OGR_G_MakeValid(multi.get()));
    gdal::Geometry polygons(OGR_G_CreateGeometry(wkbMultiPolygon));
    if (valid) gatherParts(valid.get(), wkbPolygon, polygons.get());
    const int n = OGR_G_GetGeometryCount(polygons.get());
    std::ostringstream action;
    action << "made valid (GEOS): " << n << (n == 1 ? " polygon" : " polygons");
    if (n == 0) action.str("made valid (GEOS): no area left, dropped");
    Repair& r = rec.record(Defect::InvalidPolygon, action.str(), "the ring intersects or touches itself");
    r.areaBefore = before;
    r.areaAfter = ringsArea(polygons.get());
    if (n == 0) return nullptr;
    multi = std::move(polygons);
  }
  gdal::Geometry kept(OGR_G_CreateGeometry(wkbMultiPolygon));
  double dropped = 0.0, total = 0.0;
  int slivers = 0;
  for (int p = 0; p < OGR_G_GetGeometryCount(multi.get()); ++p) {
    OGRGeometryH poly = OGR_G_GetGeometryRef(multi.get(), p);
    const double area = ringsArea(poly);
    const double perimeter = OGR_G_GetGeometryCount(poly) > 0 ? ringLength(OGR_G_GetGeometryRef(poly, 0)) : 0.0;
    total += area;
    if (area < kSliverArea || 2.0 * area < kSliverWidth * perimeter) {
      dropped += area, ++slivers;
    } else {
      OGR_G_AddGeometry(kept.get(), poly);
    }
  }
  if (slivers > 0) {
    const bool all = OGR_G_GetGeometryCount(kept.get()) == 0;
    std::ostringstream action;
    action << (all ? "dropped" : "dropped " + std::to_string(slivers) + " sliver part" + (slivers > 1 ? "s" : ""));
    Repair& r = rec.record(Defect::Sliver, action.str(), "a degenerate part (under 0.5 m² or thinner than 0.1 m)");
    r.areaBefore = total;
    r.areaAfter = total - dropped;
    if (all) return nullptr;
  }
  return kept;
}

/// Lines with fewer than two distinct points are dropped.
gdal::Geometry cleanLines(gdal::Geometry multi, Recorder& rec) {
  gdal::Geometry kept(OGR_G_CreateGeometry(wkbMultiLineString));
  int degenerate = 0;
  for (int i = 0; i < OGR_G_GetGeometryCount(multi.get()); ++i) {
    OGRGeometryH line = OGR_G_GetGeometryRef(multi.get(), i);
    if (ringLength(line) > 1e-6) OGR_G_AddGeometry(kept.get(), line);
    else ++degenerate;
  }
  if (degenerate > 0) {
    const bool all = OGR_G_GetGeometryCount(kept.get()) == 0;
    rec.record(Defect::Sliver, all ? "dropped" : "dropped " + std::to_string(degenerate) + " zero-length part(s)", "a line of zero length");
    if (all) return nullptr;
  }
  return kept;
}

}  // namespace

double ringsArea(OGRGeometryH g) {
  const OGRwkbGeometryType t = flat(g);
  if (t == wkbPolygon) {
    double a = 0.0;
    for (int r = 0; r < OGR_G_GetGeometryCount(g); ++r) {
      const double ra = std::abs(signedArea(gdal::planRing(OGR_G_GetGeometryRef(g, r))));
      a += r == 0 ? ra : -ra;
    }
    return a;
  }
  double a = 0.0;
  if (OGR_GT_IsSubClassOf(t, wkbGeometryCollection))
    for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) a += ringsArea(OGR_G_GetGeometryRef(g, i));
  return a;
}

gdal::Geometry repairGeometry(OGRGeometryH g, GeometryKind expect, const RepairSite& site) {
  Recorder rec(site);
  if (!g) {
    rec.record(Defect::NullGeometry, "dropped", "the feature has no geometry");
    return nullptr;
  }
  if (OGR_G_IsEmpty(g)) {
    rec.record(Defect::EmptyGeometry, "dropped", "the geometry is empty");
    return nullptr;
  }
  gdal::Geometry linear;
  if (OGR_G_HasCurveGeometry(g, TRUE)) {  // arcs (GeoPackage, CityGML): straight pieces
    linear.reset(OGR_G_GetLinearGeometry(g, 0.0, nullptr));
    g = linear.get();
  }
  const OGRwkbGeometryType t = flat(g);
  gdal::Geometry multi(OGR_G_CreateGeometry(multiOf(expect)));
  const int others = gatherParts(g, singleOf(expect), multi.get());
  const int parts = OGR_G_GetGeometryCount(multi.get());
  if (parts == 0) {
    rec.record(Defect::WrongGeometry, "dropped", std::string("expected a ") + kindName(expect) + ", got a " + OGRGeometryTypeToName(t));
    return nullptr;
  }
  if (t == wkbGeometryCollection || others > 0) {
    std::ostringstream action;
    action << "reduced to its " << parts << " " << kindName(expect) << " part" << (parts > 1 ? "s" : "");
    if (others > 0) action << " (" << others << " other part" << (others > 1 ? "s" : "") << " dropped)";
    Repair& r = rec.record(Defect::Collection, action.str(), std::string("a collection, expected a ") + kindName(expect));
    if (expect == GeometryKind::Polygon) r.areaBefore = r.areaAfter = ringsArea(multi.get());
  }
  if (expect == GeometryKind::Polygon) return cleanPolygons(std::move(multi), rec);
  if (expect == GeometryKind::Line) return cleanLines(std::move(multi), rec);
  return multi;
}

}  // namespace citynoise::io::detail
