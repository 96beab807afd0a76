// Buildings from OpenStreetMap: heights, uses and building parts (rules in io/data/osm/README.md).
#include "osm_internal.hpp"

#include <citynoise/core/geometry2d.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

namespace citynoise::io::osm {
namespace {

/// People per residential building: gross floor area × 0.8 (net) / 40 m² per person, an
/// estimate for the exposure counts where no population data exist.
constexpr double kNetShare = 0.8, kAreaPerPerson = 40.0;
/// Parts replace their outline when they cover this share of it (the Simple 3D Buildings rule
/// asks parts to cover the outline whole; mapping is rarely exact).
constexpr double kPartsCover = 0.9;


double areaOf(const Polygons& polygons) {
  double a = 0.0;
  for (const auto& poly : polygons)
    for (std::size_t r = 0; r < poly.size(); ++r) a += (r == 0 ? 1.0 : -1.0) * std::abs(signedArea(planRing(poly[r])));
  return a;
}

Vec2 centroidOf(const Polygons& polygons) {
  Vec2 c{0, 0};
  std::size_t n = 0;
  for (const auto& poly : polygons)
    for (const Vec3& p : poly.front()) c = c + plan(p), ++n;
  return n ? c * (1.0 / static_cast<double>(n)) : c;
}

bool inside(const Polygons& polygons, const Vec2& p) {
  for (const auto& poly : polygons) {
    if (!insideRing(planRing(poly.front()), p)) continue;
    bool inHole = false;
    for (std::size_t h = 1; h < poly.size() && !inHole; ++h) inHole = insideRing(planRing(poly[h]), p);
    if (!inHole) return true;
  }
  return false;
}

Box2 boxOf(const Polygons& polygons) {
  Box2 b;
  for (const auto& poly : polygons)
    for (const Vec3& p : poly.front()) b.extend(plan(p));
  return b;
}

struct Height {
  double metres = 0, floors = 0;
  std::string source;
};

/// The base of a raised part or building (min_height, else building:min_level × storey).
double baseHeight(const Tags& tags, double storey) {
  if (const auto h = parseLength(tag(tags, "min_height"))) return *h;
  if (const auto l = parseCount(tag(tags, "building:min_level"))) return *l * storey;
  return 0.0;
}

std::string typeOf(const Tags& tags) {
  const std::string b = tag(tags, "building");
  return b.empty() || b == "no" ? tag(tags, "building:part") : b;
}

Height heightOf(const Tags& tags, const Tables& tables, double storey) {
  for (const char* key : {"height", "building:height"})
    if (const auto h = parseLength(tag(tags, key)); h && *h > 0.0) return {*h, std::max(1.0, std::round(*h / storey)), "height tag"};
  if (const auto levels = parseCount(tag(tags, "building:levels")); levels && *levels > 0.0) {
    double roof = 0.0;
    std::string source = "building:levels × storey height";
    if (const auto rh = parseLength(tag(tags, "roof:height"))) roof = *rh, source += " + roof:height";
    else if (const auto rl = parseCount(tag(tags, "roof:levels"))) roof = *rl * storey, source += " + roof:levels";
    return {*levels * storey + roof, *levels, source};
  }
  const std::string type = typeOf(tags);
  const auto it = tables.buildings.find(type);
  const BuildingDefaults& d = it != tables.buildings.end() ? it->second : tables.buildings.at("yes");
  const std::string which = it != tables.buildings.end() ? type : "yes (for " + type + ")";
  return {d.floors * storey, d.floors, "default floors for building=" + which};
}

struct Use {
  std::string use, source;
};

/// Residential land-use areas in plan, with boxes, for the point-in-area test of 10⁴ buildings.
struct Areas {
  std::vector<Ring2> rings;
  std::vector<Box2> boxes;
  explicit Areas(const std::vector<OsmFeature>& features) {
    for (const OsmFeature& f : features)
      for (const auto& poly : f.polygons) {
        rings.push_back(planRing(poly.front()));
        Box2 b;
        for (const Vec2& p : rings.back()) b.extend(p);
        boxes.push_back(b);
      }
  }
  [[nodiscard]] bool contain(const Vec2& p) const {
    for (std::size_t i = 0; i < rings.size(); ++i)
      if (boxes[i].contains(p) && insideRing(rings[i], p)) return true;
    return false;
  }
};

Use useOf(const Tags& tags, const Tables& tables, const Polygons& polygons, const Areas& residential) {
  static const std::map<std::string, std::string> amenityUse = {
      {"school", "school"},     {"kindergarten", "kindergarten"}, {"university", "school"}, {"college", "school"},
      {"hospital", "hospital"}, {"clinic", "hospital"},           {"nursing_home", "elderly_care"}};
  if (const auto a = amenityUse.find(tag(tags, "amenity")); a != amenityUse.end()) return {a->second, "amenity=" + a->first};
  const std::string type = typeOf(tags);
  if (const auto it = tables.buildings.find(type); it != tables.buildings.end() && !it->second.use.empty())
    return {it->second.use, "building=" + type};
  if (residential.contain(centroidOf(polygons))) return {"residential", "inside landuse=residential"};
  return {"", "unknown"};
}

BuildingRecord recordOf(OsmFeature&& f, const Tables& tables, double storey, const Areas& residential) {
  BuildingRecord b;
  b.id = f.id;
  b.name = tag(f.tags, "name");
  b.type = typeOf(f.tags);
  const Height h = heightOf(f.tags, tables, storey);
  b.height = h.metres;
  b.floors = h.floors;
  b.heightSource = h.source;
  const Use u = useOf(f.tags, tables, f.polygons, residential);
  b.use = u.use;
  b.useSource = u.source;
  b.polygons = std::move(f.polygons);
  if (b.use == "residential") b.population = areaOf(b.polygons) * b.floors * kNetShare / kAreaPerPerson;
  return b;
}

/// Which outline each part stands on (its centroid inside it), -1 for none.
std::vector<int> outlinesOfParts(const std::vector<BuildingRecord>& outlines, const std::vector<BuildingRecord>& parts) {
  std::vector<Box2> boxes;
  boxes.reserve(outlines.size());
  for (const BuildingRecord& o : outlines) boxes.push_back(boxOf(o.polygons));
  std::vector<int> out(parts.size(), -1);
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const Vec2 c = centroidOf(parts[p].polygons);
    for (std::size_t o = 0; o < outlines.size() && out[p] < 0; ++o)
      if (boxes[o].contains(c) && inside(outlines[o].polygons, c)) out[p] = static_cast<int>(o);
  }
  return out;
}

/// Parts that cover their outline replace it (the 3D detail kept: a tower on its podium);
/// otherwise the outline stays and its parts go. Parts without an outline stand alone.
std::vector<BuildingRecord> resolveParts(std::vector<BuildingRecord> outlines, std::vector<BuildingRecord> parts,
                                         OsmImportReport& report) {
  const std::vector<int> owner = outlinesOfParts(outlines, parts);
  std::vector<double> covered(outlines.size(), 0.0);
  for (std::size_t p = 0; p < parts.size(); ++p)
    if (owner[p] >= 0) covered[static_cast<std::size_t>(owner[p])] += areaOf(parts[p].polygons);
  std::vector<bool> replaced(outlines.size(), false);
  for (std::size_t o = 0; o < outlines.size(); ++o) replaced[o] = covered[o] >= kPartsCover * areaOf(outlines[o].polygons) && covered[o] > 0;
  std::vector<BuildingRecord> out;
  for (std::size_t o = 0; o < outlines.size(); ++o)
    if (!replaced[o]) out.push_back(std::move(outlines[o]));
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const int o = owner[p];
    if (o >= 0 && !replaced[static_cast<std::size_t>(o)]) {
      ++report.partsDropped;
      continue;
    }
    if (o >= 0) {
      ++report.partsReplacingOutline;
      const BuildingRecord& outline = outlines[static_cast<std::size_t>(o)];
      if (parts[p].use.empty()) parts[p].use = outline.use, parts[p].useSource = outline.useSource;
      if (parts[p].name.empty()) parts[p].name = outline.name;
    }
    out.push_back(std::move(parts[p]));
  }
  return out;
}

}  // namespace

std::vector<BuildingRecord> buildingsFrom(std::vector<OsmFeature> areas, const std::vector<OsmFeature>& landuse,
                                          const Tables& tables, double storeyHeight, OsmImportReport& report) {
  std::vector<OsmFeature> residentialLanduse;
  for (const OsmFeature& l : landuse)
    if (tag(l.tags, "landuse") == "residential") residentialLanduse.push_back(l);
  const Areas residential(residentialLanduse);
  std::vector<BuildingRecord> outlines, parts;
  for (OsmFeature& f : areas) {
    const bool isOutline = !tag(f.tags, "building").empty() && tag(f.tags, "building") != "no";
    const bool isPart = !isOutline && !tag(f.tags, "building:part").empty() && tag(f.tags, "building:part") != "no";
    if (!isOutline && !isPart) continue;
    // A raised structure (a covered passage, a skyway, an overhang) leaves the ground path open;
    // as a footprint down to the ground it would screen what it does not.
    if (baseHeight(f.tags, storeyHeight) > 0.0) {
      ++report.raisedParts;
      continue;
    }
    if (const auto it = tables.buildings.find(typeOf(f.tags)); it != tables.buildings.end() && it->second.floors <= 0.0) {
      ++report.leftOut["building=" + it->first + " (no walls down to the ground)"];
      continue;
    }
    (isOutline ? outlines : parts).push_back(recordOf(std::move(f), tables, storeyHeight, residential));
  }
  std::vector<BuildingRecord> out = resolveParts(std::move(outlines), std::move(parts), report);
  for (const BuildingRecord& b : out) ++report.heightFrom[b.heightSource], ++report.useFrom[b.useSource];
  report.buildings = out.size();
  return out;
}

}  // namespace citynoise::io::osm
