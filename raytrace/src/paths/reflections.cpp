// Specular reflections on vertical surfaces by image sources (CNOSSOS-EU Directive 2015/996
// Annex II §2.5.8): the source is mirrored in the reflecting planes in turn; the reflection
// points follow back from the receiver. A point must lie on its segment, below the top of the
// reflector and above the ground, with the path in front of every reflecting façade.
#include "path_finder_internal.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

namespace citynoise::raytrace {
namespace {

struct Reflector {
  const ObstacleSegment* seg;
  std::uint32_t id;
  Vec2 normal;  ///< unit normal (façades: outward)
};

Vec2 mirror(const Vec2& p, const Reflector& r) { return p - r.normal * (2.0 * dot(p - r.seg->a, r.normal)); }

/// Whether p is on the reflecting side of r (façades: outside; walls: the side of `reference`).
bool inFront(const Reflector& r, const Vec2& p, double referenceSide) {
  const double side = dot(p - r.seg->a, r.normal);
  return r.seg->isWall ? side * referenceSide > 1e-9 : side > 1e-9;
}

struct Search {
  const Scene& scene;
  const PathFinderOptions& options;
  Vec3 source, receiver;
  const std::vector<Reflector>& reflectors;
  PathFinderScratch& sc;
  std::vector<const Reflector*> chain;

  /// The reflection points of the current chain, or false if it has no valid specular path.
  bool reflectionPoints(std::vector<PathVertex>& points) {
    constexpr std::size_t kMaxOrder = 8;
    const std::size_t k = chain.size();
    if (k > kMaxOrder) return false;
    // Images of the source: I_0 = S, I_j = mirror of I_{j−1} in reflector j.
    std::array<Vec2, kMaxOrder + 1> images{};
    images[0] = plan(source);
    for (std::size_t j = 0; j < k; ++j) images[j + 1] = mirror(images[j], *chain[j]);
    // Back from the receiver: P_k on reflector k toward I_k, then P_{k−1} toward I_{k−1}, …
    std::array<Vec2, kMaxOrder> p{};
    std::array<double, kMaxOrder> u{};
    Vec2 target = plan(receiver);
    for (std::size_t j = k; j-- > 0;) {
      const auto x = intersectSegments(images[j + 1], target, chain[j]->seg->a, chain[j]->seg->b);
      if (!x || x->u <= 1e-9 || x->u >= 1.0 - 1e-9) return false;
      p[j] = chain[j]->seg->a + (chain[j]->seg->b - chain[j]->seg->a) * x->u;
      u[j] = x->u;
      target = p[j];
    }
    // Every reflector must see the previous and the next point of the path in front of it.
    for (std::size_t j = 0; j < k; ++j) {
      const Vec2 prev = j == 0 ? plan(source) : p[j - 1];
      const Vec2 next = j + 1 == k ? plan(receiver) : p[j + 1];
      const double refSide = dot(prev - chain[j]->seg->a, chain[j]->normal);
      if (!inFront(*chain[j], prev, refSide) || !inFront(*chain[j], next, refSide)) return false;
    }
    // Altitudes along the unfolded path, straight from S to R.
    double total = 0.0;
    std::array<double, kMaxOrder> along{};
    Vec2 from = plan(source);
    for (std::size_t j = 0; j < k; ++j) total += length(p[j] - from), along[j] = total, from = p[j];
    total += length(plan(receiver) - from);
    if (total <= 0.0) return false;
    const double dMax = options.maxReflectionDistance;
    points.clear();
    for (std::size_t j = 0; j < k; ++j) {
      const ObstacleSegment& seg = *chain[j]->seg;
      if (length(p[j] - plan(receiver)) > dMax) return false;
      const double z = source.z + (receiver.z - source.z) * along[j] / total;
      const double top = seg.topA + u[j] * (seg.topB - seg.topA);
      PathVertex v = pointVertex(scene, ProfilePointKind::Reflection, {p[j].x, p[j].y, z});
      if (z >= top || z <= v.zGround) return false;  // the ray passes above the reflector or below ground
      v.reflectorTop = top;
      v.reflectorAlpha = scene.absorption(chain[j]->id);
      points.push_back(v);
    }
    return true;
  }

  void explore(int order) {
    thread_local std::vector<PathVertex> points;
    if (!chain.empty() && reflectionPoints(points)) {
      sc.skeletons.push_back({0, PathType::Reflection, true, static_cast<std::uint32_t>(sc.corners.size()),
                              static_cast<std::uint32_t>(points.size())});
      sc.corners.insert(sc.corners.end(), points.begin(), points.end());
    }
    if (order == 0) return;
    for (const Reflector& r : reflectors) {
      if (!chain.empty() && chain.back() == &r) continue;
      chain.push_back(&r);
      explore(order - 1);
      chain.pop_back();
    }
  }
};

}  // namespace

void findReflections(const Scene& scene, const PathFinderOptions& options, const Vec3& source,
                     const Vec3& receiver, PathFinderScratch& sc) {
  if (options.reflectionOrder <= 0) return;
  const Obstacles& obstacles = scene.obstacles();
  // Reflectors: the façades and walls within the maximum reflection distance of the receiver
  // (the receiver-side limit of NoiseModelling and CadnaA), facing it; found once per receiver,
  // with the receiver's image in each, and reused for every source.
  const double reach = options.maxReflectionDistance;
  const Vec2 r2 = plan(receiver), s2 = plan(source);
  if (!sc.reflectorsValid || sc.reflectorsReceiver.x != receiver.x || sc.reflectorsReceiver.y != receiver.y ||
      sc.reflectorsReceiver.z != receiver.z || sc.reflectorsExcluded != options.excludedReflector) {
    obstacles.segmentsInBox(Box2{r2, r2}.grown(reach), sc.reflectors);
    sc.receiverReflectors.clear();
    for (std::uint32_t id : sc.reflectors) {
      const ObstacleSegment& seg = obstacles.segments()[id];
      if (!seg.isWall && static_cast<int>(seg.object) == options.excludedReflector) continue;
      const Vec2 d = seg.b - seg.a;
      const double l = length(d);
      if (l <= 0.0 || distanceToSegment(r2, seg.a, seg.b) > reach) continue;
      const Vec2 normal = seg.isWall ? Vec2{-d.y / l, d.x / l} : seg.outward;
      const double sideR = dot(r2 - seg.a, normal);
      if (!seg.isWall && sideR <= 1e-9) continue;  // the receiver is behind this façade
      if (std::abs(sideR) <= 1e-9) continue;
      sc.receiverReflectors.push_back(id);
    }
    sc.reflectorsReceiver = receiver;
    sc.reflectorsExcluded = options.excludedReflector;
    sc.reflectorsValid = true;
  }
  thread_local std::vector<Reflector> reflectors;
  reflectors.clear();
  for (std::uint32_t id : sc.receiverReflectors) {
    const ObstacleSegment& seg = obstacles.segments()[id];
    const Vec2 d = seg.b - seg.a;
    const double l = length(d);
    const Vec2 normal = seg.isWall ? Vec2{-d.y / l, d.x / l} : seg.outward;
    // Order 1 needs the source in front too (on the receiver's side of a wall).
    if (options.reflectionOrder == 1) {
      const double sideS = dot(s2 - seg.a, normal), sideR = dot(r2 - seg.a, normal);
      if (!(seg.isWall ? sideS * sideR > 0.0 : sideS > 0.0)) continue;
    }
    reflectors.push_back({&seg, id, normal});
  }
  Search search{scene, options, source, receiver, reflectors, sc, {}};
  search.explore(options.reflectionOrder);
}

}  // namespace citynoise::raytrace
