#include <citynoise/raytrace/map_engine.hpp>

#include "engine/transfer_merge.hpp"
#include "uniform_grid.hpp"

#include <citynoise/core/decibel.hpp>
#include <citynoise/core/emission/rail.hpp>
#include <citynoise/core/geometry2d.hpp>
#include <citynoise/core/path.hpp>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <optional>

namespace citynoise::raytrace {

namespace {

/// Hourly energies (10^(L/10)) per band, what the engine multiplies by transfer factors.
using HourlyEnergy = std::array<BandArray, kHoursPerDay>;

struct ElementRef {
  std::uint32_t object = 0, element = 0;
  Box2 box;
};

/// One point source for one receiver.
struct Piece {
  Vec3 position;
  double size = 1.0;
  Vec2 direction{};
  std::uint32_t element = 0;  ///< index into Impl::elements
};

struct Scratch {
  PathFinderScratchPtr finder = makePathFinderScratch();
  PropagationScratch kernel;
  std::vector<ProfilePoint> points;
  std::vector<BandArray> alphas;
  std::vector<std::uint32_t> ids;
  std::vector<PointPiece> split;
  std::vector<Piece> pieces;
  std::vector<Vec3> positions;
  std::vector<std::vector<Path3>> paths;
  ReceiverTransfers transfers;
};

Scratch& threadScratch() {
  thread_local Scratch s;
  return s;
}

/// One path's transfer factor per band: piece size × directivity gain × longTermEnergy of
/// 10^(−A_H/10) and 10^(−A_F/10) (eq. 2.5.11 before the power), the energies computed once.
struct PathTransfer {
  BandArray gain, homogeneous, favourable;
  PathTransfer(double size, const BandArray& directivityGain, bool hasFavourable, const ConditionResult& rh, const ConditionResult& rf) {
    for (std::size_t i = 0; i < kBandCount; ++i) {
      gain[i] = size * directivityGain[i];
      homogeneous[i] = dbToEnergy(-rh.total[i]);
      favourable[i] = hasFavourable ? dbToEnergy(-rf.total[i]) : 0.0;
    }
  }
  [[nodiscard]] double at(double p, std::size_t band) const {
    return gain[band] * longTermEnergy(homogeneous[band], favourable[band], p, p);
  }
};

}  // namespace

struct MapEngine::Impl {
  const Scene* scene;
  std::vector<SourceObject> sources;
  EngineSettings settings;
  PathFinder finder;
  PropagationSettings propagation;
  std::vector<ElementRef> elements;
  std::vector<HourlyEnergy> energy;  ///< per element
  UniformGrid grid;
  std::vector<double> distinctP;            ///< the different favourable probabilities
  std::array<std::size_t, kHoursPerDay> hourP{};  ///< index into distinctP per hour

  Impl(const Scene& s, std::vector<SourceObject> src, EngineSettings st)
      : scene(&s), sources(std::move(src)), settings(st), finder(s, st.paths),
        propagation{absorptionDbPerKm(st.air)} {
    for (std::uint32_t o = 0; o < sources.size(); ++o)
      for (std::uint32_t e = 0; e < sources[o].elements.size(); ++e) {
        const SourceElement& el = sources[o].elements[e];
        ElementRef ref{o, e, {}};
        for (const Vec3& p : el.geometry) ref.box.extend(plan(p));
        elements.push_back(ref);
        HourlyEnergy en{};
        for (std::size_t h = 0; h < kHoursPerDay; ++h) en[h] = dbToEnergy(el.power[h]);
        energy.push_back(en);
      }
    grid.build(elements.size(), [&](std::size_t i) { return elements[i].box; }, 2.0);
    for (std::size_t h = 0; h < kHoursPerDay; ++h) {
      const double p = settings.favourable[h];
      auto it = std::find(distinctP.begin(), distinctP.end(), p);
      if (it == distinctP.end()) distinctP.push_back(p), it = distinctP.end() - 1;
      hourP[h] = static_cast<std::size_t>(it - distinctP.begin());
    }
  }

  /// The elements whose boxes come within reach of the receiver, ascending.
  void elementsWithinReach(const Receiver& r, std::vector<std::uint32_t>& ids) const {
    const double reach = settings.paths.maxSourceDistance;
    const Vec2 at = plan(r.position);
    grid.queryBox(Box2{at, at}.grown(reach), ids);
    // The grid's cells are coarse: keep the elements whose own box comes within reach (a lower
    // bound of any piece's distance, so nothing audible is dropped).
    std::erase_if(ids, [&](std::uint32_t id) {
      const Box2& b = elements[id].box;
      const double dx = std::max({b.min.x - at.x, 0.0, at.x - b.max.x}), dy = std::max({b.min.y - at.y, 0.0, at.y - b.max.y});
      return dx * dx + dy * dy > reach * reach;
    });
    std::sort(ids.begin(), ids.end());
  }

  /// Splits one element into point sources for this receiver (appended to `out`).
  void piecesOf(std::uint32_t id, const Receiver& r, Scratch& sc, std::vector<Piece>& out) const {
    const double reach = settings.paths.maxSourceDistance;
    const ElementRef& ref = elements[id];
    const SourceElement& el = sources[ref.object].elements[ref.element];
    sc.split.clear();
    switch (el.shape) {
      case SourceShape::Point: sc.split.push_back({el.geometry.front(), 1.0, {}}); break;
      case SourceShape::Line: splitLine(el.geometry, r.position, settings.split, sc.split); break;
      case SourceShape::Area: splitArea(el.geometry, r.position, settings.split, sc.split); break;
    }
    for (const PointPiece& p : sc.split) {
      const Vec2 xy = plan(p.position);
      const Vec3 position{xy.x, xy.y, scene->terrain().heightAt(xy) + p.position.z};
      if (distance(position, r.position) > reach) continue;
      // A point source inside a footprint (a road under an arcade) radiates into the building.
      if (scene->obstacles().buildingAt(xy) >= 0) continue;
      out.push_back({position, p.size, p.direction, id});
    }
  }

  /// Splits the elements within reach (all, or those in `only`, ascending) into point sources
  /// for this receiver, grouped by element in ascending order.
  void gatherPieces(const Receiver& r, Scratch& sc, std::optional<std::span<const std::uint32_t>> only = std::nullopt) const {
    elementsWithinReach(r, sc.ids);
    sc.pieces.clear();
    for (std::uint32_t id : sc.ids)
      if (!only || std::binary_search(only->begin(), only->end(), id)) piecesOf(id, r, sc, sc.pieces);
  }

  /// First direction the sound leaves the source in, along a path.
  static Vec3 departure(const Path3& path) {
    const Vec3& s = path.vertices.front().xyz;
    for (std::size_t i = 1; i < path.vertices.size(); ++i)
      if (isRayVertex(path.vertices[i].kind)) return path.vertices[i].xyz - s;
    return path.vertices.back().xyz - s;
  }

  /// How much longer than the straight line the path runs in plan (lateral and reflected paths).
  static double planDetour(const Path3& path) {
    const Vec3* last = &path.vertices.front().xyz;
    double along = 0.0;
    for (std::size_t i = 1; i < path.vertices.size(); ++i)
      if (isRayVertex(path.vertices[i].kind) || i + 1 == path.vertices.size()) {
        along += length(plan(path.vertices[i].xyz) - plan(*last));
        last = &path.vertices[i].xyz;
      }
    return std::max(0.0, along - length(plan(path.vertices.back().xyz) - plan(path.vertices.front().xyz)));
  }

  /// Source directivity towards the path's first leg (dB per band).
  BandArray directivity(const SourceObject& object, const Piece& piece, const Path3& path) const {
    const Vec3 d = departure(path);
    if (object.sourceClass == SourceClass::Rail) return filled(emission::railHorizontalDirectivity(piece.direction, plan(d)));
    if (object.directivity.omnidirectional()) return BandArray{};
    return object.directivity.correction(object.aim, d);
  }

  [[nodiscard]] std::size_t slotSize() const { return distinctP.size() * kBandCount; }

  /// Paths and attenuations for sc.pieces; their transfers summed per element into `t` (cleared).
  void transfersOf(const Receiver& r, Scratch& sc, ReceiverTransfers& t, ReceiverLevels& stats, std::vector<PathReport>* report) const {
    t.elements.clear(), t.detour.clear(), t.transfer.clear();
    stats.pieces = static_cast<std::uint32_t>(sc.pieces.size());
    const int excluded = r.kind == ReceiverKind::Facade && !r.includeOwnFacade ? r.building : -1;
    const std::size_t slot = slotSize();
    constexpr std::size_t kBatch = 256;
    for (std::size_t base = 0; base < sc.pieces.size(); base += kBatch) {
      const std::size_t n = std::min(kBatch, sc.pieces.size() - base);
      sc.positions.clear();
      for (std::size_t k = 0; k < n; ++k) sc.positions.push_back(sc.pieces[base + k].position);
      finder.findMany(sc.positions, r.position, excluded, sc.paths, *sc.finder);
      for (std::size_t k = 0; k < n; ++k) {
        const Piece& piece = sc.pieces[base + k];
        if (t.elements.empty() || t.elements.back() != piece.element) {
          t.elements.push_back(piece.element);
          t.detour.push_back(0.0f);
          t.transfer.resize(t.transfer.size() + slot, 0.0f);
        }
        float* sum = t.transfer.data() + t.transfer.size() - slot;
        const SourceObject& object = sources[elements[piece.element].object];
        for (const Path3& path : sc.paths[k]) {
          const PathProfile h = makeProfile(path.type, path.vertices, sc.points, sc.alphas);
          const ConditionResult rh = evaluateCondition(h, Condition::Homogeneous, propagation, sc.kernel);
          const auto& fv = path.favourableVertices ? *path.favourableVertices : path.vertices;
          const PathProfile f = makeProfile(path.type, fv, sc.points, sc.alphas);
          const ConditionResult rf = evaluateCondition(f, Condition::Favourable, propagation, sc.kernel);
          const PathTransfer transfer(piece.size, dbToEnergy(directivity(object, piece, path)),
                                      path.hasFavourable && rf.exists, rh, rf);
          for (std::size_t q = 0; q < distinctP.size(); ++q)
            for (std::size_t i = 0; i < kBandCount; ++i) sum[q * kBandCount + i] += static_cast<float>(transfer.at(distinctP[q], i));
          t.detour.back() = std::max(t.detour.back(), static_cast<float>(planDetour(path)));
          ++stats.paths;
          if (report) report->push_back(pathReport(object, piece, path, rh, rf, transfer));
        }
      }
    }
  }

  /// One path for --only-receiver, with its contribution to the EU day level.
  PathReport pathReport(const SourceObject& object, const Piece& piece, const Path3& path, const ConditionResult& rh,
                        const ConditionResult& rf, const PathTransfer& transfer) const {
    PathReport pr{object.id, object.sourceClass, path, rh.total, rf.total, 0.0};
    const HourlyEnergy& power = energy[piece.element];
    double dayE = 0.0;
    for (std::size_t hour = 0; hour < kHoursPerDay; ++hour) {
      if (!kEuDay.contains(static_cast<int>(hour))) continue;
      for (std::size_t i = 0; i < kBandCount; ++i)
        dayE += power[hour][i] * transfer.at(distinctP[hourP[hour]], i) * dbToEnergy(kAWeighting[i]) / kEuDay.hours();
    }
    pr.contributionDayA = energyToDb(dayE);
    return pr;
  }

  /// Hourly powers × transfers, per source class, reduced to the assessment periods.
  ReceiverLevels reduce(const ReceiverTransfers& t) const {
    std::array<HourlyEnergy, kSourceClasses> e{};
    const std::size_t slot = slotSize();
    for (std::size_t k = 0; k < t.elements.size(); ++k) {
      const std::uint32_t id = t.elements[k];
      const HourlyEnergy& power = energy[id];
      const std::size_t cls = static_cast<std::size_t>(sources[elements[id].object].sourceClass);
      const float* transfer = t.transfer.data() + k * slot;
      for (std::size_t hour = 0; hour < kHoursPerDay; ++hour) {
        const float* tq = transfer + hourP[hour] * kBandCount;
        for (std::size_t i = 0; i < kBandCount; ++i) e[cls][hour][i] += power[hour][i] * static_cast<double>(tq[i]);
      }
    }
    // A-weighted hourly levels per class, then the periods.
    ReceiverLevels out;
    std::array<HourlyValues, kSourceClasses + 1> hourly{};
    for (std::size_t c = 0; c <= kSourceClasses; ++c)
      for (std::size_t hour = 0; hour < kHoursPerDay; ++hour) {
        double a = 0.0;
        for (std::size_t cc = 0; cc < kSourceClasses; ++cc) {
          if (c < kSourceClasses && cc != c) continue;
          for (std::size_t i = 0; i < kBandCount; ++i) a += e[cc][hour][i] * dbToEnergy(kAWeighting[i]);
        }
        hourly[c][hour] = energyToDb(a);
      }
    for (std::size_t c = 0; c <= kSourceClasses; ++c) {
      auto& l = out.levels[c];
      l[Lday] = static_cast<float>(periodLevel(hourly[c], kEuDay));
      l[Levening] = static_cast<float>(periodLevel(hourly[c], kEuEvening));
      l[Lnight] = static_cast<float>(periodLevel(hourly[c], kEuNight));
      l[Lden] = static_cast<float>(lden(l[Lday], l[Levening], l[Lnight]));
      l[LdCn] = static_cast<float>(periodLevel(hourly[c], kChinaDay));
      l[LnCn] = static_cast<float>(periodLevel(hourly[c], kChinaNight));
    }
    for (std::size_t hour = 0; hour < kHoursPerDay; ++hour) out.hourly[hour] = static_cast<float>(hourly[kSourceClasses][hour]);
    return out;
  }

  ReceiverLevels compute(const Receiver& r, std::vector<PathReport>* report, ReceiverTransfers* keep) const {
    Scratch& sc = threadScratch();
    gatherPieces(r, sc);
    ReceiverTransfers& t = keep ? *keep : sc.transfers;
    ReceiverLevels stats;
    transfersOf(r, sc, t, stats, report);
    ReceiverLevels out = reduce(t);
    out.pieces = stats.pieces, out.paths = stats.paths;
    return out;
  }

  void recomputeElements(const Receiver& r, std::span<const std::uint32_t> which, ReceiverTransfers& t) const {
    Scratch& sc = threadScratch();
    gatherPieces(r, sc, which);
    ReceiverTransfers fresh;
    ReceiverLevels stats;
    transfersOf(r, sc, fresh, stats, nullptr);
    t = mergeTransfers(t, fresh, which, slotSize());
  }

  std::vector<std::uint32_t> elementsReachedBy(const Receiver& r, const ReceiverTransfers& t, const SceneEdits& edits) const {
    std::vector<std::uint32_t> out;
    Scratch& sc = threadScratch();
    elementsWithinReach(r, sc.ids);
    const double reflect = settings.paths.maxReflectionDistance;
    const Vec2 rxy = plan(r.position);
    if (editsNearReceiver(rxy, reflect, edits)) return std::vector<std::uint32_t>(sc.ids.begin(), sc.ids.end());
    for (std::uint32_t id : sc.ids) {
      const auto it = std::lower_bound(t.elements.begin(), t.elements.end(), id);
      const double detour = it != t.elements.end() && *it == id ? t.detour[static_cast<std::size_t>(it - t.elements.begin())] : 0.0;
      sc.pieces.clear();
      piecesOf(id, r, sc, sc.pieces);
      const bool reached = std::any_of(sc.pieces.begin(), sc.pieces.end(), [&](const Piece& p) {
        return editsReachPaths(plan(p.position), rxy, detour, reflect, edits);
      });
      if (reached) out.push_back(id);
    }
    return out;
  }

};

MapEngine::MapEngine(const Scene& scene, std::vector<SourceObject> sources, EngineSettings settings)
    : impl_(std::make_unique<Impl>(scene, std::move(sources), settings)) {}
MapEngine::~MapEngine() = default;
MapEngine::MapEngine(MapEngine&&) noexcept = default;

const std::vector<SourceObject>& MapEngine::sources() const { return impl_->sources; }
const EngineSettings& MapEngine::settings() const { return impl_->settings; }

ReceiverLevels MapEngine::compute(const Receiver& receiver, std::vector<PathReport>* report, ReceiverTransfers* transfers) const {
  return impl_->compute(receiver, report, transfers);
}

ReceiverLevels MapEngine::levelsFrom(const ReceiverTransfers& transfers) const { return impl_->reduce(transfers); }

void MapEngine::recomputeElements(const Receiver& receiver, std::span<const std::uint32_t> which, ReceiverTransfers& transfers) const {
  impl_->recomputeElements(receiver, which, transfers);
}

std::vector<std::uint32_t> MapEngine::elementsReachedBy(const Receiver& receiver, const ReceiverTransfers& transfers,
                                                        const SceneEdits& edits) const {
  return impl_->elementsReachedBy(receiver, transfers, edits);
}

std::vector<std::uint32_t> MapEngine::elementsNear(const Receiver& receiver) const {
  std::vector<std::uint32_t> ids;
  impl_->elementsWithinReach(receiver, ids);
  return ids;
}

std::vector<ReceiverLevels> MapEngine::computeAll(const std::vector<Receiver>& receivers, int threads,
                                                  const std::function<void(std::size_t)>& progress,
                                                  std::vector<ReceiverTransfers>* transfers) const {
  std::vector<ReceiverLevels> out(receivers.size());
  if (transfers) transfers->assign(receivers.size(), {});
  // Tiles: receivers ordered along a coarse spatial grid, so that a task's receivers share
  // nearby sources and geometry in cache; each result goes to the receiver's own slot.
  std::vector<std::uint32_t> order(receivers.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  constexpr double kTile = 100.0;
  auto tileKey = [&](std::uint32_t i) {
    const Vec3& p = receivers[i].position;
    return std::pair{std::floor(p.y / kTile), std::floor(p.x / kTile)};
  };
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return tileKey(a) < tileKey(b); });
  std::atomic<std::size_t> done{0};
  std::mutex progressMutex;
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, order.size(), 16), [&](const tbb::blocked_range<std::size_t>& range) {
      for (std::size_t k = range.begin(); k != range.end(); ++k) out[order[k]] = impl_->compute(receivers[order[k]], nullptr, transfers ? &(*transfers)[order[k]] : nullptr);
      const std::size_t now = done += range.size();
      if (progress) {
        std::lock_guard lock(progressMutex);
        progress(now);
      }
    });
  });
  return out;
}

}  // namespace citynoise::raytrace
