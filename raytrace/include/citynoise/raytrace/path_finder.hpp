#pragma once
// The path finder: every propagation path CNOSSOS-EU asks for between a source and a receiver
// in the 3D scene — the direct path (vertical cut), lateral paths around vertical edges, and
// specular reflections on façades and walls — each with its vertical profile for the kernel.

#include <citynoise/core/path.hpp>
#include <citynoise/raytrace/ray_tracer.hpp>
#include <citynoise/raytrace/scene.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace citynoise::raytrace {

struct PathFinderOptions {
  int reflectionOrder = 1;
  double maxSourceDistance = 1200.0;      ///< no path beyond this 3D distance
  double maxReflectionDistance = 1200.0;  ///< reflectors (and reflection points) this close to the receiver
  bool lateralDiffraction = true;         ///< paths around vertical edges of blocking obstacles
  /// Reflections on this building's façades are left out (façade receivers in "incident" mode).
  int excludedReflector = -1;
};

/// Counters of one path search (summed by callers for statistics).
struct PathFinderStats {
  std::uint64_t rays = 0;            ///< ray queries issued
  std::uint64_t reflectionsTried = 0;
  std::uint64_t reflectionsRejected = 0;  ///< a leg hit a building
  double rayQuerySeconds = 0.0;           ///< time spent in ray queries
  std::vector<Ray>* rayLog = nullptr;     ///< if set, every ray issued is appended (benchmarks)
};

/// Per-thread working memory (keeps its capacity between searches).
struct PathFinderScratch;
struct PathFinderScratchDeleter {
  void operator()(PathFinderScratch* p) const;
};
using PathFinderScratchPtr = std::unique_ptr<PathFinderScratch, PathFinderScratchDeleter>;
PathFinderScratchPtr makePathFinderScratch();

class PathFinder {
 public:
  PathFinder(const Scene& scene, PathFinderOptions options);

  /// Paths from `source` to `receiver`, appended to `out` in a fixed order: direct, lateral left,
  /// lateral right, reflections (by order, then by reflector). Nothing beyond maxSourceDistance.
  void find(const Vec3& source, const Vec3& receiver, std::vector<Path3>& out, PathFinderScratch& scratch,
            PathFinderStats* stats = nullptr) const;

  /// The paths from every source to one receiver: out[i] gets those of sources[i] (cleared
  /// first). The legs of all candidate paths are checked in one ray batch, which keeps Embree's
  /// 16-ray packets full.
  void findMany(std::span<const Vec3> sources, const Vec3& receiver, std::vector<std::vector<Path3>>& out,
                PathFinderScratch& scratch, PathFinderStats* stats = nullptr) const;
  /// As findMany, leaving out reflections on one building's façades (a façade receiver's own
  /// building in "incident" mode); −1 keeps them all.
  void findMany(std::span<const Vec3> sources, const Vec3& receiver, int excludedReflector,
                std::vector<std::vector<Path3>>& out, PathFinderScratch& scratch, PathFinderStats* stats = nullptr) const;

  [[nodiscard]] const PathFinderOptions& options() const { return options_; }

 private:
  const Scene* scene_;
  PathFinderOptions options_;
};

}  // namespace citynoise::raytrace
