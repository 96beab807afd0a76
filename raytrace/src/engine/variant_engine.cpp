#include <citynoise/raytrace/variant_engine.hpp>

#include <citynoise/core/geometry2d.hpp>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <iterator>
#include <tuple>

namespace citynoise::raytrace {

std::optional<std::vector<std::uint32_t>> changedElements(const std::vector<SourceObject>& base, const std::vector<SourceObject>& variant) {
  if (base.size() != variant.size()) return std::nullopt;
  std::vector<std::uint32_t> changed;
  std::uint32_t index = 0;
  for (std::size_t o = 0; o < base.size(); ++o) {
    const SourceObject &a = base[o], &b = variant[o];
    if (a.id != b.id || a.elements.size() != b.elements.size()) return std::nullopt;
    // What shapes the transfers: where the sound starts, and how it is radiated.
    const bool radiationChanged = a.sourceClass != b.sourceClass || !(a.directivity == b.directivity) ||
                                  (!a.directivity.omnidirectional() && a.aim != b.aim);
    for (std::size_t e = 0; e < a.elements.size(); ++e, ++index) {
      const SourceElement &x = a.elements[e], &y = b.elements[e];
      if (radiationChanged || x.shape != y.shape || x.geometry != y.geometry) changed.push_back(index);
    }
  }
  return changed;
}

VariantEvaluation evaluateVariant(const MapEngine& variant, const std::vector<Receiver>& receivers,
                                  const std::vector<ReceiverTransfers>& baseTransfers, std::span<const std::uint32_t> changed,
                                  const SceneEdits& edits, int threads) {
  VariantEvaluation out;
  out.levels.resize(receivers.size());
  std::vector<std::uint32_t> recomputed(receivers.size(), 0);
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, receivers.size(), 64), [&](const tbb::blocked_range<std::size_t>& range) {
      std::vector<std::uint32_t> which, near;
      for (std::size_t k = range.begin(); k != range.end(); ++k) {
        const Receiver& r = receivers[k];
        const ReceiverTransfers& base = baseTransfers[k];
        which.clear();
        const bool geometry = !changed.empty() || !edits.empty();
        if (geometry) near = variant.elementsNear(r);  // emission-only variants skip even this
        if (!changed.empty()) std::set_intersection(near.begin(), near.end(), changed.begin(), changed.end(), std::back_inserter(which));
        if (!edits.empty()) {
          const std::vector<std::uint32_t> reached = variant.elementsReachedBy(r, base, edits);
          std::vector<std::uint32_t> both;
          std::set_union(which.begin(), which.end(), reached.begin(), reached.end(), std::back_inserter(both));
          which.swap(both);
        }
        if (which.empty()) {
          out.levels[k] = variant.levelsFrom(base);
        } else if (2 * which.size() > near.size()) {
          out.levels[k] = variant.compute(r);  // most of it changes: a plain computation is cheaper than merging
        } else {
          ReceiverTransfers t = base;
          variant.recomputeElements(r, which, t);
          out.levels[k] = variant.levelsFrom(t);
        }
        recomputed[k] = static_cast<std::uint32_t>(which.size());
      }
    });
  });
  for (std::uint32_t n : recomputed) out.receiversRecomputed += n > 0, out.elementsRecomputed += n;
  return out;
}

SceneEdits sceneEdits(const Scene& base, const Scene& variant) {
  std::vector<PlanPolyline> barriers;
  auto planOf = [](const std::vector<Vec3>& line) {
    PlanPolyline out;
    for (const Vec3& p : line) out.push_back(plan(p));
    return out;
  };
  // Walls one scene has and the other has not.
  auto missingFrom = [&](const std::vector<Wall>& these, const std::vector<Wall>& others) {
    for (const Wall& w : these)
      if (std::none_of(others.begin(), others.end(), [&](const Wall& o) { return o.id == w.id && o.polyline == w.polyline; }))
        barriers.push_back(planOf(w.polyline));
  };
  missingFrom(variant.obstacles().walls(), base.obstacles().walls());
  missingFrom(base.obstacles().walls(), variant.obstacles().walls());
  // Buildings on changed ground: their roofs moved.
  const auto& ba = base.obstacles().buildings();
  const auto& bb = variant.obstacles().buildings();
  for (std::size_t i = 0; i < ba.size() && i < bb.size(); ++i)
    if (ba[i].roofAltitude != bb[i].roofAltitude) {
      PlanPolyline outline(ba[i].footprint.begin(), ba[i].footprint.end());
      outline.push_back(outline.front());
      barriers.push_back(std::move(outline));
    }
  // Ground: one polygon, the convex hull of the triangles that differ (it holds them all, and one
  // outline is far cheaper to test than hundreds of triangles).
  using Key = std::array<double, 9>;
  auto keys = [](const Terrain& t) {
    std::vector<Key> out;
    const auto v = t.vertices();
    for (const auto& tri : t.triangles()) {
      std::array<Vec3, 3> p{v[tri[0]], v[tri[1]], v[tri[2]]};
      std::sort(p.begin(), p.end(), [](const Vec3& a, const Vec3& b) { return std::tie(a.x, a.y, a.z) < std::tie(b.x, b.y, b.z); });
      out.push_back({p[0].x, p[0].y, p[0].z, p[1].x, p[1].y, p[1].z, p[2].x, p[2].y, p[2].z});
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  const std::vector<Key> a = keys(base.terrain()), b = keys(variant.terrain());
  std::vector<Key> differ;
  std::set_symmetric_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(differ));
  std::vector<PlanPolygon> ground;
  if (!differ.empty()) {
    std::vector<Vec2> corners;
    for (const Key& k : differ) corners.insert(corners.end(), {{k[0], k[1]}, {k[3], k[4]}, {k[6], k[7]}});
    PlanPolygon hull;
    convexHull(std::move(corners), hull);
    ground.push_back(std::move(hull));
  }
  return SceneEdits(std::move(barriers), std::move(ground));
}

}  // namespace citynoise::raytrace
