// CityGML 2.0 through libcitygml (Debian's libcitygml-dev): Building and BuildingPart objects,
// their boundary surfaces (WallSurface, RoofSurface, GroundSurface) as triangles.
#include "city_model_internal.hpp"

#include <citynoise/core/error.hpp>

#include <citygml/citygml.h>
#include <citygml/citygmllogger.h>
#include <citygml/citymodel.h>
#include <citygml/envelope.h>
#include <citygml/cityobject.h>
#include <citygml/geometry.h>
#include <citygml/polygon.h>

#include <algorithm>

namespace citynoise::io::detail {
namespace {

using citygml::CityObject;
using Type = CityObject::CityObjectsType;

/// libcitygml's messages are kept, not printed: a failure is reported through InputError.
class QuietLogger : public citygml::CityGMLLogger {
 public:
  QuietLogger() : citygml::CityGMLLogger(LOGLEVEL::LL_ERROR) {}
  void log(LOGLEVEL level, const std::string& message, const char*, int) const override {
    if (level == LOGLEVEL::LL_ERROR) last = message;
  }
  mutable std::string last;
};

SurfaceRole roleOf(citygml::Geometry::GeometryType g, Type owner) {
  using G = citygml::Geometry::GeometryType;
  if (g == G::GT_Roof || owner == Type::COT_RoofSurface) return SurfaceRole::Roof;
  if (g == G::GT_Wall || owner == Type::COT_WallSurface) return SurfaceRole::Wall;
  if (g == G::GT_Ground || owner == Type::COT_GroundSurface) return SurfaceRole::Ground;
  return SurfaceRole::Unknown;
}

void addTriangles(const citygml::Geometry& g, Type owner, unsigned lod, std::vector<CitySurface>& out) {
  if (g.getLOD() == lod) {
    for (unsigned p = 0; p < g.getPolygonsCount(); ++p) {
      const auto poly = g.getPolygon(p);
      const auto& v = poly->getVertices();
      const auto& idx = poly->getIndices();
      for (std::size_t t = 0; t + 2 < idx.size(); t += 3) {
        CitySurface s;
        s.role = roleOf(g.getType(), owner);
        for (std::size_t k = 0; k < 3; ++k) s.ring.push_back({v[idx[t + k]].x, v[idx[t + k]].y, v[idx[t + k]].z});
        out.push_back(std::move(s));
      }
    }
  }
  for (unsigned i = 0; i < g.getGeometriesCount(); ++i) addTriangles(g.getGeometry(i), owner, lod, out);
}

/// The highest LoD among an object's own geometry and its boundary surfaces (not its parts).
unsigned highestLod(const CityObject& o) {
  unsigned lod = 0;
  for (unsigned i = 0; i < o.getGeometriesCount(); ++i) lod = std::max(lod, o.getGeometry(i).getLOD());
  for (unsigned c = 0; c < o.getChildCityObjectsCount(); ++c)
    if (o.getChildCityObject(c).getType() != Type::COT_BuildingPart) lod = std::max(lod, highestLod(o.getChildCityObject(c)));
  return lod;
}

void collect(const CityObject& o, unsigned lod, std::vector<CitySurface>& out) {
  for (unsigned i = 0; i < o.getGeometriesCount(); ++i) addTriangles(o.getGeometry(i), o.getType(), lod, out);
  for (unsigned c = 0; c < o.getChildCityObjectsCount(); ++c)
    if (o.getChildCityObject(c).getType() != Type::COT_BuildingPart) collect(o.getChildCityObject(c), lod, out);
}

void addBuilding(const CityObject& o, const std::string& parent, CityModel& model) {
  io::CityObject b;
  b.id = o.getId();
  b.type = o.getType() == Type::COT_BuildingPart ? "BuildingPart" : "Building";
  b.parent = parent;
  for (const auto& [k, v] : o.getAttributes()) {
    if (v.getType() == citygml::AttributeType::Double || v.getType() == citygml::AttributeType::Integer) b.attributes[k] = v.asDouble();
    else b.attributes[k] = v.asString();
  }
  const unsigned lod = highestLod(o);
  b.lod = std::to_string(lod);
  collect(o, lod, b.surfaces);
  model.buildings.push_back(std::move(b));
  for (unsigned c = 0; c < o.getChildCityObjectsCount(); ++c)
    if (o.getChildCityObject(c).getType() == Type::COT_BuildingPart) addBuilding(o.getChildCityObject(c), o.getId(), model);
}

}  // namespace

CityModel readCityGml(const std::string& file) {
  citygml::ParserParams params;
  params.tesselate = true;  // polygons with holes and concave rings as triangles
  const auto logger = std::make_shared<QuietLogger>();
  std::shared_ptr<const citygml::CityModel> city;
  try {
    city = citygml::load(file, params, logger);
  } catch (const std::exception& e) {
    throw InputError(file, "", std::string("not a CityGML file libcitygml reads: ") + e.what());
  }
  if (!city) throw InputError(file, "", "not a CityGML file libcitygml reads" + (logger->last.empty() ? std::string() : " (" + logger->last + ")"));
  CityModel model;
  model.file = file;
  // The model's SRS, else its envelope's (where CityGML files usually declare it).
  model.crs = epsgName(!city->getSRSName().empty() ? city->getSRSName() : city->getEnvelope().srsName());
  for (const auto& root : city->getRootCityObjects()) {
    if (root->getType() == Type::COT_Building) addBuilding(*root, "", model);
    else ++model.otherObjects[root->getTypeAsString()];
  }
  return model;
}

}  // namespace citynoise::io::detail
