// Roads, rail lines and ground areas from OpenStreetMap (rules in io/data/osm/README.md).
#include "osm_internal.hpp"

#include <algorithm>
#include <cstdlib>

namespace citynoise::io::osm {

std::string osmId(const GisFeature& f) {
  for (const auto& [field, kind] : {std::pair{"osm_way_id", "way/"}, std::pair{"osm_id", ""}}) {
    const auto it = f.attributes.find(field);
    if (it == f.attributes.end() || std::holds_alternative<std::monostate>(it->second)) continue;
    const std::string v = attributeText(it->second);
    if (v.empty()) continue;
    // GDAL's multipolygons layer: osm_way_id for closed ways, osm_id for relations; lines: osm_id.
    if (std::string(field) == "osm_id") return (f.attributes.count("osm_way_id") ? "relation/" : "way/") + v;
    return kind + v;
  }
  return "fid " + std::to_string(f.fid);
}

OsmFeature osmFeature(GisFeature&& f) {
  OsmFeature o;
  o.id = osmId(f);
  for (const auto& [k, v] : f.attributes) {
    if (k == "other_tags" || k == "osm_id" || k == "osm_way_id" || k == "z_order") continue;
    const std::string text = attributeText(v);
    if (!text.empty()) o.tags[k] = text;
  }
  if (const auto it = f.attributes.find("other_tags"); it != f.attributes.end())
    for (auto& [k, v] : parseOtherTags(attributeText(it->second))) o.tags.emplace(k, v);
  o.polygons = std::move(f.polygons);
  o.lines = std::move(f.parts);
  return o;
}

namespace {

/// Underground, for a sound source: a tunnel, or a subway below the ground level.
bool underground(const Tags& tags) {
  return isYes(tags, "tunnel") || std::atoi(tag(tags, "layer").c_str()) < 0;
}

std::string motorClass(const Tags& tags, const Tables& tables) {
  const std::string h = tag(tags, "highway");
  return tables.highways.count(h) ? h : std::string();
}

}  // namespace

std::vector<RoadRecord> roadsFrom(const std::vector<OsmFeature>& ways, const Tables& tables, OsmImportReport& report) {
  std::vector<RoadRecord> out;
  for (const OsmFeature& w : ways) {
    const std::string highway = tag(w.tags, "highway");
    if (highway.empty()) continue;
    const std::string cls = motorClass(w.tags, tables);
    if (cls.empty()) {
      ++report.leftOut["highway=" + highway + " (not a motor road class)"];
      continue;
    }
    if (isYes(w.tags, "tunnel")) {
      ++report.leftOut["road in a tunnel (tunnel=" + tag(w.tags, "tunnel") + ")"];
      continue;
    }
    const HighwayDefaults& d = tables.highways.at(cls);
    RoadRecord r;
    r.id = w.id;
    r.name = tag(w.tags, "name");
    r.highway = cls;
    const auto lanes = parseCount(tag(w.tags, "lanes"));
    const auto speed = parseSpeed(tag(w.tags, "maxspeed"));
    report.lanesTagged += lanes.has_value();
    report.speedTagged += speed.has_value();
    r.lanes = lanes && *lanes > 0 ? *lanes : d.lanes;
    r.speed = speed ? *speed : d.speedKmh;
    const std::string oneway = tag(w.tags, "oneway");
    r.oneway = oneway == "yes" || oneway == "1" || oneway == "-1" || oneway == "true" || tag(w.tags, "junction") == "roundabout";
    report.onewayWays += r.oneway;
    r.bridge = isYes(w.tags, "bridge");
    report.bridges += r.bridge;
    // The class's daily flow, in proportion to the lanes, half of it on one carriageway.
    const double daily = d.aadt * (r.lanes / d.lanes) * (r.oneway ? 0.5 : 1.0);
    const double shares[3] = {1.0 - (d.mediumPct + d.heavyPct) / 100.0, d.mediumPct / 100.0, d.heavyPct / 100.0};
    for (int p = 0; p < 3; ++p)
      for (int c = 0; c < 3; ++c) r.flow[p][c] = daily * d.sharePerHour[p] * shares[c];
    r.lines = w.lines;
    ++report.roadsByClass[cls];
    out.push_back(std::move(r));
  }
  report.roads = out.size();
  return out;
}

std::vector<RailRecord> railFrom(const std::vector<OsmFeature>& ways, const Tables& tables, OsmImportReport& report) {
  std::vector<RailRecord> out;
  for (const OsmFeature& w : ways) {
    const std::string kind = tag(w.tags, "railway");
    if (kind.empty()) continue;
    if (!tables.railways.count(kind)) {
      ++report.leftOut["railway=" + kind + " (not a running line kind)"];
      continue;
    }
    if (underground(w.tags)) {
      ++report.leftOut["railway=" + kind + " underground (tunnel or layer < 0)"];
      continue;
    }
    RailRecord r{w.id, tag(w.tags, "name"), kind, isYes(w.tags, "bridge"), w.lines};
    ++report.railByKind[kind];
    out.push_back(std::move(r));
  }
  report.railLines = out.size();
  return out;
}

std::vector<GroundRecord> groundFrom(const std::vector<OsmFeature>& areas, OsmImportReport& report) {
  // G of the Directive's Table 2.5.a: grass, loose soil, forest floor, pasture 1; compacted
  // lawns and park areas 0.7; water 0 (kept explicit: it wins over a park around a pond).
  static const std::vector<std::tuple<const char*, const char*, const char*, double>> kinds = {
      {"landuse", "grass", "grass", 1.0},         {"landuse", "meadow", "grass", 1.0},
      {"landuse", "village_green", "grass", 1.0}, {"landuse", "recreation_ground", "park", 0.7},
      {"landuse", "farmland", "farmland", 1.0},   {"landuse", "orchard", "farmland", 1.0},
      {"landuse", "vineyard", "farmland", 1.0},   {"landuse", "allotments", "farmland", 1.0},
      {"landuse", "forest", "forest", 1.0},       {"natural", "wood", "forest", 1.0},
      {"natural", "scrub", "forest", 1.0},        {"natural", "grassland", "grass", 1.0},
      {"natural", "heath", "grass", 1.0},         {"leisure", "park", "park", 0.7},
      {"leisure", "garden", "park", 0.7},         {"natural", "water", "water", 0.0},
      {"landuse", "reservoir", "water", 0.0},     {"landuse", "basin", "water", 0.0},
      {"waterway", "riverbank", "water", 0.0}};
  std::vector<GroundRecord> soft, water;
  for (const OsmFeature& a : areas) {
    if (!tag(a.tags, "building").empty()) continue;
    for (const auto& [key, value, kind, g] : kinds) {
      if (tag(a.tags, key) != value) continue;
      GroundRecord r{a.id, kind, g, a.polygons};
      ++report.groundByKind[std::string(kind) + " (G = " + (g == 0.7 ? "0.7" : g == 1.0 ? "1" : "0") + ")"];
      (g == 0.0 ? water : soft).push_back(std::move(r));
      break;
    }
  }
  soft.insert(soft.end(), std::make_move_iterator(water.begin()), std::make_move_iterator(water.end()));
  report.groundAreas = soft.size();
  return soft;
}

}  // namespace citynoise::io::osm
