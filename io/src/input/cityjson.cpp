// CityJSON 1.0 / 1.1 / 2.0 (https://www.cityjson.org/specs/): Building and BuildingPart objects,
// the geometry of their highest LoD, vertices de-quantised by the transform.
#include "city_model_internal.hpp"

#include <citynoise/core/error.hpp>

#include <nlohmann/json.hpp>

#include <fstream>

namespace citynoise::io::detail {
namespace {

using nlohmann::json;

struct Reader {
  const std::string& file;
  std::vector<Vec3> vertices;

  [[noreturn]] void fail(const std::string& where, const std::string& what) const { throw InputError(file, where, what); }

  Vec3 vertex(const json& index, const std::string& where) const {
    if (!index.is_number_integer()) fail(where, "a vertex index is not an integer");
    const auto i = index.get<long long>();
    if (i < 0 || static_cast<std::size_t>(i) >= vertices.size())
      fail(where, "vertex index " + std::to_string(i) + " outside the " + std::to_string(vertices.size()) + " vertices");
    return vertices[static_cast<std::size_t>(i)];
  }

  /// A surface: [outer ring, inner rings…], each a list of vertex indices (only the outer ring is
  /// kept: openings in walls or roofs do not change a footprint or an eaves line).
  void surface(const json& s, SurfaceRole role, const std::string& where, std::vector<CitySurface>& out) const {
    if (!s.is_array() || s.empty() || !s[0].is_array()) fail(where, "a surface is not a list of rings");
    CitySurface cs;
    cs.role = role;
    for (const json& i : s[0]) cs.ring.push_back(vertex(i, where));
    if (cs.ring.size() >= 3) out.push_back(std::move(cs));
  }
};

SurfaceRole roleOf(const json& semantics, const json* values, std::size_t k) {
  if (!values || !values->is_array() || k >= values->size() || !(*values)[k].is_number_integer()) return SurfaceRole::Unknown;
  const auto i = (*values)[k].get<long long>();
  const json& surfaces = semantics.value("surfaces", json::array());
  if (i < 0 || static_cast<std::size_t>(i) >= surfaces.size()) return SurfaceRole::Unknown;
  const std::string type = surfaces[static_cast<std::size_t>(i)].value("type", "");
  if (type == "GroundSurface") return SurfaceRole::Ground;
  if (type == "WallSurface") return SurfaceRole::Wall;
  if (type == "RoofSurface") return SurfaceRole::Roof;
  return SurfaceRole::Unknown;
}

/// The surfaces of one geometry, whatever its nesting (MultiSurface, Solid, MultiSolid …), with
/// their semantic roles.
void surfaces(const Reader& r, const json& boundaries, const json& semantics, const json* values, int depth,
              const std::string& where, std::vector<CitySurface>& out) {
  if (!boundaries.is_array()) r.fail(where, "boundaries: expected arrays");
  for (std::size_t k = 0; k < boundaries.size(); ++k) {
    const json* sub = values && values->is_array() && k < values->size() ? &(*values)[k] : nullptr;
    if (depth == 0) r.surface(boundaries[k], roleOf(semantics, values, k), where, out);
    else surfaces(r, boundaries[k], semantics, sub, depth - 1, where, out);
  }
}

int depthOf(const std::string& type) {
  if (type == "MultiSurface" || type == "CompositeSurface") return 0;
  if (type == "Solid") return 1;
  if (type == "MultiSolid" || type == "CompositeSolid") return 2;
  return -1;
}

double lodValue(const json& g) {
  const json& lod = g.contains("lod") ? g["lod"] : json();
  if (lod.is_number()) return lod.get<double>();
  if (lod.is_string()) {
    try {
      return std::stod(lod.get<std::string>());
    } catch (const std::exception&) {
    }
  }
  return 0.0;
}

std::vector<Vec3> readVertices(const json& doc, const std::string& file) {
  const json& v = doc.value("vertices", json::array());
  std::array<double, 3> scale{1, 1, 1}, translate{0, 0, 0};
  if (doc.contains("transform")) {
    const json& t = doc["transform"];
    for (int i = 0; i < 3; ++i) {
      scale[static_cast<std::size_t>(i)] = t.at("scale").at(static_cast<std::size_t>(i)).get<double>();
      translate[static_cast<std::size_t>(i)] = t.at("translate").at(static_cast<std::size_t>(i)).get<double>();
    }
  }
  std::vector<Vec3> out;
  out.reserve(v.size());
  for (const json& p : v) {
    if (!p.is_array() || p.size() != 3 || !p[0].is_number() || !p[1].is_number() || !p[2].is_number())
      throw InputError(file, "vertices[" + std::to_string(out.size()) + "]", "expected three numbers");
    out.push_back({p[0].get<double>() * scale[0] + translate[0], p[1].get<double>() * scale[1] + translate[1],
                   p[2].get<double>() * scale[2] + translate[2]});
  }
  return out;
}

std::map<std::string, AttributeValue> attributesOf(const json& o) {
  std::map<std::string, AttributeValue> out;
  const json attributes = o.value("attributes", json::object());
  for (const auto& [k, v] : attributes.items()) {
    if (v.is_number()) out[k] = v.get<double>();
    else if (v.is_string()) out[k] = v.get<std::string>();
    else if (v.is_boolean()) out[k] = v.get<bool>() ? 1.0 : 0.0;
  }
  return out;
}

/// "https://www.opengis.net/def/crs/EPSG/0/7415" or "urn:ogc:def:crs:EPSG::7415" → "EPSG:7415".
std::string crsOf(const json& doc) {
  return epsgName(doc.value("metadata", json::object()).value("referenceSystem", ""));
}

/// One CityObject: a Building or BuildingPart with the geometry of its highest LoD, other types counted.
void readObject(const Reader& reader, const std::string& id, const json& o, CityModel& model) {
  if (!o.is_object()) throw InputError(reader.file, "CityObjects." + id, "not an object");
  const std::string type = o.value("type", "");
  if (type != "Building" && type != "BuildingPart") {
    ++model.otherObjects[type];
    return;
  }
  CityObject obj;
  obj.id = id;
  obj.type = type;
  if (o.contains("parents") && o["parents"].is_array() && !o["parents"].empty()) obj.parent = o["parents"][0].get<std::string>();
  obj.attributes = attributesOf(o);
  const json* best = nullptr;
  const json geometries = o.value("geometry", json::array());  // `best` points into it
  for (const json& g : geometries)
    if (depthOf(g.value("type", "")) >= 0 && (!best || lodValue(g) > lodValue(*best))) best = &g;
  if (best) {
    const json semantics = best->value("semantics", json::object());
    const json* values = semantics.contains("values") ? &semantics["values"] : nullptr;
    surfaces(reader, best->at("boundaries"), semantics, values, depthOf(best->value("type", "")), "CityObjects." + id, obj.surfaces);
    obj.lod = best->contains("lod") ? best->at("lod").dump() : "";
  }
  model.buildings.push_back(std::move(obj));
}

}  // namespace

CityModel readCityJson(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file, "", "cannot open the file");
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::parse_error& e) {
    throw InputError(file, "", std::string("not valid JSON: ") + e.what());
  }
  if (!doc.is_object() || doc.value("type", "") != "CityJSON") throw InputError(file, "type", "not a CityJSON file (\"type\": \"CityJSON\")");
  CityModel model;
  model.file = file;
  model.crs = crsOf(doc);
  const Reader reader{file, readVertices(doc, file)};
  const json& objects = doc.value("CityObjects", json::object());
  for (const auto& [id, o] : objects.items()) {
    try {
      readObject(reader, id, o, model);
    } catch (const json::exception& e) {
      throw InputError(file, "CityObjects." + id, std::string("malformed object: ") + e.what());
    }
  }
  return model;
}


}  // namespace citynoise::io::detail
