// One tile's glb (see tile_content.hpp). Vertices are shared where they agree in position, colour
// and feature (a façade band's, the terrain's); unlit, so no normals. glTF is y-up: the local frame's (east, north, up) is
// written (east, up, −north), as 3D Tiles expect of glTF content.
#include "tile_content.hpp"

#include <citynoise/io/run_outputs.hpp>

#include "facade_bands.hpp"
#include "glb_builder.hpp"
#include "mesh_clustering.hpp"

#include <cmath>
#include <cstring>
#include <unordered_map>

namespace citynoise::io::tiles {
namespace {

constexpr float kNoData = -999.0f;
constexpr std::array<std::uint8_t, 3> kRoof = {205, 203, 196}, kTerrain = {150, 160, 138}, kWall = {90, 90, 100}, kStructure = {180, 175, 160};

/// An sRGB byte as glTF's linear COLOR_0 wants it (IEC 61966-2-1), in 16 bits: an unlit viewer
/// turns it back into the palette's exact colour.
std::uint16_t linear16(std::uint8_t c) {
  const double s = c / 255.0;
  const double l = s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  return static_cast<std::uint16_t>(std::lround(l * 65535.0));
}

/// Triangles on their way into a primitive.
struct Mesh {
  std::vector<double> crs;  ///< x y z per vertex, the version's CRS
  std::vector<std::uint16_t> rgba;  ///< linear, normalised unsigned short
  std::vector<float> feature;
  void add(const double* t, const std::array<std::uint8_t, 3> (&colours)[3], float id) {
    crs.insert(crs.end(), t, t + 9);
    for (const auto& c : colours) rgba.insert(rgba.end(), {linear16(c[0]), linear16(c[1]), linear16(c[2]), 65535});
    for (int k = 0; k < 3; ++k) feature.push_back(id);
  }
};

/// The features' property table (EXT_structural_metadata), one row per façade floor or roof.
struct Features {
  std::vector<std::string> building, use, zone, dominant;
  std::vector<std::int32_t> floor;
  std::array<std::vector<float>, 6> levels;
  std::vector<float> exceedDay, exceedNight, population;

  float add(const TileBuilding& b, int floorNumber, const std::array<double, 6>& lv, double exceedD, double exceedN, const std::string& dom) {
    auto f = [](double v) { return std::isfinite(v) ? static_cast<float>(v) : kNoData; };
    building.push_back(b.summary.id), use.push_back(b.summary.use), zone.push_back(b.summary.zone), dominant.push_back(dom);
    floor.push_back(floorNumber);
    for (std::size_t k = 0; k < 6; ++k) levels[k].push_back(f(lv[k]));
    exceedDay.push_back(f(exceedD)), exceedNight.push_back(f(exceedN)), population.push_back(f(b.population));
    return static_cast<float>(floor.size() - 1);
  }
};

const char* const kIndicatorNames[6] = {"Lday", "Levening", "Lnight", "Lden", "Ld", "Ln"};

std::array<double, 6> floorLevels(const StoredFloor& f) { return {f.lday, f.levening, f.lnight, f.lden, f.ld, f.ln}; }

/// A floor's level of an indicator numbered as PointLevel::indicator (0–5, 6 + hour).
double floorLevel(const StoredFloor& f, int indicator) {
  if (indicator < 6) return floorLevels(f)[static_cast<std::size_t>(indicator)];
  const auto h = static_cast<std::size_t>(indicator - 6);
  return h < f.hourly.size() ? f.hourly[h] : NAN;
}

void addBuilding(const TileBuilding& b, int indicator, Mesh& mesh, Features& features) {
  std::vector<int> numbers;
  std::vector<double> heights;
  for (const StoredFloor& f : b.floors) numbers.push_back(f.floor), heights.push_back(f.meanZ);
  const std::vector<double> cuts = floorCuts(numbers, heights);
  std::vector<float> bandFeature;
  std::vector<std::array<std::uint8_t, 3>> bandColour;
  for (const StoredFloor& f : b.floors) {
    bandFeature.push_back(features.add(b, f.floor, floorLevels(f), f.exceedDay, f.exceedNight, f.dominant));
    bandColour.push_back(levelColour(floorLevel(f, indicator)));
  }
  if (b.floors.empty()) {  // a building without façade points: one grey band, levels unknown
    bandFeature.push_back(features.add(b, -2, {NAN, NAN, NAN, NAN, NAN, NAN}, NAN, NAN, ""));
    bandColour.push_back(levelColour(NAN));
  }
  // The roof: the building's loudest floor (Lnight, Lden) and exceedances.
  const float roof = features.add(b, -1, {NAN, NAN, b.summary.maxLnight, b.summary.maxLden, NAN, NAN}, b.summary.exceedDay, b.summary.exceedNight, "");
  std::vector<std::vector<double>> bands(cuts.size() + 1);
  for (const StoredSurface* s : b.surfaces) {
    if (s->kind == SurfaceKind::Roof) {
      for (std::size_t t = 0; t + 9 <= s->triangles.size(); t += 9) mesh.add(&s->triangles[t], {kRoof, kRoof, kRoof}, roof);
      continue;
    }
    for (std::size_t t = 0; t + 9 <= s->triangles.size(); t += 9) splitAtHeights(&s->triangles[t], cuts, bands);
  }
  for (std::size_t k = 0; k < bands.size(); ++k) {
    const auto& c = bandColour[std::min(k, bandColour.size() - 1)];
    for (std::size_t t = 0; t + 9 <= bands[k].size(); t += 9) mesh.add(&bands[k][t], {c, c, c}, bandFeature[std::min(k, bandFeature.size() - 1)]);
  }
}

void addLoose(SurfaceKind kind, const double* xyz, const ReceiverIndex& levels, int indicator, Mesh& mesh) {
  std::array<std::uint8_t, 3> colours[3] = {kWall, kWall, kWall};
  for (int k = 0; k < 3; ++k) {
    if (kind == SurfaceKind::Structure) colours[k] = kStructure;
    if (kind != SurfaceKind::Terrain) continue;
    const double* p = xyz + 3 * k;
    const auto grid = levels.gridLevelAt(p[0], p[1], p[2] + 4.0);  // the grid draped: its level at the vertex
    colours[k] = grid && std::isfinite(grid->indicator(indicator)) ? levelColour(grid->indicator(indicator)) : kTerrain;
  }
  mesh.add(xyz, colours, -1.0f);
}

/// A building as one feature (floor -3): the loudest floor's levels and colour, walls uncut.
void addCoarseBuilding(const TileBuilding& b, int indicator, Mesh& mesh, Features& features) {
  std::array<double, 6> loudest = {NAN, NAN, NAN, NAN, NAN, NAN};
  std::string dominant;
  double best = NAN;  // of the shown indicator
  for (const StoredFloor& f : b.floors) {
    const auto lv = floorLevels(f);
    for (std::size_t k = 0; k < 6; ++k)
      if (std::isfinite(lv[k]) && !(lv[k] <= loudest[k])) loudest[k] = lv[k];
    const double shown = floorLevel(f, indicator);
    if (std::isfinite(shown) && !(shown <= best)) best = shown, dominant = f.dominant;
  }
  const float id = features.add(b, -3, loudest, b.summary.exceedDay, b.summary.exceedNight, dominant);
  const auto wall = levelColour(best);
  for (const StoredSurface* s : b.surfaces) {
    const auto& c = s->kind == SurfaceKind::Roof ? kRoof : wall;
    for (std::size_t t = 0; t + 9 <= s->triangles.size(); t += 9) mesh.add(&s->triangles[t], {c, c, c}, id);
  }
}

/// A vertex as the primitive shares it: position (mm), colour and feature.
struct VertexKey {
  std::int64_t x, y, z;
  std::uint64_t colour;
  float feature;
  bool operator==(const VertexKey& o) const { return x == o.x && y == o.y && z == o.z && colour == o.colour && feature == o.feature; }
};

struct VertexHash {
  std::size_t operator()(const VertexKey& k) const {
    std::uint64_t h = 1469598103934665603ull;
    std::uint32_t f = 0;
    std::memcpy(&f, &k.feature, sizeof f);
    for (const std::uint64_t v : {static_cast<std::uint64_t>(k.x), static_cast<std::uint64_t>(k.y), static_cast<std::uint64_t>(k.z), k.colour,
                                  static_cast<std::uint64_t>(f)})
      h = (h ^ v) * 1099511628211ull;
    return static_cast<std::size_t>(h);
  }
};

/// The primitive of a mesh: vertices shared where position, colour and feature agree (indexed
/// triangles, no normals: the material is unlit), positions in the local frame.
/// `pick` (unless null): where the triangles go in the local east-north-up frame, each with its
/// feature (the mesh's own, or `ground` for a mesh without features).
nlohmann::json primitive(GlbBuilder& glb, const Mesh& mesh, const EarthFrame& frame, Region& region, const Features* features, PickMesh* pick,
                         std::uint32_t ground) {
  std::unordered_map<VertexKey, std::uint32_t, VertexHash> index;
  std::vector<std::uint32_t> indices;
  std::vector<double> unique;
  std::vector<std::uint16_t> rgba;
  std::vector<float> feature;
  const std::size_t corners = mesh.crs.size() / 3;
  indices.reserve(corners);
  for (std::size_t i = 0; i < corners; ++i) {
    const double* p = &mesh.crs[3 * i];
    std::uint64_t colour = 0;
    for (int c = 0; c < 4; ++c) colour = colour << 16 | mesh.rgba[4 * i + static_cast<std::size_t>(c)];
    const VertexKey key{std::llround(p[0] * 1000), std::llround(p[1] * 1000), std::llround(p[2] * 1000), colour, mesh.feature[i]};
    const auto [it, added] = index.emplace(key, static_cast<std::uint32_t>(unique.size() / 3));
    if (added) {
      unique.insert(unique.end(), p, p + 3);
      rgba.insert(rgba.end(), &mesh.rgba[4 * i], &mesh.rgba[4 * i] + 4);
      feature.push_back(mesh.feature[i]);
    }
    indices.push_back(it->second);
  }
  const std::vector<Geodetic> geo = frame.geodetic(unique);
  const std::size_t n = geo.size();
  std::vector<float> position(3 * n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto p = frame.local(geo[i]);
    position[3 * i] = static_cast<float>(p[0]), position[3 * i + 1] = static_cast<float>(p[2]), position[3 * i + 2] = static_cast<float>(-p[1]);
    region.west = std::min(region.west, geo[i].lon), region.east = std::max(region.east, geo[i].lon);
    region.south = std::min(region.south, geo[i].lat), region.north = std::max(region.north, geo[i].lat);
    region.low = std::min(region.low, geo[i].h), region.high = std::max(region.high, geo[i].h);
  }
  for (std::size_t c = 0; pick && c + 3 <= indices.size(); c += 3) {
    for (std::size_t k = 0; k < 3; ++k) {
      const float* q = &position[3 * indices[c + k]];
      pick->triangles.insert(pick->triangles.end(), {q[0], -q[2], q[1]});  // back from glTF's y-up to east, north, up
    }
    pick->feature.push_back(features ? static_cast<std::uint32_t>(feature[indices[c]]) : ground);
  }
  nlohmann::json attributes = {{"POSITION", glb.accessor(position.data(), n, "VEC3", 5126, 3, false, true)},
                               {"COLOR_0", glb.accessor(rgba.data(), n, "VEC4", 5123, 4, true, false)}};
  nlohmann::json p = {{"mode", 4}, {"material", 0}, {"indices", glb.accessor(indices.data(), indices.size(), "SCALAR", 5125, 1, false, false)}};
  if (features) {
    attributes["_FEATURE_ID_0"] = glb.accessor(feature.data(), n, "SCALAR", 5126, 1, false, false);
    p["extensions"]["EXT_mesh_features"]["featureIds"] = {{{"featureCount", features->floor.size()}, {"attribute", 0}, {"propertyTable", 0}}};
  }
  p["attributes"] = attributes;
  return p;
}

nlohmann::json strings(GlbBuilder& glb, const std::vector<std::string>& values) {
  std::string bytes;
  std::vector<std::uint32_t> offsets{0};
  for (const std::string& s : values) bytes += s, offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
  return {{"values", glb.view(bytes.data(), bytes.size())}, {"stringOffsets", glb.view(offsets.data(), offsets.size() * 4)}, {"stringOffsetType", "UINT32"}};
}

template <class T>
nlohmann::json numbers(GlbBuilder& glb, const std::vector<T>& v) {
  return {{"values", glb.view(v.data(), v.size() * sizeof(T))}};
}

/// The schema and the property table of the floors (EXT_structural_metadata).
nlohmann::json metadata(GlbBuilder& glb, const Features& f) {
  nlohmann::json props = {{"building", {{"type", "STRING"}, {"description", "building id"}}},
                          {"floor", {{"type", "SCALAR"}, {"componentType", "INT32"}, {"description", "façade floor from 0; -1 the roof, -2 no façade points, -3 the whole building (a coarse level of detail)"}}},
                          {"use", {{"type", "STRING"}}},
                          {"zone", {{"type", "STRING"}, {"description", "GB 3096-2008 zone"}}},
                          {"dominant", {{"type", "STRING"}, {"description", "source class dominating the loudest point"}}},
                          {"population", {{"type", "SCALAR"}, {"componentType", "FLOAT32"}, {"noData", kNoData}}},
                          {"exceed_day", {{"type", "SCALAR"}, {"componentType", "FLOAT32"}, {"noData", kNoData}, {"description", "dB over the day limit"}}},
                          {"exceed_night", {{"type", "SCALAR"}, {"componentType", "FLOAT32"}, {"noData", kNoData}, {"description", "dB over the night limit"}}}};
  for (const char* name : kIndicatorNames)
    props[name] = {{"type", "SCALAR"}, {"componentType", "FLOAT32"}, {"noData", kNoData}, {"description", std::string(name) + ", dB(A), the floor's loudest point"}};
  nlohmann::json table = {{"building", strings(glb, f.building)}, {"floor", numbers(glb, f.floor)},           {"use", strings(glb, f.use)},
                          {"zone", strings(glb, f.zone)},         {"dominant", strings(glb, f.dominant)},   {"population", numbers(glb, f.population)},
                          {"exceed_day", numbers(glb, f.exceedDay)}, {"exceed_night", numbers(glb, f.exceedNight)}};
  for (std::size_t k = 0; k < 6; ++k) table[kIndicatorNames[k]] = numbers(glb, f.levels[k]);
  return {{"schema", {{"id", "citynoise"}, {"classes", {{"facade_floor", {{"name", "Façade floor"}, {"properties", props}}}}}}},
          {"propertyTables", {{{"class", "facade_floor"}, {"count", f.floor.size()}, {"properties", table}}}}};
}

}  // namespace

void Region::add(const Region& r) {
  west = std::min(west, r.west), south = std::min(south, r.south), east = std::max(east, r.east), north = std::max(north, r.north);
  low = std::min(low, r.low), high = std::max(high, r.high);
}

namespace {

/// The glb of a tile's two meshes: the ground and the buildings with their property table; with
/// `pick`, their triangles for the service's ray cast too (the full detail only).
TileContent assemble(const Mesh& houses, const Mesh& ground, const Features& features, const EarthFrame& frame, bool pick) {
  GlbBuilder glb;
  TileContent out;
  PickMesh* picks = pick ? &out.pick : nullptr;
  const auto groundFeature = static_cast<std::uint32_t>(features.floor.size());  // the terrain and structures: no building
  if (pick) {
    out.pick.building = features.building, out.pick.floor = features.floor;
    out.pick.building.emplace_back(), out.pick.floor.push_back(0);
  }
  nlohmann::json primitives = nlohmann::json::array();
  if (!ground.crs.empty()) primitives.push_back(primitive(glb, ground, frame, out.region, nullptr, picks, groundFeature));
  if (!houses.crs.empty()) primitives.push_back(primitive(glb, houses, frame, out.region, &features, picks, groundFeature));
  nlohmann::json& j = glb.json();
  j["scene"] = 0;
  j["scenes"] = {{{"nodes", {0}}}};
  j["nodes"] = {{{"mesh", 0}}};
  j["meshes"] = {{{"primitives", primitives}}};
  // Unlit: a map shows its classes' colours, not shaded ones (KHR_materials_unlit; a viewer that
  // lacks it falls back to the matte PBR material).
  j["materials"] = {{{"pbrMetallicRoughness", {{"baseColorFactor", {1, 1, 1, 1}}, {"metallicFactor", 0}, {"roughnessFactor", 1}}},
                     {"doubleSided", true},
                     {"extensions", {{"KHR_materials_unlit", nlohmann::json::object()}}}}};
  j["extensionsUsed"] = {"KHR_materials_unlit"};
  if (!houses.crs.empty()) {
    j["extensionsUsed"] = {"KHR_materials_unlit", "EXT_mesh_features", "EXT_structural_metadata"};
    j["extensions"]["EXT_structural_metadata"] = metadata(glb, features);
  }
  out.triangles = (houses.crs.size() + ground.crs.size()) / 9;
  out.features = features.floor.size();
  out.glb = glb.bytes();
  return out;
}

}  // namespace

TileContent tileContent(const std::vector<const TileBuilding*>& buildings, const std::vector<const LooseTriangle*>& loose, const EarthFrame& frame,
                        const ReceiverIndex& levels, int indicator) {
  Mesh houses, ground;
  Features features;
  for (const TileBuilding* b : buildings) addBuilding(*b, indicator, houses, features);
  for (const LooseTriangle* t : loose) addLoose(t->kind, t->xyz, levels, indicator, ground);
  return assemble(houses, ground, features, frame, true);
}

TileContent coarseTileContent(const std::vector<const TileBuilding*>& buildings, const std::vector<const LooseTriangle*>& loose, const EarthFrame& frame,
                              const ReceiverIndex& levels, int indicator, double cell) {
  Mesh houses, ground;
  Features features;
  for (const TileBuilding* b : buildings) addCoarseBuilding(*b, indicator, houses, features);
  std::vector<const double*> terrain;
  for (const LooseTriangle* t : loose) {
    if (t->kind == SurfaceKind::Terrain) terrain.push_back(t->xyz);
    else addLoose(t->kind, t->xyz, levels, indicator, ground);  // barriers and structures: few, kept whole
  }
  const std::vector<double> clustered = clusterInPlan(terrain, cell);
  for (std::size_t t = 0; t + 9 <= clustered.size(); t += 9) addLoose(SurfaceKind::Terrain, &clustered[t], levels, indicator, ground);
  return assemble(houses, ground, features, frame, false);
}

TileContent plainContent(const std::vector<double>& triangles, const std::vector<std::array<std::uint8_t, 3>>& colours, const EarthFrame& frame) {
  Mesh none, surface;
  for (std::size_t t = 0; 9 * t + 9 <= triangles.size() && t < colours.size(); ++t) {
    const auto& c = colours[t];
    surface.add(&triangles[9 * t], {c, c, c}, -1.0f);
  }
  return assemble(none, surface, Features{}, frame, false);
}

}  // namespace citynoise::io::tiles
