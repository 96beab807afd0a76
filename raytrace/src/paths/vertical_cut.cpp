#include "path_finder_internal.hpp"

#include <algorithm>

namespace citynoise::raytrace {

PathVertex pointVertex(const Scene& scene, ProfilePointKind kind, const Vec3& xyz) {
  PathVertex v;
  v.kind = kind;
  v.xyz = xyz;
  v.zGround = scene.terrain().heightAt(plan(xyz));
  v.g = scene.ground().gAt(plan(xyz));
  return v;
}

namespace {
/// Terrain altitude at t from the cut's ground line (piecewise linear, ordered by t).
double groundAltitude(const std::vector<TerrainSample>& line, double t, std::size_t& hint) {
  while (hint + 1 < line.size() && line[hint + 1].t < t) ++hint;
  if (hint + 1 >= line.size()) return line.back().z;
  const TerrainSample& a = line[hint];
  const TerrainSample& b = line[hint + 1];
  return b.t > a.t ? a.z + (t - a.t) / (b.t - a.t) * (b.z - a.z) : b.z;
}
}  // namespace

void appendLeg(const Scene& scene, const Vec3& from, const Vec3& to, PathFinderScratch& sc,
               std::vector<PathVertex>& out) {
  const Vec2 a = plan(from), b = plan(to);
  scene.terrain().cut(a, b, sc.terrain);
  scene.ground().changes(a, b, sc.ground);
  scene.obstacles().crossings(a, b, sc.events);
  // Structures given as meshes: blocks over the stretches they screen (mesh_obstacles.hpp).
  sc.meshEvents.clear();
  if (!scene.meshes().empty()) {
    scene.meshes().crossings(from, to, sc.meshCrossings);
    for (const MeshCrossing& c : sc.meshCrossings) {
      sc.meshEvents.push_back({c.tEnter, ObstacleEventKind::BuildingEnter, c.mesh, c.top});
      sc.meshEvents.push_back({c.tExit, ObstacleEventKind::BuildingExit, c.mesh, c.top});
    }
    std::stable_sort(sc.meshEvents.begin(), sc.meshEvents.end(), [](const ObstacleEvent& l, const ObstacleEvent& r) { return l.t < r.t; });
  }
  // A leg that starts or ends on a surface (a reflection point, a corner) does not cross it.
  const double legLength = length(b - a);
  if (legLength > 0.0) {
    const double margin = 1e-3 / legLength;
    auto atAnEnd = [&](const ObstacleEvent& e) { return e.t < margin || e.t > 1.0 - margin; };
    std::erase_if(sc.events, atAnEnd);
    std::erase_if(sc.meshEvents, atAnEnd);
  }
  double g = scene.ground().gAt(a);
  std::size_t it = 1, ig = 0, io = 0, im = 0, hint = 0;
  const std::size_t nt = sc.terrain.size() - 1;  // the last sample is the leg's end
  auto at = [&](double t) { return a + (b - a) * t; };
  for (;;) {
    const double tt = it < nt ? sc.terrain[it].t : 2.0;
    const double tg = ig < sc.ground.size() ? sc.ground[ig].t : 2.0;
    const double to_ = io < sc.events.size() ? sc.events[io].t : 2.0;
    const double tm = im < sc.meshEvents.size() ? sc.meshEvents[im].t : 2.0;
    const double t = std::min({tt, tg, to_, tm});
    if (t >= 1.0) break;
    PathVertex v;
    const Vec2 p = at(t);
    if (tt == t) {
      v.kind = ProfilePointKind::Terrain;
      v.zGround = sc.terrain[it].z;
      v.xyz = {p.x, p.y, v.zGround};
      ++it;
    } else if (tg == t) {
      g = sc.ground[ig].g;
      v.kind = ProfilePointKind::GroundChange;
      v.zGround = groundAltitude(sc.terrain, t, hint);
      v.xyz = {p.x, p.y, v.zGround};
      ++ig;
    } else {
      const ObstacleEvent& e = to_ == t ? sc.events[io++] : sc.meshEvents[im++];
      v.kind = e.kind == ObstacleEventKind::Wall ? ProfilePointKind::Wall
               : e.kind == ObstacleEventKind::BuildingEnter ? ProfilePointKind::BuildingEnter
                                                            : ProfilePointKind::BuildingExit;
      v.zGround = groundAltitude(sc.terrain, t, hint);
      v.xyz = {p.x, p.y, e.top};
    }
    v.g = g;
    out.push_back(v);
  }
}

Path3 pathThrough(const Scene& scene, PathType type, const Vec3& source, std::span<const PathVertex> corners,
                  const Vec3& receiver, PathFinderScratch& sc) {
  Path3 path;
  path.type = type;
  path.vertices.push_back(pointVertex(scene, ProfilePointKind::Source, source));
  Vec3 from = source;
  for (const PathVertex& c : corners) {
    appendLeg(scene, from, c.xyz, sc, path.vertices);
    path.vertices.push_back(c);
    from = c.xyz;
  }
  appendLeg(scene, from, receiver, sc, path.vertices);
  path.vertices.push_back(pointVertex(scene, ProfilePointKind::Receiver, receiver));
  return path;
}

}  // namespace citynoise::raytrace
