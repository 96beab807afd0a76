// [buildings], [terrain], [ground], [zones], [[barriers]], [receivers.*], [calculation], [outputs].
#include "scenario_internal.hpp"

#include <citynoise/core/assessment.hpp>
#include <citynoise/io/city_model.hpp>
#include <citynoise/io/mesh_reader.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace citynoise::io {
std::optional<double> numberAttribute(const GisFeature& f, const std::string& field) {
  if (field.empty()) return std::nullopt;
  const auto it = f.attributes.find(field);
  if (it == f.attributes.end()) return std::nullopt;
  if (const double* d = std::get_if<double>(&it->second)) return std::isfinite(*d) ? std::optional(*d) : std::nullopt;
  if (const std::string* s = std::get_if<std::string>(&it->second)) {
    try {
      std::size_t used = 0;
      const double v = std::stod(*s, &used);
      if (used == s->size() && std::isfinite(v)) return v;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

/// Whether the feature has a non-null value for the field.
bool hasValue(const GisFeature& f, const std::string& field) {
  const auto it = f.attributes.find(field);
  return it != f.attributes.end() && !std::holds_alternative<std::monostate>(it->second);
}

std::string textAttribute(const GisFeature& f, const std::string& field) {
  if (field.empty()) return {};
  const auto it = f.attributes.find(field);
  return it == f.attributes.end() ? std::string() : attributeText(it->second);
}

std::vector<std::string> sensitiveUsesOf(const TomlNode& t) {
  if (t.has("sensitive_uses")) return t.strings("sensitive_uses");
  return {"residential", "house", "apartments", "school", "hospital", "elderly_care", "kindergarten"};
}

namespace {

std::string listOf(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

void requireField(const GisLayer& layer, const std::string& field, const TomlNode& node, const char* key) {
  if (field.empty()) return;
  if (std::find(layer.fields.begin(), layer.fields.end(), field) == layer.fields.end())
    throw InputError(layer.file, layer.layer, std::string(key) + ": no attribute \"" + field + "\" (the layer has: " + listOf(layer.fields) + ")");
  (void)node;
}



GisLayer layerOf(const TomlNode& t, const std::filesystem::path& dir, const std::string& crs, const LayerRequest& request, LayerLog& log) {
  GisLayer layer = readScenarioLayer(t, request, dir, crs, log);
  const char* what = request.what;
  if (layer.features.empty()) throw InputError(layer.file, layer.layer, std::string("the ") + what + " layer is empty");
  if (crs.empty() && layer.geographic)
    throw InputError(layer.file, layer.layer, "the layer is in a geographic CRS (degrees): set [scenario] crs to a projected CRS");
  return layer;
}

struct HeightFields {
  const std::string &height, &floors, &roof;
  double storey, fallback;
};

/// A building's height above the terrain: the attribute, else floors × storey height, else the
/// default (each fallback a counted warning); NaN when it has a roof altitude instead. A value
/// that is there but not a positive number is a fault in the data, kept for repairs.csv; a null
/// is missing data, the documented fallbacks take over.
double buildingHeight(const GisFeature& f, const std::string& id, const HeightFields& fields, const GisLayer& layer, LayerLog& log) {
  double height = numberAttribute(f, fields.height).value_or(std::nan(""));
  const std::string where = layer.file + ": " + id;
  auto recordBad = [&](const std::string& action) {
    log.repairs.push_back({layer.file, layer.layer, id, Defect::BadHeight, action, 0.0, 0.0});
  };
  if (height <= 0.0) {
    addWarning(log.warnings, where, "height " + fields.height + " not positive: ignored");
    recordBad(fields.height + " = " + textAttribute(f, fields.height) + " not positive: height from floors or the default");
    height = std::nan("");
  } else if (std::isnan(height) && hasValue(f, fields.height)) {
    addWarning(log.warnings, where, fields.height + ": not a number: height from floors or the default");
    recordBad(fields.height + " = \"" + textAttribute(f, fields.height) + "\" not a number: height from floors or the default");
  }
  if (std::isnan(height)) {
    const double floors = numberAttribute(f, fields.floors).value_or(0.0);
    if (floors > 0.0) height = floors * fields.storey;
  }
  const double roof = numberAttribute(f, fields.roof).value_or(std::nan(""));
  if (std::isnan(height) && std::isnan(roof)) {
    addWarning(log.warnings, where, "no height or floors: the default height " + std::to_string(fields.fallback) + " m");
    height = fields.fallback;
  }
  return height;
}

void readBuildings(const TomlNode& t, const std::filesystem::path& dir, const std::string& crs, LayerLog& log, Scenario& s) {
  if (const std::string file = t.pathValue("file", dir); isCityModel(file)) {
    readCityModelBuildings(t, file, crs, log, s);
    return;
  }
  const GisLayer layer = layerOf(t, dir, crs, {"buildings", GeometryKind::Polygon}, log);
  const std::string idField = t.string("id", ""), heightField = t.string("height", ""), floorsField = t.string("floors", "");
  const std::string roofField = t.string("roof_altitude", ""), popField = t.string("population", "");
  const std::string dwellField = t.string("dwellings", ""), useField = t.string("use", ""), zoneField = t.string("zone", "");
  for (const auto& [f, key] : {std::pair{idField, "id"}, std::pair{heightField, "height"}, std::pair{floorsField, "floors"},
                               std::pair{roofField, "roof_altitude"}, std::pair{popField, "population"},
                               std::pair{dwellField, "dwellings"}, std::pair{useField, "use"}, std::pair{zoneField, "zone"}})
    requireField(layer, f, t, key);
  const HeightFields fields{heightField, floorsField, roofField, t.number("storey_height", 3.0), t.number("default_height", 10.0)};
  if (fields.storey <= 0.0) t.fail("storey_height", "expected a positive height");
  if (fields.fallback <= 0.0) t.fail("default_height", "expected a positive height");
  const std::vector<std::string> sensitiveUses = sensitiveUsesOf(t);
  const std::optional<BandArray> alpha = t.has("absorption") ? std::optional(t.bands("absorption")) : std::nullopt;
  for (const GisFeature& f : layer.features) {
    const std::string id = featureName(f, idField);
    const double height = buildingHeight(f, id, fields, layer, log);
    const double roof = numberAttribute(f, fields.roof).value_or(std::nan(""));
    int part = 0;
    for (const auto& poly : f.polygons) {
      Building b;
      b.id = f.polygons.size() > 1 ? id + "#" + std::to_string(part) : id;
      ++part;
      b.footprint = planRing(poly.front());
      for (std::size_t h = 1; h < poly.size(); ++h) b.holes.push_back(planRing(poly[h]));
      if (!std::isnan(roof)) b.roofAltitude = roof;
      else b.heightAboveTerrain = height;
      b.alpha = alpha;
      b.population = numberAttribute(f, popField).value_or(0.0) / static_cast<double>(f.polygons.size());
      b.dwellings = numberAttribute(f, dwellField).value_or(0.0) / static_cast<double>(f.polygons.size());
      b.use = textAttribute(f, useField);
      b.sensitive = !b.use.empty() && std::find(sensitiveUses.begin(), sensitiveUses.end(), b.use) != sensitiveUses.end();
      b.zone = textAttribute(f, zoneField);
      b.source = layer.file;
      if (!b.zone.empty() && !findZoneLimit(b.zone))
        throw InputError(layer.file, id, zoneField + ": unknown GB 3096 zone class \"" + b.zone + "\" (0, 1, 2, 3, 4a, 4b)");
      s.scene.buildings.push_back(std::move(b));
    }
  }
}

void readTerrain(const TomlNode& t, const std::filesystem::path& dir, const std::string& crs, LayerLog& log, Scenario& s) {
  if (t.has("file")) {
    s.scene.dem = readElevationRaster(t.pathValue("file", dir), crs);
    s.rasterAndMeshInputs.emplace_back(t.pathValue("file", dir));
  } else if (t.has("points") || t.has("contours")) {
    const bool points = t.has("points");
    const std::string file = t.pathValue(points ? "points" : "contours", dir);
    const GisLayer layer = readScenarioLayer(t, {"terrain", GeometryKind::None, points ? "points" : "contours"}, dir, crs, log);
    if (layer.features.empty()) throw InputError(file, layer.layer, "the terrain layer is empty");
    const std::string zField = t.string("height", "");
    requireField(layer, zField, t, "height");
    for (const GisFeature& f : layer.features) {
      double z = 0.0;
      if (!zField.empty()) {
        const auto v = numberAttribute(f, zField);
        if (!v) throw InputError(file, featureName(f, ""), zField + ": missing or not a number");
        z = *v;
      }
      for (const auto& part : f.parts) {
        for (std::size_t i = 0; i < part.size(); ++i) {
          Vec3 p = part[i];
          if (!zField.empty()) p.z = z;
          if (!std::isfinite(p.z)) throw InputError(file, featureName(f, ""), "altitude is not a number");
          if (points || part.size() == 1) s.scene.spotHeights.push_back(p);
          else if (i + 1 < part.size()) {
            Vec3 q = part[i + 1];
            if (!zField.empty()) q.z = z;
            s.scene.breaklines.push_back({p, q, file + ": fid " + std::to_string(f.fid)});
          }
        }
      }
    }
  } else {
    t.fail("file", "missing: file = \"dem.tif\" (a raster), points = \"…\" or contours = \"…\"");
  }
  s.scene.outsideAltitude = t.number("outside_altitude", 0.0);
}

void readGround(const TomlNode& t, const std::filesystem::path& dir, const std::string& crs, LayerLog& log, Scenario& s) {
  s.scene.defaultG = t.number("default_g", 0.0);
  if (s.scene.defaultG < 0.0 || s.scene.defaultG > 1.0) t.fail("default_g", "expected a ground factor between 0 and 1");
  if (!t.has("file")) return;
  const GisLayer layer = layerOf(t, dir, crs, {"ground", GeometryKind::Polygon}, log);
  const std::string gField = t.string("g", "G");
  requireField(layer, gField, t, "g");
  for (const GisFeature& f : layer.features) {
    const auto g = numberAttribute(f, gField);
    const std::string id = featureName(f, t.string("id", ""));
    if (!g || *g < 0.0 || *g > 1.0) throw InputError(layer.file, id, gField + ": expected a ground factor between 0 and 1");
    for (const auto& poly : f.polygons) s.scene.groundAreas.push_back({id, planRing(poly.front()), *g, layer.file});
  }
}

void readZones(const TomlNode& t, const std::filesystem::path& dir, const std::string& crs, LayerLog& log, Scenario& s) {
  s.scene.defaultZone = t.string("default", "");
  if (!s.scene.defaultZone.empty() && !findZoneLimit(s.scene.defaultZone))
    t.fail("default", "unknown GB 3096 zone class (0, 1, 2, 3, 4a, 4b)");
  if (!t.has("file")) return;
  const GisLayer layer = layerOf(t, dir, crs, {"zones", GeometryKind::Polygon}, log);
  const std::string classField = t.string("class", "CLASS");
  requireField(layer, classField, t, "class");
  for (const GisFeature& f : layer.features) {
    const std::string id = featureName(f, t.string("id", ""));
    const std::string zone = textAttribute(f, classField);
    if (!findZoneLimit(zone)) throw InputError(layer.file, id, classField + ": unknown GB 3096 zone class \"" + zone + "\" (0, 1, 2, 3, 4a, 4b)");
    for (const auto& poly : f.polygons) s.scene.zones.push_back({id, planRing(poly.front()), zone});
  }
}

void readBarriers(const TomlNode& root, const std::filesystem::path& dir, const std::string& crs, LayerLog& log, Scenario& s) {
  for (const TomlNode& b : root.tables("barriers")) {
    const std::optional<BandArray> alpha = b.has("absorption") ? std::optional(b.bands("absorption")) : std::nullopt;
    if (b.has("file")) {
      const GisLayer layer = layerOf(b, dir, crs, {"barriers", GeometryKind::Line}, log);
      const std::string heightField = b.string("height", "HEIGHT");
      requireField(layer, heightField, b, "height");
      for (const GisFeature& f : layer.features) {
        const std::string id = featureName(f, b.string("id", ""));
        const auto h = numberAttribute(f, heightField);
        if (!h || *h <= 0.0) throw InputError(layer.file, id, heightField + ": expected a positive barrier height");
        for (const auto& part : f.parts) {
          Wall w{id, {}, alpha, true, layer.file};
          for (const Vec3& p : part) w.polyline.push_back({p.x, p.y, *h});
          s.scene.walls.push_back(std::move(w));
        }
      }
    } else {
      const double h = b.number("height");
      if (h <= 0.0) b.fail("height", "expected a positive barrier height");
      Wall w{b.string("id"), {}, alpha, true, {}};
      const toml::array* line = b.raw().get("line") ? b.raw().get("line")->as_array() : nullptr;
      if (!line) b.fail("line", "expected [[x, y], …] (or file = … with height = …)");
      for (const auto& p : *line) {
        const toml::array* xy = p.as_array();
        if (!xy || xy->size() != 2) b.fail("line", "expected [[x, y], …]");
        w.polyline.push_back({xy->get(0)->value_or(0.0), xy->get(1)->value_or(0.0), h});
      }
      s.scene.walls.push_back(std::move(w));
    }
  }
}

void readMeshes(const TomlNode& root, const std::filesystem::path& dir, Scenario& s) {
  for (const TomlNode& m : root.tables("meshes")) {
    const std::filesystem::path file = m.pathValue("file", dir);
    MeshImport options;
    options.id = m.string("id", "");
    const std::string up = m.string("up", isYUpFormat(file) ? "y" : "z");
    if (up != "y" && up != "z") m.fail("up", "expected \"z\" or \"y\"");
    options.yUp = up == "y";
    options.scale = m.number("scale", 1.0);
    if (!(options.scale > 0.0)) m.fail("scale", "expected a positive scale");
    if (m.has("offset")) {
      const std::vector<double> o = m.numbers("offset");
      if (o.size() != 3) m.fail("offset", "expected [x, y, z]");
      options.offset = {o[0], o[1], o[2]};
    }
    MeshObstacle mesh = readMesh(file, options);
    s.rasterAndMeshInputs.push_back(file);
    LayerInfo info{mesh.source, mesh.id, "mesh", "", {}};
    for (const Vec3& v : mesh.vertices) info.extent.extend(plan(v));
    s.layers.push_back(std::move(info));
    s.scene.meshes.push_back(std::move(mesh));
  }
}

Box2 readBox(const TomlNode& t, const char* key) {
  const std::vector<double> v = t.numbers(key);
  if (v.size() != 4 || v[2] <= v[0] || v[3] <= v[1]) t.fail(key, "expected [xmin, ymin, xmax, ymax]");
  return {{v[0], v[1]}, {v[2], v[3]}};
}

void readReceivers(const TomlNode& t, Scenario& s) {
  if (const auto f = t.table("facades")) {
    FacadeReceiverSpec& fs = s.receivers.facades;
    fs.enabled = f->boolean("enabled", true);
    const std::string mode = f->string("mode", "incident");
    if (mode != "incident" && mode != "gb") f->fail("mode", "expected \"incident\" (EU END) or \"gb\" (1 m in front, own reflection included)");
    fs.includeOwnFacade = mode == "gb";
    fs.distance = f->number("distance", fs.includeOwnFacade ? 1.0 : 0.1);
    fs.spacing = f->number("spacing", 5.0);
    fs.heightAboveFloor = f->number("height", 1.5);
    fs.storeyHeight = f->number("storey_height", 3.0);
    fs.everyNthFloor = static_cast<int>(f->number("every_nth_floor", 1));
    if (fs.spacing <= 0.0) f->fail("spacing", "expected a positive spacing");
    if (fs.distance <= 0.0) f->fail("distance", "expected a positive distance");
    if (fs.everyNthFloor < 1) f->fail("every_nth_floor", "expected 1 or more");
    if (f->has("bounds")) fs.bounds = readBox(*f, "bounds");
  }
  for (const TomlNode& g : t.tables("grid")) {
    GridSpec spec;
    spec.heights = g.has("heights") ? g.numbers("heights") : std::vector<double>{4.0};
    spec.spacing = g.number("spacing", 10.0);
    if (spec.spacing <= 0.0) g.fail("spacing", "expected a positive spacing");
    if (g.has("bounds")) spec.bounds = readBox(g, "bounds");
    s.receivers.grids.push_back(spec);
  }
  for (const TomlNode& sec : t.tables("sections")) {
    SectionSpec spec;
    spec.id = sec.string("id");
    const toml::array* line = sec.raw().get("line") ? sec.raw().get("line")->as_array() : nullptr;
    if (!line) sec.fail("line", "expected [[x, y], …]");
    for (const auto& p : *line) {
      const toml::array* xy = p.as_array();
      if (!xy || xy->size() != 2) sec.fail("line", "expected [[x, y], …]");
      spec.line.push_back({xy->get(0)->value_or(0.0), xy->get(1)->value_or(0.0)});
    }
    if (spec.line.size() < 2) sec.fail("line", "expected at least two points");
    spec.spacing = sec.number("spacing", 5.0);
    const std::vector<double> z = sec.has("z") ? sec.numbers("z") : std::vector<double>{1.5, 60.0};
    if (z.size() != 2 || z[1] <= z[0]) sec.fail("z", "expected [zmin, zmax]");
    spec.zMin = z[0], spec.zMax = z[1];
    spec.dz = sec.number("dz", 3.0);
    spec.aboveTerrain = sec.boolean("above_terrain", true);
    if (spec.spacing <= 0.0 || spec.dz <= 0.0) sec.fail("spacing", "expected positive spacing and dz");
    s.receivers.sections.push_back(spec);
  }
  if (const auto v = t.table("volume")) {
    VolumeSpec& vs = s.receivers.volume;
    vs.enabled = true;
    vs.bounds = readBox(*v, "bounds");
    const std::vector<double> z = v->numbers("z");
    if (z.size() != 2 || z[1] <= z[0]) v->fail("z", "expected [zmin, zmax] (absolute altitudes)");
    vs.zMin = z[0], vs.zMax = z[1];
    vs.spacing = v->number("spacing", 20.0);
    vs.dz = v->number("dz", 5.0);
    if (vs.spacing <= 0.0 || vs.dz <= 0.0) v->fail("spacing", "expected positive spacing and dz");
  }
  for (const TomlNode& p : t.tables("points")) {
    const std::vector<double> xy = p.numbers("position");
    if (xy.size() != 2) p.fail("position", "expected [x, y]");
    s.receivers.points.push_back({p.string("id"), {xy[0], xy[1]}, p.number("height", 4.0)});
  }
}

}  // namespace

void readScene(const TomlNode& root, const std::filesystem::path& dir, const std::string& crs, LayerLog& log, Scenario& s) {
  const auto buildings = root.table("buildings");
  const auto terrain = root.table("terrain");
  const auto receivers = root.table("receivers");
  s.hasScene = buildings || terrain || receivers;
  if (!s.hasScene) return;
  if (buildings) readBuildings(*buildings, dir, crs, log, s);
  if (terrain) readTerrain(*terrain, dir, crs, log, s);
  else if (!s.scene.spotHeights.empty()) {  // a city model's building bases, the only ground known
    // Beyond the bases' hull the ground continues at their median (not at 0 m: the model's
    // altitudes are absolute, Zurich's 400–600 m).
    std::vector<double> z;
    for (const Vec3& p : s.scene.spotHeights) z.push_back(p.z);
    std::nth_element(z.begin(), z.begin() + static_cast<std::ptrdiff_t>(z.size() / 2), z.end());
    s.scene.outsideAltitude = z[z.size() / 2];
    addWarning(s.warnings, root.file(), "no [terrain]: the ground is interpolated between the city model's building bases");
  }
  if (const auto g = root.table("ground")) readGround(*g, dir, crs, log, s);
  if (const auto z = root.table("zones")) {
    readZones(*z, dir, crs, log, s);
    if (const auto strips = z->table("strips_4a")) addStrips4a(*strips, root, dir, crs, s);
  }
  readBarriers(root, dir, crs, log, s);
  readMeshes(root, dir, s);
  if (receivers) readReceivers(*receivers, s);
  if (const auto c = root.table("calculation")) {
    CalculationSettings& cs = s.calculation;
    cs.reflectionOrder = static_cast<int>(c->number("reflection_order", 1));
    cs.maxDistance = c->number("max_distance", 800.0);
    cs.maxReflectionDistance = c->number("max_reflection_distance", 50.0);
    cs.lateralDiffraction = c->boolean("lateral_diffraction", false);
    cs.splitAngleDeg = c->number("split_angle", 5.0);
    cs.threads = static_cast<int>(c->number("threads", 0));
    if (cs.reflectionOrder < 0 || cs.reflectionOrder > 3) c->fail("reflection_order", "expected 0 to 3");
    if (cs.maxDistance <= 0.0) c->fail("max_distance", "expected a positive distance");
    if (cs.splitAngleDeg <= 0.0 || cs.splitAngleDeg > 45.0) c->fail("split_angle", "expected an angle in (0, 45] degrees");
  }
  if (const auto o = root.table("outputs")) {
    s.outputs.hourly = o->boolean("hourly", false);
    s.outputs.geopackage = o->boolean("geopackage", true);
    s.outputs.geotiff = o->boolean("geotiff", true);
    s.outputs.vtk = o->boolean("vtk", true);
    s.outputs.gltf = o->boolean("gltf", true);
  }
  // The district: the buildings' extent (grids and the DEM check default to it).
  for (const Building& b : s.scene.buildings)
    for (const Vec2& p : b.footprint) s.extent.extend(p);
  for (const GridSpec& g : s.receivers.grids)
    if (g.bounds) s.extent.extend(*g.bounds);
}

}  // namespace citynoise::io
