#include <citynoise/raytrace/variant_engine.hpp>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <iterator>

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
                                  std::span<const PlanPolyline> barriers, int threads) {
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
        if (!changed.empty()) {
          near = variant.elementsNear(r);
          std::set_intersection(near.begin(), near.end(), changed.begin(), changed.end(), std::back_inserter(which));
        }
        if (!barriers.empty()) {
          const std::vector<std::uint32_t> reached = variant.elementsReachedBy(r, base, barriers);
          std::vector<std::uint32_t> both;
          std::set_union(which.begin(), which.end(), reached.begin(), reached.end(), std::back_inserter(both));
          which.swap(both);
        }
        if (which.empty()) {
          out.levels[k] = variant.levelsFrom(base);
        } else {
          ReceiverTransfers t = base;
          variant.recomputeElements(r, which, t);
          out.levels[k] = variant.levelsFrom(t);
          recomputed[k] = static_cast<std::uint32_t>(which.size());
        }
      }
    });
  });
  for (std::uint32_t n : recomputed) out.receiversRecomputed += n > 0, out.elementsRecomputed += n;
  return out;
}

}  // namespace citynoise::raytrace
