#include <citynoise/raytrace/path_finder.hpp>

#include "path_finder_internal.hpp"

#include <algorithm>

namespace citynoise::raytrace {

void PathFinderScratchDeleter::operator()(PathFinderScratch* p) const { delete p; }
PathFinderScratchPtr makePathFinderScratch() { return PathFinderScratchPtr(new PathFinderScratch()); }

PathFinder::PathFinder(const Scene& scene, PathFinderOptions options) : scene_(&scene), options_(options) {}

namespace {

/// Queues one ray per leg of the path between its ray vertices, stopping 2 cm short of each end
/// so the reflecting façade itself is not counted.
void queueLegs(const Path3& path, std::vector<Ray>& rays) {
  const PathVertex* prev = nullptr;
  for (const PathVertex& v : path.vertices) {
    if (!isRayVertex(v.kind)) continue;
    if (prev) {
      const Vec3 d = v.xyz - prev->xyz;
      const double len = length(d);
      const double margin = std::min(0.02, 0.1 * len) / std::max(len, 1e-12);
      rays.push_back({prev->xyz, d, margin, 1.0 - margin});
    }
    prev = &v;
  }
}

std::size_t legCount(const Path3& path) {
  std::size_t n = 0;
  for (const PathVertex& v : path.vertices) n += isRayVertex(v.kind) ? 1 : 0;
  return n - 1;
}

}  // namespace

void PathFinder::find(const Vec3& source, const Vec3& receiver, std::vector<Path3>& out, PathFinderScratch& sc,
                      PathFinderStats* stats) const {
  const Scene& scene = *scene_;
  if (distance(source, receiver) > options_.maxSourceDistance) return;

  // Direct path: the vertical cut through terrain, ground, footprints and walls.
  Path3 direct = pathThrough(scene, PathType::Direct, source, {}, receiver, sc);
  const std::vector<ObstacleEvent> directEvents = sc.events;  // the last leg is S–R itself
  out.push_back(direct);

  // Lateral paths exist in a condition where the direct ray is blocked there (straight rays
  // in H, curved in F), around the obstacles (not the terrain) that block it.
  sc.candidates.clear();
  if (options_.lateralDiffraction && !directEvents.empty()) {
    const PathProfile profile = makeProfile(PathType::Direct, direct.vertices, sc.points, sc.alphas);
    if (lineOfSightBlocked(profile, Condition::Homogeneous, sc.kernel)) {
      const bool favourable = lineOfSightBlocked(profile, Condition::Favourable, sc.kernel);
      findLateralPaths(scene, source, receiver, directEvents, favourable, sc, sc.candidates);
    }
  }
  const std::size_t lateralCount = sc.candidates.size();
  findReflections(scene, options_, source, receiver, sc, sc.candidates);

  // Check every leg of every candidate against the buildings in one batch: a reflected or
  // lateral path whose leg runs into a building does not exist (thin walls and terrain are
  // diffracting edges that the kernel handles).
  sc.rays.clear();
  for (const Path3& p : sc.candidates) queueLegs(p, sc.rays);
  sc.blocked.resize(sc.rays.size());
  scene.buildingTracer().occluded(sc.rays, sc.blocked);
  std::size_t ray = 0;
  for (std::size_t i = 0; i < sc.candidates.size(); ++i) {
    const std::size_t legs = legCount(sc.candidates[i]);
    const bool free = std::none_of(sc.blocked.begin() + static_cast<std::ptrdiff_t>(ray),
                                   sc.blocked.begin() + static_cast<std::ptrdiff_t>(ray + legs),
                                   [](std::uint8_t b) { return b != 0; });
    ray += legs;
    if (stats && i >= lateralCount) ++stats->reflectionsTried, stats->reflectionsRejected += free ? 0 : 1;
    if (free) out.push_back(std::move(sc.candidates[i]));
  }
  if (stats) stats->rays += sc.rays.size();
}

}  // namespace citynoise::raytrace
