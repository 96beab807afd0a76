// A version as 3D Tiles 1.1 (see tiles.hpp): buildings and terrain triangles sorted into a
// quadtree by their plan centre, one glb per leaf, tileset.json with geographic regions and the
// local frame's transform on the root.
#include <citynoise/io/tiles.hpp>

#include <citynoise/core/error.hpp>
#include <citynoise/io/atomic_file.hpp>

#include <citynoise/io/receiver_index.hpp>

#include "tile_content.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace citynoise::io {
namespace {

using tiles::LooseTriangle;
using tiles::Region;
using tiles::TileBuilding;

struct Scene {
  std::vector<StoredSurface> surfaces;
  std::vector<TileBuilding> buildings;
  std::vector<LooseTriangle> loose;
  double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300, minZ = 1e300;
};

/// The version's buildings (with floors) and surfaces, each building's surfaces by its id.
void load(const MapStore& store, std::int64_t version, Scene& s) {
  s.surfaces = store.surfaces(version);
  if (s.surfaces.empty())
    throw InputError("version " + std::to_string(version), "surfaces", "no city surfaces: its result was written without city.vtp ([outputs] vtk)");
  std::map<std::string, std::size_t> index;
  BuildingFilter all;
  all.limit = 1000;
  for (BuildingPage page; (page = store.buildings(version, all)).buildings.size() > 0; all.offset += all.limit)
    for (BuildingSummary& b : page.buildings) {
      TileBuilding t;
      const auto stored = store.building(version, b.id);
      t.population = stored ? stored->population : 0.0;
      if (stored) t.floors = stored->floors;
      t.summary = std::move(b);
      index[t.summary.id] = s.buildings.size();
      s.buildings.push_back(std::move(t));
    }
  std::vector<std::array<double, 4>> extent(s.buildings.size(), {1e300, 1e300, -1e300, -1e300});
  for (const StoredSurface& f : s.surfaces) {
    for (std::size_t i = 0; i + 3 <= f.triangles.size(); i += 3) {
      s.minX = std::min(s.minX, f.triangles[i]), s.maxX = std::max(s.maxX, f.triangles[i]);
      s.minY = std::min(s.minY, f.triangles[i + 1]), s.maxY = std::max(s.maxY, f.triangles[i + 1]);
      s.minZ = std::min(s.minZ, f.triangles[i + 2]);
    }
    const auto it = f.building.empty() ? index.end() : index.find(f.building);
    if (it == index.end()) {
      for (std::size_t t = 0; t + 9 <= f.triangles.size(); t += 9) {
        const double* p = &f.triangles[t];
        s.loose.push_back({f.kind, p, (p[0] + p[3] + p[6]) / 3, (p[1] + p[4] + p[7]) / 3});
      }
      continue;
    }
    s.buildings[it->second].surfaces.push_back(&f);
    auto& e = extent[it->second];
    for (std::size_t i = 0; i + 3 <= f.triangles.size(); i += 3)
      e = {std::min(e[0], f.triangles[i]), std::min(e[1], f.triangles[i + 1]), std::max(e[2], f.triangles[i]), std::max(e[3], f.triangles[i + 1])};
  }
  for (std::size_t b = 0; b < s.buildings.size(); ++b)
    s.buildings[b].cx = 0.5 * (extent[b][0] + extent[b][2]), s.buildings[b].cy = 0.5 * (extent[b][1] + extent[b][3]);
}

struct Cell {
  int level = 0;
  std::int64_t x = 0, y = 0;
  double x0 = 0, y0 = 0, side = 0;
  std::vector<const TileBuilding*> buildings;
  std::vector<const LooseTriangle*> loose;
};

class Builder {
 public:
  Builder(const TileOptions& o, const tiles::EarthFrame& f, const ReceiverIndex& l, int indicator, Tileset& out)
      : o_(o), frame_(f), levels_(l), indicator_(indicator), out_(out) {}

  /// The tile of a cell (null when empty) and its region.
  nlohmann::json tile(Cell& c, Region& region) {
    if (c.buildings.empty() && c.loose.empty()) return nullptr;
    const bool split = (static_cast<int>(c.buildings.size()) > o_.maxBuildingsPerTile || static_cast<int>(c.loose.size()) > o_.maxTerrainTrianglesPerTile) &&
                       c.level < o_.maxDepth;
    if (!split) return leaf(c, region);
    Cell kids[4];
    const double half = c.side / 2;
    for (int k = 0; k < 4; ++k)
      kids[k] = {c.level + 1, 2 * c.x + (k & 1), 2 * c.y + (k >> 1), c.x0 + half * (k & 1), c.y0 + half * (k >> 1), half, {}, {}};
    auto quadrant = [&](double x, double y) { return (x >= c.x0 + half ? 1 : 0) + (y >= c.y0 + half ? 2 : 0); };
    for (const TileBuilding* b : c.buildings) kids[quadrant(b->cx, b->cy)].buildings.push_back(b);
    for (const LooseTriangle* t : c.loose) kids[quadrant(t->cx, t->cy)].loose.push_back(t);
    nlohmann::json children = nlohmann::json::array();
    for (Cell& k : kids) {
      Region r;
      nlohmann::json t = tile(k, r);
      if (t.is_null()) continue;
      children.push_back(t);
      region.add(r);
    }
    return coarse(c, region, children);
  }

 private:
  nlohmann::json leaf(const Cell& c, Region& region) {
    tiles::TileContent content = tiles::tileContent(c.buildings, c.loose, frame_, levels_, indicator_);
    const std::string name = "tiles/" + std::to_string(c.level) + "-" + std::to_string(c.x) + "-" + std::to_string(c.y) + ".glb";
    out_.files.emplace_back(name, std::move(content.glb));
    out_.triangles += content.triangles, out_.features += content.features;
    appendPick(content.pick);
    region = content.region;
    return {{"boundingVolume", {{"region", regionJson(region)}}}, {"geometricError", 0.0}, {"content", {{"uri", name}}}};
  }
  /// A split cell's own content: its buildings and terrain at a coarser level of detail, which the
  /// children replace when the view asks for more (refine REPLACE). Its geometric error bounds what
  /// the coarse content misses: the terrain clustering (a corner moves at most cell·√2 in plan) and
  /// the floors, which it colours as one (a storey, 3 m).
  nlohmann::json coarse(const Cell& c, Region& region, const nlohmann::json& children) {
    const double cell = c.side / kCoarseCellsPerSide;
    tiles::TileContent content = tiles::coarseTileContent(c.buildings, c.loose, frame_, levels_, indicator_, cell);
    const std::string name = "tiles/" + std::to_string(c.level) + "-" + std::to_string(c.x) + "-" + std::to_string(c.y) + "-coarse.glb";
    out_.files.emplace_back(name, std::move(content.glb));
    out_.coarseTriangles += content.triangles;
    region.add(content.region);
    return {{"boundingVolume", {{"region", regionJson(region)}}},
            {"geometricError", std::max(cell * std::sqrt(2.0), kStoreyHeight)},
            {"refine", "REPLACE"},
            {"content", {{"uri", name}}},
            {"children", children}};
  }
  static constexpr double kCoarseCellsPerSide = 128, kStoreyHeight = 3.0;
  void appendPick(const PickMesh& p) {
    PickMesh& all = out_.pick;
    const auto offset = static_cast<std::uint32_t>(all.building.size());
    all.building.insert(all.building.end(), p.building.begin(), p.building.end());
    all.floor.insert(all.floor.end(), p.floor.begin(), p.floor.end());
    all.triangles.insert(all.triangles.end(), p.triangles.begin(), p.triangles.end());
    for (const std::uint32_t f : p.feature) all.feature.push_back(offset + f);
  }
  static nlohmann::json regionJson(const Region& r) { return {r.west, r.south, r.east, r.north, r.low, r.high}; }

  const TileOptions& o_;
  const tiles::EarthFrame& frame_;
  const ReceiverIndex& levels_;
  int indicator_;
  Tileset& out_;
};

}  // namespace

Tileset makeTiles(const MapStore& store, std::int64_t version, const TileOptions& o) {
  const int indicator = indicatorNumber(o.indicator);
  if (o.maxBuildingsPerTile < 1 || o.maxTerrainTrianglesPerTile < 1 || o.maxDepth < 0 || o.maxDepth > 16)
    throw InputError("tiles", "", "expected at least one building and triangle per tile and a depth of 0 to 16");
  const MapVersion v = store.version(version);
  if (indicator >= 6 && !v.hourly)
    throw InputError("version " + std::to_string(version), "indicator " + o.indicator, "the version has no hourly levels (its run had [outputs] hourly off)");
  Scene scene;
  load(store, version, scene);
  const tiles::EarthFrame frame(v.crs, 0.5 * (scene.minX + scene.maxX), 0.5 * (scene.minY + scene.maxY), scene.minZ);
  const ReceiverIndex levels(store, version);
  Tileset out;
  Cell root;
  root.x0 = scene.minX, root.y0 = scene.minY, root.side = std::max({scene.maxX - scene.minX, scene.maxY - scene.minY, 1.0}) * (1 + 1e-9);
  for (const TileBuilding& b : scene.buildings)
    if (!b.surfaces.empty()) root.buildings.push_back(&b);
  for (const LooseTriangle& t : scene.loose) root.loose.push_back(&t);
  Region region;
  nlohmann::json tile = Builder(o, frame, levels, indicator, out).tile(root, region);
  const auto m = frame.toEcef();
  tile["transform"] = std::vector<double>(m.begin(), m.end());
  nlohmann::json tileset = {
      {"asset", {{"version", "1.1"}, {"generator", "citynoise"}, {"tilesetVersion", std::to_string(v.id)}}},
      {"schema",
       {{"id", "citynoise_map"},
        {"classes",
         {{"map",
           {{"properties",
             {{"version", {{"type", "SCALAR"}, {"componentType", "INT32"}}},
              {"label", {{"type", "STRING"}}},
              {"scenario", {{"type", "STRING"}}},
              {"indicator", {{"type", "STRING"}, {"description", "the façades' and the terrain's colour: 5 dB classes of this indicator"}}},
              {"crs", {{"type", "STRING"}}}}}}}}}}},
      {"metadata", {{"class", "map"}, {"properties", {{"version", v.id}, {"label", v.label}, {"scenario", v.scenario}, {"indicator", o.indicator}, {"crs", v.crs}}}}},
      {"geometricError", root.side / 4},
      {"root", tile}};
  out.json = tileset.dump(1);
  return out;
}

void writeTiles(const Tileset& t, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir / "tiles");
  std::set<std::filesystem::path> keep;
  for (const auto& [name, bytes] : t.files) {
    AtomicFile f(dir / name);
    f.stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.commit();
    keep.insert(dir / name);
  }
  AtomicFile json(dir / "tileset.json");
  json.stream() << t.json << '\n';
  json.commit();
  for (const auto& e : std::filesystem::directory_iterator(dir / "tiles"))
    if (e.path().extension() == ".glb" && !keep.count(e.path())) std::filesystem::remove(e.path());
}

}  // namespace citynoise::io
