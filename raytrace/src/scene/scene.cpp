#include <citynoise/raytrace/scene.hpp>

#include "polygon_triangulation.hpp"
#include "uniform_grid.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/core/geometry2d.hpp>

#include <algorithm>
#include <cmath>

namespace citynoise::raytrace {

struct Scene::Impl {
  Terrain terrain;
  GroundMap ground{0.0, {}};
  Obstacles obstacles{{}, {}};
  MeshObstacles meshes;
  SceneMesh mesh;
  SceneMesh buildingMesh;
  std::unique_ptr<RayTracer> tracer, buildingTracer;
  std::vector<BandArray> segmentAbsorption;
  SceneOptions options;
};

namespace {

/// Removes the closing vertex and repeated consecutive vertices; returns how many were removed.
std::size_t cleanRing(Ring2& ring) {
  const std::size_t before = ring.size();
  std::vector<Vec2> out;
  for (const Vec2& p : ring)
    if (out.empty() || length(p - out.back()) > 1e-9) out.push_back(p);
  while (out.size() > 1 && length(out.front() - out.back()) <= 1e-9) out.pop_back();
  ring = std::move(out);
  return before - ring.size();
}

void validateRing(Ring2& ring, const std::string& origin, const std::string& id, const char* what,
                  std::vector<SceneWarning>& warnings) {
  const bool closedInInput = ring.size() > 1 && length(ring.front() - ring.back()) <= 1e-9;
  std::size_t removed = cleanRing(ring);
  if (closedInInput) --removed;  // a closed ring repeats its first vertex by convention
  if (removed > 0)
    warnings.push_back({id, std::string(what) + ": removed " + std::to_string(removed) + " repeated vertices"});
  for (const Vec2& p : ring)
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) throw InputError(origin, id, std::string(what) + ": a coordinate is not a finite number");
  if (ring.size() < 3) throw InputError(origin, id, std::string(what) + ": fewer than three distinct points");
  if (ringSelfIntersects(ring)) throw InputError(origin, id, std::string(what) + ": the ring intersects itself");
  if (std::abs(signedArea(ring)) < 1e-6) throw InputError(origin, id, std::string(what) + ": zero area");
}

void orient(Ring2& ring, bool counterClockwise) {
  if ((signedArea(ring) > 0.0) != counterClockwise) std::reverse(ring.begin(), ring.end());
}

/// Where an object came from: its own file, else the scene's origin.
const std::string& from(const std::string& source, const std::string& origin) { return source.empty() ? origin : source; }

void validateBuildings(std::vector<Building>& buildings, const std::string& sceneOrigin, std::vector<SceneWarning>& w) {
  for (Building& b : buildings) {
    const std::string& origin = from(b.source, sceneOrigin);
    validateRing(b.footprint, origin, b.id, "footprint", w);
    orient(b.footprint, true);
    for (Ring2& h : b.holes) {
      validateRing(h, origin, b.id, "courtyard", w);
      orient(h, false);
    }
    if (!b.heightAboveTerrain && !std::isfinite(b.roofAltitude))
      throw InputError(origin, b.id, "roof altitude is not a finite number");
  }
}

/// Overlapping footprints: an exact duplicate is removed (the taller kept); any other overlap
/// stays, with a warning — the path finder copes, but façades inside another building get no
/// receivers and reflect nothing, which the user should know.
void resolveOverlaps(std::vector<Building>& buildings, std::vector<SceneWarning>& w) {
  std::vector<Box2> boxes(buildings.size());
  for (std::size_t i = 0; i < buildings.size(); ++i)
    for (const Vec2& p : buildings[i].footprint) boxes[i].extend(p);
  UniformGrid grid;
  grid.build(buildings.size(), [&](std::size_t i) { return boxes[i]; }, 2.0);
  std::vector<bool> removed(buildings.size(), false);
  std::vector<std::uint32_t> near;
  for (std::size_t i = 0; i < buildings.size(); ++i) {
    if (removed[i]) continue;
    grid.queryBox(boxes[i], near);
    for (std::uint32_t j : near) {
      if (j <= i || removed[j] || !boxes[i].overlaps(boxes[j])) continue;
      Building& a = buildings[i];
      Building& b = buildings[j];
      if (a.holes.empty() && b.holes.empty() && sameRing(a.footprint, b.footprint)) {
        const double ha = a.heightAboveTerrain.value_or(a.roofAltitude), hb = b.heightAboveTerrain.value_or(b.roofAltitude);
        const bool keepB = a.heightAboveTerrain.has_value() == b.heightAboveTerrain.has_value() && hb > ha;
        w.push_back({a.id + " / " + b.id, "the same footprint twice: the lower copy removed"});
        if (keepB) std::swap(a, b);
        removed[j] = true;
      } else if (ringsOverlap(a.footprint, b.footprint)) {
        w.push_back({a.id + " / " + b.id, "footprints overlap: façades inside the other building get no receivers and reflect nothing"});
      }
    }
  }
  std::size_t k = 0;
  for (std::size_t i = 0; i < buildings.size(); ++i) {
    if (removed[i]) continue;
    if (k != i) buildings[k] = std::move(buildings[i]);
    ++k;
  }
  buildings.resize(k);
}

void validateWalls(std::vector<Wall>& walls, const std::string& sceneOrigin, std::vector<SceneWarning>& w) {
  for (Wall& wall : walls) {
    const std::string& origin = from(wall.source, sceneOrigin);
    std::vector<Vec3> out;
    for (const Vec3& p : wall.polyline) {
      if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z))
        throw InputError(origin, wall.id, "a wall vertex is not a finite number");
      if (out.empty() || planDistance(p, out.back()) > 1e-9) out.push_back(p);
    }
    if (out.size() < wall.polyline.size())
      w.push_back({wall.id, "wall: removed " + std::to_string(wall.polyline.size() - out.size()) + " repeated vertices"});
    if (out.size() < 2) throw InputError(origin, wall.id, "wall: fewer than two distinct points");
    wall.polyline = std::move(out);
  }
}

struct MeshBuilder {
  SceneMesh& mesh;
  std::uint32_t add(const Vec3& p) {
    mesh.vertices.push_back({static_cast<float>(p.x - mesh.origin.x), static_cast<float>(p.y - mesh.origin.y),
                             static_cast<float>(p.z - mesh.origin.z)});
    return static_cast<std::uint32_t>(mesh.vertices.size() - 1);
  }
  void triangle(const Vec3& a, const Vec3& b, const Vec3& c, TriangleTag tag) {
    mesh.triangles.push_back({add(a), add(b), add(c)});
    mesh.tags.push_back(tag);
  }
  /// Vertical quad from (a, base) to (b, top); the triangles share the quad's diagonal exactly.
  void wall(const Vec2& a, const Vec2& b, double baseA, double baseB, double topA, double topB, TriangleTag tag) {
    const std::uint32_t i0 = add({a.x, a.y, baseA}), i1 = add({b.x, b.y, baseB});
    const std::uint32_t i2 = add({b.x, b.y, topB}), i3 = add({a.x, a.y, topA});
    mesh.triangles.push_back({i0, i1, i2});
    mesh.triangles.push_back({i0, i2, i3});
    mesh.tags.push_back(tag), mesh.tags.push_back(tag);
  }
};

double lowestTerrain(const Terrain& terrain, const std::vector<Vec2>& points) {
  double z = 1e300;
  for (const Vec2& p : points) z = std::min(z, terrain.heightAt(p));
  return z;
}

void addBuildings(const Obstacles& obstacles, const Terrain& terrain, double foundation, MeshBuilder& mb) {
  const auto& segs = obstacles.segments();
  std::uint32_t segment = 0;
  for (std::uint32_t b = 0; b < obstacles.buildings().size(); ++b) {
    const Building& bd = obstacles.buildings()[b];
    std::vector<Vec2> all = bd.footprint;
    for (const Ring2& h : bd.holes) all.insert(all.end(), h.begin(), h.end());
    const double base = lowestTerrain(terrain, all) - foundation;
    const std::size_t rings = 1 + bd.holes.size();
    for (std::size_t r = 0; r < rings; ++r) {
      const Ring2& ring = r == 0 ? bd.footprint : bd.holes[r - 1];
      for (std::size_t i = 0; i < ring.size(); ++i, ++segment)
        mb.wall(segs[segment].a, segs[segment].b, base, base, bd.roofAltitude, bd.roofAltitude,
                {SurfaceKind::Facade, b, segment});
    }
    for (const auto& t : triangulatePolygon(bd.footprint, bd.holes))
      mb.triangle({t[0].x, t[0].y, bd.roofAltitude}, {t[1].x, t[1].y, bd.roofAltitude},
                  {t[2].x, t[2].y, bd.roofAltitude}, {SurfaceKind::Roof, b, 0});
  }
}

void addWalls(const Obstacles& obstacles, const Terrain& terrain, double foundation, MeshBuilder& mb) {
  const auto& segs = obstacles.segments();
  for (std::uint32_t s = 0; s < segs.size(); ++s) {
    if (!segs[s].isWall) continue;
    const double base = std::min(terrain.heightAt(segs[s].a), terrain.heightAt(segs[s].b)) - foundation;
    mb.wall(segs[s].a, segs[s].b, base, base, segs[s].topA, segs[s].topB, {SurfaceKind::Wall, segs[s].object, s});
  }
}

void addStructures(const MeshObstacles& meshes, MeshBuilder& mb) {
  for (std::uint32_t k = 0; k < meshes.meshes().size(); ++k) {
    const MeshObstacle& m = meshes.meshes()[k];
    std::uint32_t i = 0;
    for (const auto& t : m.triangles) mb.triangle(m.vertices[t[0]], m.vertices[t[1]], m.vertices[t[2]], {SurfaceKind::Structure, k, i++});
  }
}

/// Meshes: finite coordinates and valid indices required; degenerate triangles dropped (warned).
void validateMeshes(std::vector<MeshObstacle>& meshes, const std::string& sceneOrigin, std::vector<SceneWarning>& w) {
  for (MeshObstacle& m : meshes) {
    const std::string& origin = from(m.source, sceneOrigin);
    for (const Vec3& v : m.vertices)
      if (!std::isfinite(v.x) || !std::isfinite(v.y) || !std::isfinite(v.z)) throw InputError(origin, m.id, "a mesh vertex is not a finite number");
    std::size_t dropped = 0;
    std::erase_if(m.triangles, [&](const std::array<std::uint32_t, 3>& t) {
      for (std::uint32_t i : t)
        if (i >= m.vertices.size()) throw InputError(origin, m.id, "a triangle refers to vertex " + std::to_string(i) + " of " + std::to_string(m.vertices.size()));
      const Vec3 n = cross(m.vertices[t[1]] - m.vertices[t[0]], m.vertices[t[2]] - m.vertices[t[0]]);
      const bool degenerate = length(n) <= 1e-9;
      dropped += degenerate;
      return degenerate;
    });
    if (dropped) w.push_back({m.id, "removed " + std::to_string(dropped) + " degenerate mesh triangles"});
    if (m.triangles.empty()) throw InputError(origin, m.id, "the mesh has no triangles");
  }
}

void addTerrain(const Terrain& terrain, const Box2& extent, MeshBuilder& mb) {
  const auto verts = terrain.vertices();
  if (terrain.triangles().empty()) {
    // Level ground: two triangles well beyond everything else.
    const Box2 b = extent.grown(10000.0);
    const double z = terrain.outsideAltitude();
    const Vec3 p0{b.min.x, b.min.y, z}, p1{b.max.x, b.min.y, z}, p2{b.max.x, b.max.y, z}, p3{b.min.x, b.max.y, z};
    mb.triangle(p0, p1, p2, {SurfaceKind::Terrain, 0, 0});
    mb.triangle(p0, p2, p3, {SurfaceKind::Terrain, 0, 1});
    return;
  }
  const std::uint32_t first = static_cast<std::uint32_t>(mb.mesh.vertices.size());
  for (const Vec3& v : verts) mb.add(v);
  std::uint32_t k = 0;
  for (const auto& t : terrain.triangles()) {
    mb.mesh.triangles.push_back({first + t[0], first + t[1], first + t[2]});
    mb.mesh.tags.push_back({SurfaceKind::Terrain, 0, k++});
  }
}

}  // namespace

Scene::Scene() : impl_(std::make_unique<Impl>()) {}
Scene::~Scene() = default;
Scene::Scene(Scene&&) noexcept = default;
Scene& Scene::operator=(Scene&&) noexcept = default;

namespace {

/// Berms become break lines of the TIN: the toe outline at the ground, the crest outline at
/// ground + height, and the four slope edges between them; the spot heights under a berm go.
void addBerms(SceneDescription& d, const SceneOptions& options) {
  for (const Berm& berm : d.berms) {
    const std::string where = from(berm.source, options.origin);
    if (d.dem) throw InputError(where, berm.id, "a berm needs a terrain of elevation points or contours (a TIN), not a raster DEM");
    if (!(berm.height > 0.0) || !(berm.crestWidth > 0.0) || !(berm.baseWidth > berm.crestWidth) || length(berm.b - berm.a) <= 0.0)
      throw InputError(where, berm.id, "expected a line of two distinct points, height > 0 and base_width > crest_width > 0");
  }
  // The ground before the berms, for their altitudes.
  const Terrain ground = Terrain::fromBreaklines(d.breaklines, d.spotHeights, d.outsideAltitude);
  for (const Berm& berm : d.berms) {
    const std::array<Vec2, 4> toe = bermOutline(berm, berm.baseWidth);
    for (const TerrainBreakline& line : d.breaklines)
        if (segmentEntersRing(plan(line.a), plan(line.b), toe))
          throw InputError(from(berm.source, options.origin), berm.id, "crosses terrain break line " + line.id + ": move the berm or the line");
    std::erase_if(d.spotHeights, [&](const Vec3& p) { return insideRing(toe, plan(p)); });
    const std::array<Vec2, 4> crest = bermOutline(berm, berm.crestWidth);
    auto at = [&](const Vec2& p, double above) { return Vec3{p.x, p.y, ground.heightAt(p) + above}; };
    for (int k = 0; k < 4; ++k) {
      const int next = (k + 1) % 4;
      d.breaklines.push_back({at(toe[k], 0.0), at(toe[next], 0.0), berm.id + " toe"});
      d.breaklines.push_back({at(crest[k], berm.height), at(crest[next], berm.height), berm.id + " crest"});
      d.breaklines.push_back({at(toe[k], 0.0), at(crest[k], berm.height), berm.id + " slope"});
    }
  }
}

}  // namespace

Scene Scene::build(SceneDescription d, const SceneOptions& options, std::vector<SceneWarning>& warnings) {
  validateBuildings(d.buildings, options.origin, warnings);
  resolveOverlaps(d.buildings, warnings);
  validateMeshes(d.meshes, options.origin, warnings);
  validateWalls(d.walls, options.origin, warnings);
  for (GroundArea& a : d.groundAreas) validateRing(a.polygon, from(a.source, options.origin), a.id, "ground area", warnings);

  Scene scene;
  Impl& m = *scene.impl_;
  m.options = options;
  if (!d.berms.empty()) addBerms(d, options);
  if (d.dem) m.terrain = Terrain::fromGrid(*d.dem, d.outsideAltitude);
  else if (!d.breaklines.empty() || !d.spotHeights.empty()) {
    std::vector<std::size_t> demoted;
    m.terrain = Terrain::fromBreaklines(d.breaklines, d.spotHeights, d.outsideAltitude, &demoted);
    for (std::size_t i : demoted)
      warnings.push_back({d.breaklines[i].id.empty() ? "break line " + std::to_string(i) : d.breaklines[i].id,
                          "crosses other break lines at a different altitude; used as spot heights only"});
  }
  else m.terrain = Terrain::flat(d.outsideAltitude);
  m.ground = GroundMap(d.defaultG, std::move(d.groundAreas));
  for (Wall& w : d.walls)
    if (w.topAboveGround) {
      for (Vec3& p : w.polyline) p.z += m.terrain.heightAt(plan(p));
      w.topAboveGround = false;
    }

  for (Building& b : d.buildings) {
    if (!b.heightAboveTerrain) continue;
    if (!std::isfinite(*b.heightAboveTerrain) || *b.heightAboveTerrain <= 0.0)
      throw InputError(from(b.source, options.origin), b.id, "height " + std::to_string(*b.heightAboveTerrain) + " m: expected a positive height");
    double sum = 0.0;
    for (const Vec2& p : b.footprint) sum += m.terrain.heightAt(p);
    b.roofAltitude = sum / static_cast<double>(b.footprint.size()) + *b.heightAboveTerrain;
  }
  for (const Building& b : d.buildings) {
    std::vector<Vec2> pts = b.footprint;
    double highest = -1e300;
    for (const Vec2& p : pts) highest = std::max(highest, m.terrain.heightAt(p));
    if (b.roofAltitude <= lowestTerrain(m.terrain, pts))
      throw InputError(from(b.source, options.origin), b.id, "roof altitude " + std::to_string(b.roofAltitude) + " m is below the terrain");
    if (b.roofAltitude < highest)
      warnings.push_back({b.id, "the roof is below the terrain at part of the footprint"});
  }
  // Segments are numbered building by building (outer ring, then holes), then walls.
  for (const Building& b : d.buildings) {
    std::size_t n = b.footprint.size();
    for (const Ring2& h : b.holes) n += h.size();
    m.segmentAbsorption.insert(m.segmentAbsorption.end(), n, b.alpha.value_or(options.defaultAbsorption));
  }
  for (const Wall& w : d.walls)
    m.segmentAbsorption.insert(m.segmentAbsorption.end(), w.polyline.size() - 1, w.alpha.value_or(options.defaultAbsorption));
  m.obstacles = Obstacles(std::move(d.buildings), std::move(d.walls));
  m.meshes = MeshObstacles(std::move(d.meshes));

  Box2 extent = m.terrain.bounds();
  for (const ObstacleSegment& s : m.obstacles.segments()) extent.extend(s.a), extent.extend(s.b);
  if (extent.empty()) extent.extend(Vec2{0.0, 0.0});
  const Vec3 origin{0.5 * (extent.min.x + extent.max.x), 0.5 * (extent.min.y + extent.max.y), 0.0};
  m.mesh.origin = m.buildingMesh.origin = origin;
  MeshBuilder all{m.mesh}, buildingsOnly{m.buildingMesh};
  addTerrain(m.terrain, extent, all);
  addBuildings(m.obstacles, m.terrain, options.foundationDepth, all);
  addWalls(m.obstacles, m.terrain, options.foundationDepth, all);
  addStructures(m.meshes, all);
  addBuildings(m.obstacles, m.terrain, options.foundationDepth, buildingsOnly);
  if (options.tracer == TracerKind::Embree) {
    m.tracer = makeEmbreeTracer(m.mesh);
    m.buildingTracer = makeEmbreeTracer(m.buildingMesh);
  } else {
    m.tracer = makeBruteForceTracer(m.mesh);
    m.buildingTracer = makeBruteForceTracer(m.buildingMesh);
  }
  return scene;
}

const Terrain& Scene::terrain() const { return impl_->terrain; }
const GroundMap& Scene::ground() const { return impl_->ground; }
const Obstacles& Scene::obstacles() const { return impl_->obstacles; }
const MeshObstacles& Scene::meshes() const { return impl_->meshes; }
const SceneMesh& Scene::mesh() const { return impl_->mesh; }
const RayTracer& Scene::tracer() const { return *impl_->tracer; }
const RayTracer& Scene::buildingTracer() const { return *impl_->buildingTracer; }
const BandArray& Scene::absorption(std::uint32_t segment) const { return impl_->segmentAbsorption[segment]; }
const SceneOptions& Scene::options() const { return impl_->options; }

}  // namespace citynoise::raytrace
