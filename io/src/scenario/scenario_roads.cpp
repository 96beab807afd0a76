// [[roads]]: road layers with traffic per period → CNOSSOS-EU line emission per hour.
#include "road_traffic.hpp"
#include "scenario_internal.hpp"
#include "scenario_variants.hpp"

#include <citynoise/core/decibel.hpp>
#include <citynoise/core/emission/road.hpp>
#include <citynoise/core/source_split.hpp>
#include <citynoise/io/coefficient_tables.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace citynoise::io {
namespace {

using emission::VehicleCategory;

std::string fmt(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

/// The attributes and defaults of one [[roads]] section, read once.
struct RoadSection {
  std::map<std::string, PeriodTraffic> periods;
  std::optional<ClassTraffic> fromClass;  ///< traffic estimated from the road class instead
  std::string idField, surfaceField, surfaceCode;
  double height = 0.05;
  std::optional<Expression> gradient;
  emission::RoadConditions base;
};

RoadSection readSection(const TomlNode& s, const SourceContext& ctx, const std::array<std::string, kHoursPerDay>& hourPeriod) {
  RoadSection r;
  r.fromClass = readClassTraffic(s, ctx.dir, hourPeriod);
  const auto trafficTable = s.table("traffic");
  if (!trafficTable && !r.fromClass)
    s.fail("traffic", "missing: give [roads.traffic.<period>] tables with flows and speeds, or class = \"<road class attribute>\"");
  const VehicleClasses classes = trafficTable ? loadVehicleClasses(ctx.root, ctx.dir) : VehicleClasses{};
  for (const std::string& key : hourPeriod) {
    if (r.periods.count(key) || !trafficTable) continue;
    const auto t = trafficTable->table(key.c_str());
    if (!t) trafficTable->fail(key, "missing: traffic of period " + key + " (see [periods] traffic)");
    r.periods[key] = readPeriod(*t, classes);
  }
  r.idField = s.string("id", "");
  r.height = s.number("height", 0.05);
  const bool twoWay = s.boolean("two_way", true);
  r.gradient = s.optionalExpression("gradient");
  r.surfaceField = s.string("surface", "");
  r.surfaceCode = s.string("surface_code", "DEF");
  r.base.temperatureC = s.number("temperature_c", ctx.meteo.air.temperatureC);
  r.base.studMonths = s.number("stud_months", 0.0);
  r.base.studShare = s.number("stud_share", 0.0);
  r.base.bothDirections = twoWay;
  return r;
}

/// Junctions (acceleration corrections): a point layer, its type attribute ("lights" or 1,
/// "roundabout" or 2).
struct Junctions {
  std::vector<Vec2> points;
  std::vector<emission::JunctionType> types;
};

emission::JunctionType junctionType(const GisFeature& p, const std::string& typeField, const std::string& file) {
  if (typeField.empty()) return emission::JunctionType::TrafficLights;
  const auto it = p.attributes.find(typeField);
  const std::string* text = it == p.attributes.end() ? nullptr : std::get_if<std::string>(&it->second);
  const double* num = it == p.attributes.end() ? nullptr : std::get_if<double>(&it->second);
  if ((text && *text == "roundabout") || (num && *num == 2.0)) return emission::JunctionType::Roundabout;
  if ((text && *text == "lights") || (num && *num == 1.0)) return emission::JunctionType::TrafficLights;
  throw InputError(file, featureName(p, ""), typeField + ": expected \"lights\" (1) or \"roundabout\" (2)");
}

Junctions readJunctions(const TomlNode& s, const SourceContext& ctx) {
  Junctions out;
  const auto j = s.table("junctions");
  if (!j) return out;
  const std::string jfile = j->pathValue("file", ctx.dir);
  const GisLayer points = readScenarioLayer(*j, {"junctions", GeometryKind::Point}, ctx.dir, ctx.crs, ctx.log);
  const std::string typeField = j->string("type", "");
  for (const GisFeature& p : points.features) {
    if (p.kind != GeometryKind::Point) throw InputError(jfile, featureName(p, ""), "geometry: expected a point");
    const emission::JunctionType type = junctionType(p, typeField, jfile);
    for (const auto& part : p.parts) out.points.push_back(plan(part.front())), out.types.push_back(type);
  }
  return out;
}

std::string fieldList(const std::vector<std::string>& fields) {
  std::string all;
  for (const auto& x : fields) all += (all.empty() ? "" : ", ") + x;
  return all;
}

/// One inline road: line = [[x, y], …], its id from id_value (else the TOML path).
GisLayer inlineRoad(const TomlNode& s) {
  GisFeature f;
  f.kind = GeometryKind::Line;
  const toml::array* line = s.raw().get("line")->as_array();
  std::vector<Vec3> pts;
  if (line)
    for (const auto& p : *line) {
      const toml::array* xy = p.as_array();
      if (!xy || xy->size() < 2) s.fail("line", "expected [[x, y], …]");
      pts.push_back({xy->get(0)->value_or(0.0), xy->get(1)->value_or(0.0), 0.0});
    }
  else
    s.fail("line", "expected [[x, y], …]");
  f.parts.push_back(pts);
  f.attributes["id"] = s.string("id_value", s.path());
  GisLayer layer;
  layer.features.push_back(f);
  return layer;
}

/// The features of a section: a GIS layer (`file` set to it), or one inline line.
GisLayer roadFeatures(const TomlNode& s, const SourceContext& ctx, const RoadSection& r, std::string& file) {
  file = s.path();
  if (s.has("file")) {
    file = s.pathValue("file", ctx.dir);
    GisLayer layer = readScenarioLayer(s, {"roads", GeometryKind::Line}, ctx.dir, ctx.crs, ctx.log);
    if (layer.geographic) s.fail("file", "the layer is in a geographic CRS (degrees): set [scenario] crs to a projected CRS");
    if (layer.features.empty()) throw InputError(file, layer.layer, "the road layer is empty");
    for (const std::string& f : {r.idField, r.surfaceField})
      if (!f.empty() && std::find(layer.fields.begin(), layer.fields.end(), f) == layer.fields.end())
        throw InputError(file, layer.layer, "no attribute \"" + f + "\" (the layer has: " + fieldList(layer.fields) + ")");
    return layer;
  }
  if (s.has("line")) return inlineRoad(s);
  s.fail("file", "missing: give file = \"roads.shp\" or an inline line = [[x, y], …]");
}

/// The surface code of a feature: the section's, or the feature's attribute.
std::string featureSurface(const FeatureValues& rf, const RoadSection& r) {
  if (r.surfaceField.empty()) return r.surfaceCode;
  const auto it = rf.feature.attributes.find(r.surfaceField);
  const std::string* code = it == rf.feature.attributes.end() ? nullptr : std::get_if<std::string>(&it->second);
  if (!code || code->empty()) throw InputError(rf.file, rf.id, r.surfaceField + ": missing road surface code");
  return *code;
}

/// A flow and its speed as the model takes them: negative flows refused, speeds outside the
/// model's range clamped and outside the surface's range flagged (counted warnings).
void checkFlow(double q, double& v, const std::string& what, const FeatureValues& rf, const emission::RoadSurface& surface,
               const std::string& surfaceCode, const SourceContext& ctx) {
  const std::string where = rf.file + ": " + rf.id;
  if (q < 0.0) throw InputError(rf.file, rf.id, what + ": negative flow " + fmt(q) + " veh/h");
  if (v < emission::kMinSpeedKmh || v > emission::kMaxSpeedKmh) {
    addWarning(ctx.warnings, where, "road speed outside 20–130 km/h clamped to the model's range (Directive 2015/996 §2.2)");
    v = std::clamp(v, emission::kMinSpeedKmh, emission::kMaxSpeedKmh);
  }
  if (v < surface.vMin || v > surface.vMax)
    addWarning(ctx.warnings, where, "speed outside the validity range of road surface " + surfaceCode + " (" + fmt(surface.vMin) +
                                        "–" + fmt(surface.vMax) + " km/h): its correction is extrapolated");
}

/// The traffic of each period for one feature, validated (flows ≥ 0, speeds given and in range).
std::map<std::string, emission::TrafficFlow> periodFlows(const FeatureValues& rf, const RoadSection& r, const RoadChange& change,
                                                         const emission::RoadSurface& surface, const std::string& surfaceCode,
                                                         const SourceContext& ctx) {
  std::map<std::string, emission::TrafficFlow> flows;
  if (r.fromClass) {
    flows = classFlows(rf, *r.fromClass);
    for (auto& [key, flow] : flows)
      for (std::size_t m = 0; m < emission::kVehicleCategories; ++m) {
        if (flow.flow[m] <= 0.0) continue;
        flow.flow[m] *= change.flowFactor;
        if (change.speed) flow.speed[m] = *change.speed;
        checkFlow(flow.flow[m], flow.speed[m], "traffic from class", rf, surface, surfaceCode, ctx);
      }
    return flows;
  }
  for (const auto& [key, traffic] : r.periods) {
    emission::TrafficFlow flow;
    for (std::size_t m = 0; m < emission::kVehicleCategories; ++m) {
      double q = 0.0;
      std::string flowName;
      for (const auto& [label, e] : traffic.flow[m]) {
        const std::string name = label + " (" + e.text() + ")";
        const double part = change.flowFactor * rf(e, "traffic." + key + "." + name);
        if (part < 0.0) throw InputError(rf.file, rf.id, "traffic." + key + "." + name + ": negative flow " + fmt(part) + " veh/h");
        q += part;
        flowName += (flowName.empty() ? "" : " + ") + name;
      }
      if (q == 0.0) continue;
      const std::string speedKey = "traffic." + key + "." + kCategoryKeys[m] + "_speed";
      if (!traffic.speed[m]) throw InputError(rf.file, rf.id, speedKey + ": missing (flow " + fmt(q) + " veh/h)");
      double v = change.speed ? *change.speed : rf(*traffic.speed[m], speedKey);
      checkFlow(q, v, "traffic." + key + "." + flowName, rf, surface, surfaceCode, ctx);
      flow.flow[m] = q, flow.speed[m] = v;
    }
    flows[key] = flow;
  }
  return flows;
}

/// The line elements of a road: each part at the source height, cut into 10 m pieces near a
/// junction (each with its acceleration term), with the hourly power of its period.
std::vector<SourceElement> roadElements(const FeatureValues& rf, const RoadSection& r, const emission::RoadConditions& rc,
                                        const std::map<std::string, emission::TrafficFlow>& flows, const Junctions& junctions,
                                        const emission::RoadCoefficients& coefficients,
                                        const std::array<std::string, kHoursPerDay>& hourPeriod) {
  std::vector<SourceElement> elements;
  for (const std::vector<Vec3>& part : rf.feature.parts) {
    if (part.size() < 2) throw InputError(rf.file, rf.id, "geometry: a line of fewer than two points");
    std::vector<Vec3> line;
    for (const Vec3& p : part) line.push_back({p.x, p.y, r.height});
    for (const NearStretch& stretch : splitNearPoints(line, junctions.points)) {
      emission::RoadConditions local = rc;
      if (stretch.nearest >= 0) {
        local.junction = junctions.types[static_cast<std::size_t>(stretch.nearest)];
        local.junctionDistance = stretch.distance;
      }
      std::map<std::string, BandArray> byPeriod;
      for (const auto& [key, flow] : flows) byPeriod[key] = emission::roadLineEmission(coefficients, flow, local);
      SourceElement e;
      e.shape = SourceShape::Line;
      e.geometry = stretch.polyline;
      for (std::size_t h = 0; h < kHoursPerDay; ++h) e.power[h] = byPeriod.at(hourPeriod[h]);
      elements.push_back(std::move(e));
    }
  }
  return elements;
}

emission::RoadCoefficients roadCoefficients(const SourceContext& ctx) {
  std::string name = "cnossos-2020";
  if (const auto e = ctx.root.table("emission")) name = e->string("road_coefficients", name);
  return loadRoadCoefficients(name.rfind("cnossos-", 0) == 0 ? name : (ctx.dir / name).string());
}

}  // namespace

/// [calibration] groups = { roads = "ATTR" }: the attribute whose values group the roads.
std::string calibrationGroupField(const TomlNode& root) {
  const auto calibration = root.table("calibration");
  if (!calibration) return "";
  const auto groups = calibration->table("groups");
  return groups && groups->has("roads") ? groups->string("roads") : "";
}

/// "road:<value>" of the feature's grouping attribute; InputError naming the road when it has none.
std::string calibrationGroup(const GisFeature& f, const std::string& field, const std::string& file, const std::string& id) {
  const auto it = f.attributes.find(field);
  std::string value;
  if (it != f.attributes.end()) {
    if (const auto* text = std::get_if<std::string>(&it->second)) value = *text;
    if (const auto* number = std::get_if<double>(&it->second)) {
      std::ostringstream s;
      s << *number;
      value = s.str();
    }
  }
  if (value.empty()) throw InputError(file, id, field + ": missing, and [calibration] groups the roads by it");
  return "road:" + value;
}

void readRoads(const SourceContext& ctx) {
  const std::vector<TomlNode> sections = ctx.root.tables("roads");
  if (sections.empty()) return;
  const std::string groupField = calibrationGroupField(ctx.root);
  const emission::RoadCoefficients coefficients = roadCoefficients(ctx);
  const std::array<std::string, kHoursPerDay> hourPeriod = trafficPeriods(ctx.root);
  RoadEditLedger variantEdits(ctx.roadEdits, coefficients, ctx.scenarioFile);

  for (const TomlNode& s : sections) {
    const RoadSection section = readSection(s, ctx, hourPeriod);
    const Junctions junctions = readJunctions(s, ctx);
    std::string file;
    const GisLayer layer = roadFeatures(s, ctx, section, file);
    for (const GisFeature& f : layer.features) {
      const std::string id = s.has("file") ? featureName(f, section.idField) : std::get<std::string>(f.attributes.at("id"));
      if (f.kind != GeometryKind::Line) throw InputError(file, id, "geometry: expected a line");
      const FeatureValues rf{f, file, id};
      emission::RoadConditions rc = section.base;
      rc.surface = featureSurface(rf, section);
      const RoadChange change = variantEdits.apply(id, f, rc.surface);
      if (!coefficients.surfaces.count(rc.surface))
        throw InputError(file, id, (section.surfaceField.empty() ? "surface_code" : section.surfaceField) + ": unknown road surface code \"" + rc.surface + "\"");
      if (section.gradient) rc.gradientPct = rf(*section.gradient, "gradient");
      const auto flows = periodFlows(rf, section, change, coefficients.surfaces.at(rc.surface), rc.surface, ctx);
      SourceObject road;
      road.id = id;
      road.sourceClass = SourceClass::Road;
      road.kind = "road";
      if (!groupField.empty()) road.group = calibrationGroup(f, groupField, file, id);
      road.elements = roadElements(rf, section, rc, flows, junctions, coefficients, hourPeriod);
      ctx.out.push_back(std::move(road));
    }
  }
  variantEdits.finish(ctx.costs);
}

}  // namespace citynoise::io
