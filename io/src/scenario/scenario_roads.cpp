// [[roads]]: road layers with traffic per period → CNOSSOS-EU line emission per hour.
#include "scenario_internal.hpp"

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
constexpr const char* kCategoryKeys[] = {"light", "medium", "heavy", "moped", "motorcycle"};

/// Flow and speed expressions of one traffic period.
struct PeriodTraffic {
  std::array<std::optional<Expression>, emission::kVehicleCategories> flow, speed;
};

PeriodTraffic readPeriod(const TomlNode& t) {
  PeriodTraffic p;
  const std::optional<Expression> common = t.optionalExpression("speed");
  for (std::size_t m = 0; m < emission::kVehicleCategories; ++m) {
    p.flow[m] = t.optionalExpression(kCategoryKeys[m]);
    const std::string speedKey = std::string(kCategoryKeys[m]) + "_speed";
    p.speed[m] = t.has(speedKey.c_str()) ? t.optionalExpression(speedKey.c_str()) : common;
  }
  return p;
}

std::string fmt(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

}  // namespace

void readRoads(const SourceContext& ctx) {
  const std::vector<TomlNode> sections = ctx.root.tables("roads");
  if (sections.empty()) return;
  std::string coefficientsName = "cnossos-2020";
  if (const auto e = ctx.root.table("emission")) coefficientsName = e->string("road_coefficients", coefficientsName);
  const emission::RoadCoefficients coefficients = loadRoadCoefficients(
      coefficientsName.rfind("cnossos-", 0) == 0 ? coefficientsName : (ctx.dir / coefficientsName).string());
  const std::array<std::string, kHoursPerDay> hourPeriod = trafficPeriods(ctx.root);
  const std::vector<RoadEdit> noEdits;
  const std::vector<RoadEdit>& edits = ctx.roadEdits ? *ctx.roadEdits : noEdits;
  std::vector<std::set<std::string>> matched(edits.size());
  std::vector<double> pavedLength(edits.size(), 0.0);

  for (const TomlNode& s : sections) {
    const auto trafficTable = s.table("traffic");
    if (!trafficTable) s.fail("traffic", "missing: give [roads.traffic.<period>] tables with flows and speeds");
    std::map<std::string, PeriodTraffic> periods;
    for (const std::string& key : hourPeriod) {
      if (periods.count(key)) continue;
      const auto t = trafficTable->table(key.c_str());
      if (!t) trafficTable->fail(key, "missing: traffic of period " + key + " (see [periods] traffic)");
      periods[key] = readPeriod(*t);
    }
    const std::string idField = s.string("id", "");
    const double height = s.number("height", 0.05);
    const bool twoWay = s.boolean("two_way", true);
    const std::optional<Expression> gradient = s.optionalExpression("gradient");
    const std::string surfaceField = s.string("surface", "");
    const std::string surfaceCode = s.string("surface_code", "DEF");
    emission::RoadConditions base;
    base.temperatureC = s.number("temperature_c", ctx.meteo.air.temperatureC);
    base.studMonths = s.number("stud_months", 0.0);
    base.studShare = s.number("stud_share", 0.0);
    base.bothDirections = twoWay;

    // Junctions (acceleration corrections): a point layer, its type attribute ("lights" or 1,
    // "roundabout" or 2).
    std::vector<Vec2> junctionPoints;
    std::vector<emission::JunctionType> junctionTypes;
    if (const auto j = s.table("junctions")) {
      const std::string jfile = j->pathValue("file", ctx.dir);
      const GisLayer points = readScenarioLayer(jfile, j->string("layer", ""), ctx.crs, "junctions", ctx.warnings, ctx.layers);
      const std::string typeField = j->string("type", "");
      for (const GisFeature& p : points.features) {
        if (p.kind != GeometryKind::Point) throw InputError(jfile, featureId(p, ""), "geometry: expected a point");
        emission::JunctionType type = emission::JunctionType::TrafficLights;
        if (!typeField.empty()) {
          const auto it = p.attributes.find(typeField);
          const std::string* text = it == p.attributes.end() ? nullptr : std::get_if<std::string>(&it->second);
          const double* num = it == p.attributes.end() ? nullptr : std::get_if<double>(&it->second);
          if ((text && *text == "roundabout") || (num && *num == 2.0)) type = emission::JunctionType::Roundabout;
          else if (!((text && *text == "lights") || (num && *num == 1.0)))
            throw InputError(jfile, featureId(p, ""), typeField + ": expected \"lights\" (1) or \"roundabout\" (2)");
        }
        for (const auto& part : p.parts) junctionPoints.push_back(plan(part.front())), junctionTypes.push_back(type);
      }
    }

    // The features: a GIS layer, or one inline line.
    std::string file = s.path();
    GisLayer layer;
    if (s.has("file")) {
      file = s.pathValue("file", ctx.dir);
      layer = readScenarioLayer(file, s.string("layer", ""), ctx.crs, "roads", ctx.warnings, ctx.layers);
      if (layer.geographic) s.fail("file", "the layer is in a geographic CRS (degrees): set [scenario] crs to a projected CRS");
      if (layer.features.empty()) throw InputError(file, layer.layer, "the road layer is empty");
      for (const std::string& f : {idField, surfaceField})
        if (!f.empty() && std::find(layer.fields.begin(), layer.fields.end(), f) == layer.fields.end())
          throw InputError(file, layer.layer, "no attribute \"" + f + "\" (the layer has: " + [&] {
            std::string all;
            for (const auto& x : layer.fields) all += (all.empty() ? "" : ", ") + x;
            return all;
          }() + ")");
    } else if (s.has("line")) {
      GisFeature f;
      f.kind = GeometryKind::Line;
      const toml::array* line = s.raw().get("line")->as_array();
      std::vector<Vec3> pts;
      for (const auto& p : *line) {
        const toml::array* xy = p.as_array();
        if (!xy || xy->size() < 2) s.fail("line", "expected [[x, y], …]");
        pts.push_back({xy->get(0)->value_or(0.0), xy->get(1)->value_or(0.0), 0.0});
      }
      f.parts.push_back(pts);
      f.attributes["id"] = s.string("id_value", s.path());
      layer.features.push_back(f);
    } else {
      s.fail("file", "missing: give file = \"roads.shp\" or an inline line = [[x, y], …]");
    }

    for (const GisFeature& f : layer.features) {
      const std::string id = s.has("file") ? featureId(f, idField) : std::get<std::string>(f.attributes.at("id"));
      const std::string where = file + ": " + id;
      if (f.kind != GeometryKind::Line) throw InputError(file, id, "geometry: expected a line");
      auto value = [&](const Expression& e, const std::string& field) {
        try {
          return e.evaluate(f);
        } catch (const std::invalid_argument& err) {
          throw InputError(file, id, field + ": " + err.what());
        }
      };
      emission::RoadConditions rc = base;
      rc.surface = surfaceCode;
      if (!surfaceField.empty()) {
        const auto it = f.attributes.find(surfaceField);
        const std::string* code = it == f.attributes.end() ? nullptr : std::get_if<std::string>(&it->second);
        if (!code || code->empty()) throw InputError(file, id, surfaceField + ": missing road surface code");
        rc.surface = *code;
      }
      // A variant's edits of this road, in the order given.
      std::optional<double> speedOverride;
      double flowFactor = 1.0;
      for (std::size_t k = 0; k < edits.size(); ++k) {
        const RoadEdit& e = edits[k];
        if (!e.all && std::find(e.ids.begin(), e.ids.end(), id) == e.ids.end()) continue;
        matched[k].insert(id);
        if (e.surface) {
          if (!coefficients.surfaces.count(*e.surface)) throw InputError(ctx.scenarioFile, e.where, "surface_code: unknown road surface code \"" + *e.surface + "\"");
          rc.surface = *e.surface;
        }
        if (e.speed) speedOverride = e.speed;
        flowFactor *= e.flowFactor;
        for (const auto& part : f.parts) {
          std::vector<Vec3> line(part.begin(), part.end());
          pavedLength[k] += planLength(line);
        }
      }
      if (!coefficients.surfaces.count(rc.surface))
        throw InputError(file, id, (surfaceField.empty() ? "surface_code" : surfaceField) + ": unknown road surface code \"" + rc.surface + "\"");
      if (gradient) rc.gradientPct = value(*gradient, "gradient");

      // The traffic of each period (validated once per feature).
      std::map<std::string, emission::TrafficFlow> flows;
      for (const auto& [key, traffic] : periods) {
        emission::TrafficFlow flow;
        for (std::size_t m = 0; m < emission::kVehicleCategories; ++m) {
          if (!traffic.flow[m]) continue;
          const std::string flowName = std::string(kCategoryKeys[m]) + " (" + traffic.flow[m]->text() + ")";
          const double q = flowFactor * value(*traffic.flow[m], "traffic." + key + "." + flowName);
          if (q < 0.0) throw InputError(file, id, "traffic." + key + "." + flowName + ": negative flow " + fmt(q) + " veh/h");
          if (q == 0.0) continue;
          if (!traffic.speed[m]) throw InputError(file, id, "traffic." + key + "." + kCategoryKeys[m] + "_speed: missing (flow " + fmt(q) + " veh/h)");
          double v = speedOverride ? *speedOverride : value(*traffic.speed[m], "traffic." + key + "." + kCategoryKeys[m] + "_speed");
          if (v < emission::kMinSpeedKmh || v > emission::kMaxSpeedKmh) {
            addWarning(ctx.warnings, where, "road speed outside 20–130 km/h clamped to the model's range (Directive 2015/996 §2.2)");
            v = std::clamp(v, emission::kMinSpeedKmh, emission::kMaxSpeedKmh);
          }
          const emission::RoadSurface& surface = coefficients.surfaces.at(rc.surface);
          if (v < surface.vMin || v > surface.vMax)
            addWarning(ctx.warnings, where, "speed outside the validity range of road surface " + rc.surface + " (" +
                                                fmt(surface.vMin) + "–" + fmt(surface.vMax) + " km/h): its correction is extrapolated");
          flow.flow[m] = q, flow.speed[m] = v;
        }
        flows[key] = flow;
      }
      SourceObject road;
      road.id = id;
      road.sourceClass = SourceClass::Road;
      road.kind = "road";
      for (const std::vector<Vec3>& part : f.parts) {
        if (part.size() < 2) throw InputError(file, id, "geometry: a line of fewer than two points");
        std::vector<Vec3> line;
        for (const Vec3& p : part) line.push_back({p.x, p.y, height});
        // Near a junction the line is cut into 10 m pieces, each with its acceleration term.
        for (const NearStretch& stretch : splitNearPoints(line, junctionPoints)) {
          emission::RoadConditions local = rc;
          if (stretch.nearest >= 0) {
            local.junction = junctionTypes[static_cast<std::size_t>(stretch.nearest)];
            local.junctionDistance = stretch.distance;
          }
          std::map<std::string, BandArray> byPeriod;
          for (const auto& [key, flow] : flows) byPeriod[key] = emission::roadLineEmission(coefficients, flow, local);
          SourceElement e;
          e.shape = SourceShape::Line;
          e.geometry = stretch.polyline;
          for (std::size_t h = 0; h < kHoursPerDay; ++h) e.power[h] = byPeriod.at(hourPeriod[h]);
          road.elements.push_back(std::move(e));
        }
      }
      ctx.out.push_back(std::move(road));
    }
  }
  for (std::size_t k = 0; k < edits.size(); ++k) {
    const RoadEdit& e = edits[k];
    for (const std::string& id : e.ids)
      if (!matched[k].count(id)) throw InputError(ctx.scenarioFile, e.where, "ids: no road with id \"" + id + "\"");
    if (e.costPerM2 > 0.0 && ctx.costs)
      ctx.costs->push_back({"road works (" + (e.surface ? "surface " + *e.surface : std::string("roads")) + ", " + e.where + ")",
                            pavedLength[k] * e.widthM, "m2", e.costPerM2});
  }
}

}  // namespace citynoise::io
