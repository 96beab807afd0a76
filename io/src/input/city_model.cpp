// City models as scene buildings (see city_model.hpp): reading, reprojection, footprints by GEOS
// union, eaves altitudes.
#include "city_model_internal.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/core/geometry2d.hpp>

#include "../gdal_support.hpp"
#include "geometry_repair.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

namespace citynoise::io {
namespace detail {

std::string epsgName(const std::string& ref) {
  const auto at = ref.find("EPSG");
  if (at == std::string::npos) return ref;
  const auto digits = ref.find_last_not_of("0123456789");
  if (digits == std::string::npos || digits + 1 >= ref.size()) return ref;
  return "EPSG:" + ref.substr(digits + 1);
}

}  // namespace detail

namespace {

bool endsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && std::equal(tail.rbegin(), tail.rend(), s.rbegin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         });
}

/// A .json file is CityJSON when its first kilobytes say so.
bool looksLikeCityJson(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head.find("\"CityJSON\"") != std::string::npos;
}

void reproject(CityModel& model, const std::string& targetCrs) {
  if (targetCrs.empty() || model.crs.empty()) return;
  const gdal::Srs source = gdal::srsFromUserInput(model.crs), target = gdal::srsFromUserInput(targetCrs);
  if (!source) throw InputError(model.file, "metadata.referenceSystem", "unknown CRS \"" + model.crs + "\"");
  if (!target) throw InputError(model.file, "", "unknown target CRS \"" + targetCrs + "\"");
  if (OSRIsSame(source.get(), target.get())) return;
  const gdal::Transform t(OCTNewCoordinateTransformation(source.get(), target.get()));
  if (!t) throw InputError(model.file, "", "cannot reproject from " + model.crs + " to " + targetCrs);
  for (CityObject& o : model.buildings)
    for (CitySurface& s : o.surfaces)
      for (Vec3& p : s.ring)
        if (!OCTTransform(t.get(), 1, &p.x, &p.y, &p.z)) throw InputError(model.file, o.id, "cannot reproject a vertex");
}

/// A building whose parts carry geometry is described by them: its own surfaces (an envelope of
/// the parts) go; each part takes its building's attributes where it has none of its own.
void resolveParts(CityModel& model) {
  std::map<std::string, const CityObject*> byId;
  for (const CityObject& o : model.buildings) byId[o.id] = &o;
  std::set<std::string> withParts;
  for (const CityObject& o : model.buildings)
    if (!o.parent.empty() && !o.surfaces.empty()) withParts.insert(o.parent);
  std::vector<CityObject> kept;
  for (CityObject& o : model.buildings) {
    if (withParts.count(o.id)) continue;
    if (const auto p = byId.find(o.parent); p != byId.end())
      for (const auto& [k, v] : p->second->attributes) o.attributes.emplace(k, v);
    kept.push_back(std::move(o));
  }
  model.buildings = std::move(kept);
}

Vec3 newellNormal(const std::vector<Vec3>& ring) {
  Vec3 n{0, 0, 0};
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const Vec3& a = ring[i];
    const Vec3& b = ring[(i + 1) % ring.size()];
    n.x += (a.y - b.y) * (a.z + b.z);
    n.y += (a.z - b.z) * (a.x + b.x);
    n.z += (a.x - b.x) * (a.y + b.y);
  }
  return n;
}

/// Not a wall: its normal more than ~6° from horizontal.
bool nonVertical(const CitySurface& s) {
  const Vec3 n = newellNormal(s.ring);
  const double len = length(n);
  return len > 1e-12 && std::abs(n.z) > 0.1 * len;
}

double planArea(const std::vector<Vec3>& ring) { return std::abs(signedArea(planRing(ring))); }

double minZ(const std::vector<Vec3>& ring) {
  double z = 1e300;
  for (const Vec3& p : ring) z = std::min(z, p.z);
  return z;
}

double maxZ(const std::vector<Vec3>& ring) {
  double z = -1e300;
  for (const Vec3& p : ring) z = std::max(z, p.z);
  return z;
}

/// The plan union of the non-vertical surfaces (ground and roofs cover the footprint).
gdal::Geometry footprintUnion(const CityObject& o) {
  gdal::Geometry pieces(OGR_G_CreateGeometry(wkbMultiPolygon));
  for (const CitySurface& s : o.surfaces) {
    if (!nonVertical(s) || planArea(s.ring) < 1e-6) continue;
    gdal::Geometry poly(OGR_G_CreateGeometry(wkbPolygon));
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
    for (const Vec3& p : s.ring) OGR_G_AddPoint_2D(ring, p.x, p.y);
    OGR_G_AddPoint_2D(ring, s.ring.front().x, s.ring.front().y);
    OGR_G_AddGeometryDirectly(poly.get(), ring);
    if (!OGR_G_IsValid(poly.get())) poly.reset(OGR_G_MakeValid(poly.get()));
    if (poly) OGR_G_AddGeometry(pieces.get(), poly.get());
  }
  if (OGR_G_GetGeometryCount(pieces.get()) == 0) return nullptr;
  return gdal::Geometry(OGR_G_UnionCascaded(pieces.get()));
}

/// The eaves: the plan-area-weighted median of the roof surfaces' lowest points, so a small
/// dormer or annex does not set the height of the whole roof.
double eavesAltitude(const std::vector<const CitySurface*>& roofs) {
  std::vector<std::pair<double, double>> zArea;
  double total = 0.0;
  for (const CitySurface* s : roofs) {
    const double a = std::max(planArea(s->ring), 1e-9);
    zArea.emplace_back(minZ(s->ring), a);
    total += a;
  }
  std::sort(zArea.begin(), zArea.end());
  double acc = 0.0;
  for (const auto& [z, a] : zArea)
    if ((acc += a) >= 0.5 * total) return z;
  return zArea.back().first;
}

std::vector<const CitySurface*> roofSurfaces(const CityObject& o, double base) {
  std::vector<const CitySurface*> roofs;
  for (const CitySurface& s : o.surfaces)
    if (s.role == SurfaceRole::Roof) roofs.push_back(&s);
  if (!roofs.empty()) return roofs;
  for (const CitySurface& s : o.surfaces)  // no semantics: what is not a wall and stands above the base
    if (s.role != SurfaceRole::Ground && nonVertical(s) && maxZ(s.ring) > base + 0.5) roofs.push_back(&s);
  return roofs;
}

/// The part of a planar ring at or above altitude z (Sutherland–Hodgman against one plane).
std::vector<Vec3> clipAbove(const std::vector<Vec3>& ring, double z) {
  std::vector<Vec3> out;
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const Vec3& a = ring[i];
    const Vec3& b = ring[(i + 1) % ring.size()];
    const bool ina = a.z >= z, inb = b.z >= z;
    if (ina) out.push_back(a);
    if (ina != inb) {
      const double t = (z - a.z) / (b.z - a.z);
      out.push_back({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y), z});
    }
  }
  return out;
}

/// The surfaces above the eaves as triangles (fans: roof and gable faces are planar and nearly
/// always convex), for the 3D outputs.
std::vector<std::array<Vec3, 3>> shapeAbove(const CityObject& o, double eaves) {
  std::vector<std::array<Vec3, 3>> out;
  for (const CitySurface& s : o.surfaces) {
    if (s.role == SurfaceRole::Ground || maxZ(s.ring) < eaves + 0.05) continue;
    const std::vector<Vec3> part = clipAbove(s.ring, eaves);
    for (std::size_t i = 1; i + 1 < part.size(); ++i)
      if (length(cross(part[i] - part[0], part[i + 1] - part[0])) > 1e-8) out.push_back({part[0], part[i], part[i + 1]});
  }
  return out;
}


}  // namespace

bool isCityModel(const std::string& file) {
  if (endsWith(file, ".gml") || endsWith(file, ".citygml")) return true;
  if (endsWith(file, ".city.json") || endsWith(file, ".cityjson")) return true;
  return endsWith(file, ".json") && looksLikeCityJson(file);
}

CityModel readCityModel(const std::string& file, const std::string& targetCrs) {
  const bool gml = endsWith(file, ".gml") || endsWith(file, ".citygml") || endsWith(file, ".xml");
  CityModel model = gml ? detail::readCityGml(file) : detail::readCityJson(file);
  std::size_t surfaces = 0;
  for (const CityObject& o : model.buildings) surfaces += o.surfaces.size();
  if (surfaces == 0)
    throw InputError(file, "", "no building geometry: " + std::to_string(model.buildings.size()) + " buildings without surfaces");
  resolveParts(model);
  reproject(model, targetCrs);
  return model;
}

std::vector<ModelBuilding> modelBuildings(const CityModel& model, std::vector<Repair>& repairs, bool strict) {
  gdal::ensureGdal();
  std::vector<ModelBuilding> out;
  for (const CityObject& o : model.buildings) {
    const std::string layer = o.type;
    const detail::RepairSite site{model.file, layer, o.id, strict, repairs};
    if (o.surfaces.empty()) {
      (void)detail::repairGeometry(nullptr, GeometryKind::Polygon, site);  // recorded as a null geometry
      continue;
    }
    double base = 1e300, ridge = -1e300;
    bool hasGround = false, hasSemantics = false;
    for (const CitySurface& s : o.surfaces) {
      hasGround = hasGround || s.role == SurfaceRole::Ground;
      hasSemantics = hasSemantics || s.role != SurfaceRole::Unknown;
    }
    for (const CitySurface& s : o.surfaces) {
      if (!hasGround || s.role == SurfaceRole::Ground) base = std::min(base, minZ(s.ring));
      ridge = std::max(ridge, maxZ(s.ring));
    }
    const std::vector<const CitySurface*> roofs = roofSurfaces(o, base);
    gdal::Geometry footprint = footprintUnion(o);
    const gdal::Geometry cleaned = roofs.empty() ? nullptr : detail::repairGeometry(footprint.get(), GeometryKind::Polygon, site);
    if (!cleaned) continue;
    const double eaves = eavesAltitude(roofs);
    const std::vector<std::array<Vec3, 3>> shape = shapeAbove(o, eaves);
    const std::size_t first = out.size();
    for (int p = 0; p < OGR_G_GetGeometryCount(cleaned.get()); ++p) {
      OGRGeometryH poly = OGR_G_GetGeometryRef(cleaned.get(), p);
      ModelBuilding mb;
      mb.building.id = OGR_G_GetGeometryCount(cleaned.get()) > 1 ? o.id + "#" + std::to_string(p) : o.id;
      for (int r = 0; r < OGR_G_GetGeometryCount(poly); ++r) {
        const Ring2 ring = gdal::planRing(OGR_G_GetGeometryRef(poly, r));
        if (r > 0) {
          // The union of triangulated faces leaves pinholes where their edges do not quite meet.
          if (std::abs(signedArea(ring)) >= 1.0) mb.building.holes.push_back(ring);
          continue;
        }
        mb.building.footprint = ring;
        // A part without ground (a storey on another part's roof) says nothing of the terrain.
        if (hasGround || !hasSemantics)
          for (const Vec2& p : ring) mb.groundPoints.push_back({p.x, p.y, base});
      }
      mb.building.roofAltitude = eaves;
      mb.building.source = model.file;
      mb.baseAltitude = base;
      mb.ridgeAltitude = ridge;
      out.push_back(std::move(mb));
    }
    // Each triangle above the eaves to the piece of footprint under it.
    for (const auto& tri : shape) {
      const Vec2 c = (plan(tri[0]) + plan(tri[1]) + plan(tri[2])) * (1.0 / 3.0);
      std::size_t owner = first;
      for (std::size_t k = first; k < out.size(); ++k)
        if (insideRing(out[k].building.footprint, c)) owner = k;
      if (owner < out.size()) out[owner].building.roofShape.push_back(tri);
    }
  }
  return out;
}

}  // namespace citynoise::io
