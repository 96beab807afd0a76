#include <citynoise/raytrace/path_finder.hpp>

#include "path_finder_internal.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace citynoise::raytrace {

void PathFinderScratchDeleter::operator()(PathFinderScratch* p) const { delete p; }
PathFinderScratchPtr makePathFinderScratch() { return PathFinderScratchPtr(new PathFinderScratch()); }

PathFinder::PathFinder(const Scene& scene, PathFinderOptions options) : scene_(&scene), options_(options) {}

namespace {

/// Queues one ray per leg from `from` through `corners` to `to`, stopping 2 cm short of each end
/// so the reflecting façade or the corner itself is not counted. The last leg is traced from the
/// receiver outwards: the rays of a batch then share their origin, which keeps packets coherent.
void queueLegs(const Vec3& from, std::span<const PathVertex> corners, const Vec3& to, std::vector<Ray>& rays) {
  Vec3 prev = from;
  for (std::size_t i = 0; i <= corners.size(); ++i) {
    const bool last = i == corners.size();
    const Vec3& next = last ? to : corners[i].xyz;
    const Vec3 d = next - prev;
    const double len = length(d);
    const double margin = std::min(0.02, 0.1 * len) / std::max(len, 1e-12);
    rays.push_back(last ? Ray{next, prev - next, margin, 1.0 - margin} : Ray{prev, d, margin, 1.0 - margin});
    prev = next;
  }
}

/// Orders the rays so that similar ones travel together (receiver legs first, by azimuth):
/// `sorted` holds them in that order, `order[k]` is the slot of sorted ray k.
void orderCoherently(const Vec3& receiver, const std::vector<Ray>& rays, std::vector<std::uint32_t>& order,
                     std::vector<double>& keys, std::vector<Ray>& sorted) {
  order.resize(rays.size());
  keys.resize(rays.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    const Ray& r = rays[i];
    const bool fromReceiver = r.origin.x == receiver.x && r.origin.y == receiver.y && r.origin.z == receiver.z;
    keys[i] = std::atan2(r.direction.y, r.direction.x) + (fromReceiver ? 0.0 : 10.0);
    order[i] = i;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
  sorted.resize(rays.size());
  for (std::size_t k = 0; k < order.size(); ++k) sorted[k] = rays[order[k]];
}

}  // namespace

void PathFinder::find(const Vec3& source, const Vec3& receiver, std::vector<Path3>& out, PathFinderScratch& sc,
                      PathFinderStats* stats) const {
  thread_local std::vector<std::vector<Path3>> one(1);
  findMany(std::span<const Vec3>(&source, 1), receiver, one, sc, stats);
  for (Path3& p : one[0]) out.push_back(std::move(p));
}

void PathFinder::findMany(std::span<const Vec3> sources, const Vec3& receiver, std::vector<std::vector<Path3>>& out,
                          PathFinderScratch& sc, PathFinderStats* stats) const {
  findMany(sources, receiver, options_.excludedReflector, out, sc, stats);
}

void PathFinder::findMany(std::span<const Vec3> sources, const Vec3& receiver, int excludedReflector,
                          std::vector<std::vector<Path3>>& out, PathFinderScratch& sc, PathFinderStats* stats) const {
  const Scene& scene = *scene_;
  PathFinderOptions options = options_;
  options.excludedReflector = excludedReflector;
  out.resize(sources.size());
  sc.skeletons.clear();
  sc.corners.clear();
  for (std::uint32_t i = 0; i < sources.size(); ++i) {
    const Vec3& source = sources[i];
    out[i].clear();
    if (distance(source, receiver) > options.maxSourceDistance) continue;
    // Direct path: the vertical cut through terrain, ground, footprints and walls.
    out[i].push_back(pathThrough(scene, PathType::Direct, source, {}, receiver, sc));
    const std::size_t first = sc.skeletons.size();
    // Lateral paths exist in a condition where the direct ray is blocked there (straight rays
    // in H, curved in F), around the obstacles (not the terrain) that block it.
    if (options.lateralDiffraction && !sc.events.empty()) {  // sc.events: the cut of S–R
      const PathProfile profile = makeProfile(PathType::Direct, out[i].back().vertices, sc.points, sc.alphas);
      if (lineOfSightBlocked(profile, Condition::Homogeneous, sc.kernel)) {
        const bool favourable = lineOfSightBlocked(profile, Condition::Favourable, sc.kernel);
        findLateralPaths(scene, source, receiver, favourable, sc);
      }
    }
    findReflections(scene, options, source, receiver, sc);
    for (std::size_t k = first; k < sc.skeletons.size(); ++k) sc.skeletons[k].source = i;
  }

  // Check every leg of every candidate against the buildings in one batch, before any profile
  // is cut: a reflected or lateral path whose leg runs into a building does not exist (thin
  // walls and terrain are diffracting edges that the kernel handles).
  sc.rays.clear();
  for (const PathSkeleton& k : sc.skeletons)
    queueLegs(sources[k.source], std::span<const PathVertex>(sc.corners).subspan(k.firstCorner, k.cornerCount),
              receiver, sc.rays);
  orderCoherently(receiver, sc.rays, sc.rayOrder, sc.rayKeys, sc.sortedRays);
  sc.sortedBlocked.resize(sc.rays.size());
  const auto t0 = std::chrono::steady_clock::now();
  scene.buildingTracer().occluded(sc.sortedRays, sc.sortedBlocked);
  const auto t1 = std::chrono::steady_clock::now();
  sc.blocked.resize(sc.rays.size());
  for (std::size_t k = 0; k < sc.rayOrder.size(); ++k) sc.blocked[sc.rayOrder[k]] = sc.sortedBlocked[k];
  if (stats) {
    stats->rayQuerySeconds += std::chrono::duration<double>(t1 - t0).count();
    stats->rays += sc.rays.size();
    if (stats->rayLog) stats->rayLog->insert(stats->rayLog->end(), sc.rays.begin(), sc.rays.end());
  }
  std::size_t ray = 0;
  for (const PathSkeleton& k : sc.skeletons) {
    const std::size_t legs = k.cornerCount + 1;
    const bool free = std::none_of(sc.blocked.begin() + static_cast<std::ptrdiff_t>(ray),
                                   sc.blocked.begin() + static_cast<std::ptrdiff_t>(ray + legs),
                                   [](std::uint8_t b) { return b != 0; });
    ray += legs;
    if (stats && k.type == PathType::Reflection) ++stats->reflectionsTried, stats->reflectionsRejected += free ? 0 : 1;
    if (!free) continue;
    out[k.source].push_back(pathThrough(scene, k.type, sources[k.source],
                                        std::span<const PathVertex>(sc.corners).subspan(k.firstCorner, k.cornerCount),
                                        receiver, sc));
    out[k.source].back().hasFavourable = k.hasFavourable;
  }
}

}  // namespace citynoise::raytrace
