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
                                  (!a.directivity.omnidirectional() && !(a.aim.x == b.aim.x && a.aim.y == b.aim.y && a.aim.z == b.aim.z));
    for (std::size_t e = 0; e < a.elements.size(); ++e, ++index) {
      const SourceElement &x = a.elements[e], &y = b.elements[e];
      bool moved = x.shape != y.shape || x.geometry.size() != y.geometry.size();
      for (std::size_t v = 0; !moved && v < x.geometry.size(); ++v)
        moved = !(x.geometry[v].x == y.geometry[v].x && x.geometry[v].y == y.geometry[v].y && x.geometry[v].z == y.geometry[v].z);
      if (moved || radiationChanged) changed.push_back(index);
    }
  }
  return changed;
}

VariantEvaluation evaluateVariant(const MapEngine& variant, const std::vector<Receiver>& receivers,
                                  const std::vector<ReceiverTransfers>& baseTransfers, std::span<const std::uint32_t> changed,
                                  std::span<const PlanPolyline> barriers, int threads, std::span<const PlanPolygon> ground) {
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
        const bool geometry = !changed.empty() || !barriers.empty() || !ground.empty();
        if (geometry) near = variant.elementsNear(r);  // emission-only variants skip even this
        if (!changed.empty()) std::set_intersection(near.begin(), near.end(), changed.begin(), changed.end(), std::back_inserter(which));
        if (!barriers.empty() || !ground.empty()) {
          const std::vector<std::uint32_t> reached = variant.elementsReachedBy(r, base, barriers, ground);
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

SceneChange sceneChange(const Scene& base, const Scene& variant) {
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
  SceneChange c;
  // One polygon: the convex hull of the triangles that differ (it holds them all, and one
  // outline is far cheaper to test than hundreds of triangles).
  std::vector<Vec2> corners;
  for (const Key& k : differ) corners.insert(corners.end(), {{k[0], k[1]}, {k[3], k[4]}, {k[6], k[7]}});
  if (!corners.empty()) {
    PlanPolygon hull;
    convexHull(std::move(corners), hull);
    c.ground.push_back(std::move(hull));
  }
  const auto& ba = base.obstacles().buildings();
  const auto& bb = variant.obstacles().buildings();
  for (std::size_t i = 0; i < ba.size() && i < bb.size(); ++i)
    if (ba[i].roofAltitude != bb[i].roofAltitude) {
      PlanPolyline outline(ba[i].footprint.begin(), ba[i].footprint.end());
      outline.push_back(outline.front());
      c.buildings.push_back(std::move(outline));
    }
  return c;
}

}  // namespace citynoise::raytrace
