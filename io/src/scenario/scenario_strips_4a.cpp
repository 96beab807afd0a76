// GB 3096-2008 class 4a strips where no zone map gives them: along expressways, arterials and
// sub-arterials, a strip whose width depends on the class of the area behind it (GB/T 15190-2014
// §8.3: about 50 m next to class 1, 35 m next to class 2, 20 m next to class 3, from the road's
// edge), made with GEOS buffers through GDAL and appended to the zone polygons.
#include "scenario_internal.hpp"

#include "../gdal_support.hpp"

#include <set>

namespace citynoise::io {
namespace {

/// Road classes along which GB 3096 puts class 4a: CJJ 37 urban expressways, arterials and
/// sub-arterials, class I and II highways, and the OpenStreetMap classes that stand for them.
const std::set<std::string> kDefault4aClasses = {"快速路", "主干路", "次干路", "高速公路", "一级公路", "二级公路",
                                                 "motorway", "motorway_link", "trunk", "trunk_link", "primary",
                                                 "primary_link", "secondary", "secondary_link"};

gdal::Geometry lineOf(const std::vector<Vec3>& part) {
  gdal::Geometry g(OGR_G_CreateGeometry(wkbLineString));
  for (const Vec3& p : part) OGR_G_AddPoint_2D(g.get(), p.x, p.y);
  return g;
}

gdal::Geometry polygonOf(const Ring2& ring) {
  gdal::Geometry poly(OGR_G_CreateGeometry(wkbPolygon));
  OGRGeometryH r = OGR_G_CreateGeometry(wkbLinearRing);
  for (const Vec2& p : ring) OGR_G_AddPoint_2D(r, p.x, p.y);
  OGR_G_AddPoint_2D(r, ring.front().x, ring.front().y);
  OGR_G_AddGeometryDirectly(poly.get(), r);
  return poly;
}


/// Appends a strip as zone areas: each outer ring as 4a, then each hole as the class around it
/// (zone areas have no holes; the later area wins).
void appendStrip(OGRGeometryH g, const std::string& id, const std::string& baseClass, std::vector<ZoneArea>& out) {
  const OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
  if (t == wkbPolygon) {
    for (int r = 0; r < OGR_G_GetGeometryCount(g); ++r)
      out.push_back({id, gdal::planRing(OGR_G_GetGeometryRef(g, r)), r == 0 ? std::string("4a") : baseClass});
  } else if (OGR_GT_IsSubClassOf(t, wkbGeometryCollection)) {
    for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) appendStrip(OGR_G_GetGeometryRef(g, i), id, baseClass, out);
  }
}

/// The centre lines of the qualifying roads of every [[roads]] layer.
gdal::Geometry qualifyingRoads(const TomlNode& root, const std::filesystem::path& dir, const std::string& crs,
                               const std::string& classField, const std::set<std::string>& classes, std::size_t& count) {
  gdal::Geometry lines(OGR_G_CreateGeometry(wkbMultiLineString));
  for (const TomlNode& s : root.tables("roads")) {
    if (!s.has("file")) continue;
    LayerQuery q;
    q.layer = s.string("layer", "");
    q.where = s.string("where", "");
    q.targetCrs = crs;
    q.expect = GeometryKind::Line;
    const GisLayer layer = readVectorLayer(s.pathValue("file", dir), q);
    if (std::find(layer.fields.begin(), layer.fields.end(), classField) == layer.fields.end())
      throw InputError(layer.file, layer.layer, "zones.strips_4a.class: no attribute \"" + classField + "\"");
    for (const GisFeature& f : layer.features) {
      if (!classes.count(textAttribute(f, classField))) continue;
      ++count;
      for (const auto& part : f.parts) OGR_G_AddGeometryDirectly(lines.get(), lineOf(part).release());
    }
  }
  return lines;
}

}  // namespace

void addStrips4a(const TomlNode& t, const TomlNode& root, const std::filesystem::path& dir, const std::string& crs, Scenario& s) {
  const std::string classField = t.string("class");
  std::set<std::string> classes = kDefault4aClasses;
  if (t.has("roads")) {
    const std::vector<std::string> given = t.strings("roads");
    classes = {given.begin(), given.end()};
  }
  const double halfWidth = t.number("half_width", 7.5);  // from the centre line to the road's edge
  if (halfWidth < 0.0) t.fail("half_width", "expected a distance ≥ 0 m");
  std::map<std::string, double> width = {{"1", 50.0}, {"2", 35.0}, {"3", 20.0}};
  if (const auto w = t.table("widths"))
    for (auto& [zone, metres] : width) {
      metres = w->number(zone.c_str(), metres);
      if (metres <= 0.0) w->fail(zone, "expected a positive width");
    }
  std::size_t count = 0;
  gdal::ensureGdal();
  const gdal::Geometry roads = qualifyingRoads(root, dir, crs, classField, classes, count);
  if (count == 0) {
    addWarning(s.warnings, t.file(), "zones.strips_4a: no road of the 4a classes: no strip");
    return;
  }
  std::map<std::string, gdal::Geometry> strip;
  for (const auto& [zone, metres] : width) strip[zone].reset(OGR_G_Buffer(roads.get(), metres + halfWidth, 8));
  std::vector<ZoneArea> zones;
  const std::string& def = s.scene.defaultZone;
  if (strip.count(def)) appendStrip(strip.at(def).get(), "4a strip", def, zones);
  zones.insert(zones.end(), s.scene.zones.begin(), s.scene.zones.end());
  for (const ZoneArea& z : s.scene.zones) {
    if (!strip.count(z.zone)) continue;
    const gdal::Geometry area = polygonOf(z.polygon);
    const gdal::Geometry part(OGR_G_Intersection(strip.at(z.zone).get(), area.get()));
    if (part && !OGR_G_IsEmpty(part.get())) appendStrip(part.get(), z.id + " 4a strip", z.zone, zones);
  }
  s.scene.zones = std::move(zones);
  addWarning(s.warnings, t.file(), "zones.strips_4a: class 4a along " + std::to_string(count) +
                                       " roads (GB/T 15190 widths from the road's edge; the first-row rule is not applied)");
}

}  // namespace citynoise::io
