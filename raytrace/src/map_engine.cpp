#include <citynoise/raytrace/map_engine.hpp>

#include "uniform_grid.hpp"

#include <citynoise/core/decibel.hpp>
#include <citynoise/core/path.hpp>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>

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
};

Scratch& threadScratch() {
  thread_local Scratch s;
  return s;
}

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

  /// Splits the elements within reach into point sources for this receiver.
  void gatherPieces(const Receiver& r, Scratch& sc) const {
    const double reach = settings.paths.maxSourceDistance;
    grid.queryBox(Box2{plan(r.position), plan(r.position)}.grown(reach), sc.ids);
    sc.pieces.clear();
    for (std::uint32_t id : sc.ids) {
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
        sc.pieces.push_back({position, p.size, p.direction, id});
      }
    }
  }

  /// First direction the sound leaves the source in, along a path.
  static Vec3 departure(const Path3& path) {
    const Vec3& s = path.vertices.front().xyz;
    for (std::size_t i = 1; i < path.vertices.size(); ++i)
      if (isRayVertex(path.vertices[i].kind)) return path.vertices[i].xyz - s;
    return path.vertices.back().xyz - s;
  }

  /// Source directivity towards the path's first leg (dB per band).
  BandArray directivity(const SourceObject& object, const Piece& piece, const Path3& path) const {
    const Vec3 d = departure(path);
    if (object.sourceClass == SourceClass::Rail) {
      // CNOSSOS-EU railway horizontal directivity 10 lg(0.01 + 0.99 sin²φ), φ from the track axis.
      const double l = length(plan(d));
      if (l <= 0.0) return BandArray{};
      const double c = dot(plan(d), piece.direction) / l;
      return filled(10.0 * std::log10(0.01 + 0.99 * std::max(0.0, 1.0 - c * c)));
    }
    if (object.directivity.omnidirectional()) return BandArray{};
    return object.directivity.correction(object.aim, d);
  }

  ReceiverLevels compute(const Receiver& r, std::vector<PathReport>* report) const {
    Scratch& sc = threadScratch();
    gatherPieces(r, sc);
    // energy[class][hour] per band
    std::array<HourlyEnergy, kSourceClasses> e{};
    ReceiverLevels out;
    out.pieces = static_cast<std::uint32_t>(sc.pieces.size());
    const int excluded = r.kind == ReceiverKind::Facade && !r.includeOwnFacade ? r.building : -1;
    constexpr std::size_t kBatch = 256;
    for (std::size_t base = 0; base < sc.pieces.size(); base += kBatch) {
      const std::size_t n = std::min(kBatch, sc.pieces.size() - base);
      sc.positions.clear();
      for (std::size_t k = 0; k < n; ++k) sc.positions.push_back(sc.pieces[base + k].position);
      finder.findMany(sc.positions, r.position, excluded, sc.paths, *sc.finder);
      for (std::size_t k = 0; k < n; ++k) {
        const Piece& piece = sc.pieces[base + k];
        const ElementRef& ref = elements[piece.element];
        const SourceObject& object = sources[ref.object];
        const HourlyEnergy& power = energy[piece.element];
        const std::size_t cls = static_cast<std::size_t>(object.sourceClass);
        for (const Path3& path : sc.paths[k]) {
          const PathProfile h = makeProfile(path.type, path.vertices, sc.points, sc.alphas);
          const ConditionResult rh = evaluateCondition(h, Condition::Homogeneous, propagation, sc.kernel);
          const auto& fv = path.favourableVertices ? *path.favourableVertices : path.vertices;
          const PathProfile f = makeProfile(path.type, fv, sc.points, sc.alphas);
          const ConditionResult rf = evaluateCondition(f, Condition::Favourable, propagation, sc.kernel);
          const BandArray gain = dbToEnergy(directivity(object, piece, path));
          // Transfer per distinct p: p·10^(−A_F/10) + (1 − p)·10^(−A_H/10) (eq. 2.5.11).
          std::array<BandArray, kHoursPerDay> transfer{};
          for (std::size_t q = 0; q < distinctP.size(); ++q)
            for (std::size_t i = 0; i < kBandCount; ++i) {
              const double p = distinctP[q];
              transfer[q][i] = piece.size * gain[i] *
                               ((path.hasFavourable ? p * dbToEnergy(-rf.total[i]) : 0.0) + (1.0 - p) * dbToEnergy(-rh.total[i]));
            }
          for (std::size_t hour = 0; hour < kHoursPerDay; ++hour)
            for (std::size_t i = 0; i < kBandCount; ++i) e[cls][hour][i] += power[hour][i] * transfer[hourP[hour]][i];
          ++out.paths;
          if (report) {
            PathReport pr{object.id, object.sourceClass, path, rh.total, rf.total, 0.0};
            double dayE = 0.0;
            for (std::size_t hour = 0; hour < kHoursPerDay; ++hour)
              if (kEuDay.contains(static_cast<int>(hour)))
                for (std::size_t i = 0; i < kBandCount; ++i)
                  dayE += power[hour][i] * transfer[hourP[hour]][i] * dbToEnergy(kAWeighting[i]) / kEuDay.hours();
            pr.contributionDayA = energyToDb(dayE);
            report->push_back(std::move(pr));
          }
        }
      }
    }
    // Reduce: A-weighted hourly levels per class, then the periods.
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
};

MapEngine::MapEngine(const Scene& scene, std::vector<SourceObject> sources, EngineSettings settings)
    : impl_(std::make_unique<Impl>(scene, std::move(sources), settings)) {}
MapEngine::~MapEngine() = default;
MapEngine::MapEngine(MapEngine&&) noexcept = default;

const std::vector<SourceObject>& MapEngine::sources() const { return impl_->sources; }
const EngineSettings& MapEngine::settings() const { return impl_->settings; }

ReceiverLevels MapEngine::compute(const Receiver& receiver, std::vector<PathReport>* report) const {
  return impl_->compute(receiver, report);
}

std::vector<ReceiverLevels> MapEngine::computeAll(const std::vector<Receiver>& receivers, int threads,
                                                  const std::function<void(std::size_t)>& progress) const {
  std::vector<ReceiverLevels> out(receivers.size());
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
      for (std::size_t k = range.begin(); k != range.end(); ++k) out[order[k]] = impl_->compute(receivers[order[k]], nullptr);
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
