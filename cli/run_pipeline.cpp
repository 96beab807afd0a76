#include "run_pipeline.hpp"

#include "commands.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/raytrace/receivers.hpp>

#include <iomanip>
#include <sstream>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

namespace citynoise::cli {

raytrace::EngineSettings engineSettings(const io::Scenario& s) {
  raytrace::EngineSettings e;
  e.paths.reflectionOrder = s.calculation.reflectionOrder;
  e.paths.maxSourceDistance = s.calculation.maxDistance;
  e.paths.maxReflectionDistance = s.calculation.maxReflectionDistance;
  e.paths.lateralDiffraction = s.calculation.lateralDiffraction;
  e.split.maxAngleDeg = s.calculation.splitAngleDeg;
  e.air = s.meteo.air;
  e.favourable = s.meteo.favourableByHour();
  return e;
}

io::CityMesh cityMesh(const raytrace::Scene& scene) {
  io::CityMesh m;
  const raytrace::SceneMesh& s = scene.mesh();
  for (const auto& v : s.vertices) m.vertices.push_back({v[0] + s.origin.x, v[1] + s.origin.y, v[2] + s.origin.z});
  m.triangles = s.triangles;
  for (const raytrace::TriangleTag& t : s.tags) {
    m.kind.push_back(t.kind);
    m.object.push_back(t.kind == SurfaceKind::Terrain ? -1 : static_cast<std::int32_t>(t.object));
  }
  // City models' roofs above the eaves: shown (and coloured with their building), not traced.
  const std::vector<Building>& buildings = scene.obstacles().buildings();
  for (std::size_t b = 0; b < buildings.size(); ++b)
    for (const auto& tri : buildings[b].roofShape) {
      const auto n = static_cast<std::uint32_t>(m.vertices.size());
      m.vertices.insert(m.vertices.end(), tri.begin(), tri.end());
      m.triangles.push_back({n, n + 1, n + 2});
      m.kind.push_back(SurfaceKind::Roof);
      m.object.push_back(static_cast<std::int32_t>(b));
    }
  return m;
}

raytrace::Scene buildScene(const io::Scenario& s, bool printRepairs) {
  std::vector<raytrace::SceneWarning> repairs;
  raytrace::SceneOptions so;
  so.origin = s.file.string();
  raytrace::Scene scene = raytrace::Scene::build(s.scene, so, repairs);
  if (printRepairs) {
    std::vector<io::Warning> merged;
    for (const auto& w : repairs) io::addWarning(merged, so.origin + ": " + w.object, w.message);
    printWarnings(merged, "run");
  }
  return scene;
}

namespace {

/// Sources that cannot be right: point sources inside a footprint.
void checkSources(const io::Scenario& s, const raytrace::Scene& scene) {
  for (const SourceObject& o : s.sources)
    for (const SourceElement& e : o.elements)
      if (e.shape == SourceShape::Point) {
        const int b = scene.obstacles().buildingAt(plan(e.geometry.front()));
        if (b >= 0)
          throw InputError(s.file.string(), o.id, "position: the source is inside building " + scene.obstacles().buildings()[static_cast<std::size_t>(b)].id);
      }
}

/// The DEM must cover the district (the buildings and the receivers' extent).
void checkTerrainCoverage(const io::Scenario& s) {
  if (!s.scene.dem || s.extent.empty()) return;
  const ElevationGrid& g = *s.scene.dem;
  const Box2 dem{{g.originX, g.originY - g.rows * g.cellSizeY}, {g.originX + g.columns * g.cellSizeX, g.originY}};
  if (!dem.grown(1e-6).contains(s.extent.min) || !dem.grown(1e-6).contains(s.extent.max)) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(0) << "the DEM does not cover the district: it spans x " << dem.min.x << "–" << dem.max.x
      << ", y " << dem.min.y << "–" << dem.max.y << "; the district spans x " << s.extent.min.x << "–" << s.extent.max.x
      << ", y " << s.extent.min.y << "–" << s.extent.max.y;
    throw InputError(s.file.string(), "[terrain]", o.str());
  }
}

/// A layer that lies entirely away from the district (beyond the maximum distance) was almost
/// surely read in the wrong CRS: a missing .prj, or coordinates in another projection.
void checkLayersNearDistrict(const io::Scenario& s) {
  if (s.extent.empty()) return;
  const Box2 reach = s.extent.grown(s.calculation.maxDistance);
  for (const io::LayerInfo& l : s.layers) {
    if (l.extent.empty() || l.extent.overlaps(reach)) continue;
    std::ostringstream o;
    o << std::fixed << std::setprecision(0) << "the " << l.what << " layer lies entirely outside the district (x " << l.extent.min.x << "–"
      << l.extent.max.x << ", y " << l.extent.min.y << "–" << l.extent.max.y << "; the buildings span x " << s.extent.min.x << "–"
      << s.extent.max.x << ", y " << s.extent.min.y << "–" << s.extent.max.y << "): check its CRS (it declares "
      << (l.crs.empty() ? std::string("none") : l.crs) << ")";
    throw InputError(l.file, l.layer, o.str());
  }
}

/// Receivers are made over the district's extent; with no buildings, over the sources'.
Box2 receiverExtentOf(const io::Scenario& s) {
  if (!s.extent.empty()) return s.extent;
  Box2 extent = s.extent;
  for (const SourceObject& o : s.sources)
    for (const SourceElement& e : o.elements)
      for (const Vec3& p : e.geometry) extent.extend(plan(p));
  return extent;
}

}  // namespace

PreparedRun prepareRun(const std::filesystem::path& file, const PrepareOptions& options) {
  const bool quiet = options.quiet;
  const auto t0 = Clock::now();
  io::Scenario s = io::loadScenario(file, "", {options.strict});
  if (!quiet) printWarnings(s.warnings, "run");
  if (options.receivers) options.receivers(s);
  if (!s.hasScene)
    throw InputError(file.string(), "", "no [buildings], [terrain] or [receivers]: nothing to map (citynoise emission computes emission only)");
  io::RunFigures figures;
  figures.loadSeconds = since(t0);

  auto t = Clock::now();
  checkTerrainCoverage(s);
  checkLayersNearDistrict(s);
  raytrace::Scene scene = buildScene(s, !quiet);
  checkSources(s, scene);
  figures.sceneSeconds = since(t);

  t = Clock::now();
  const Box2 extent = receiverExtentOf(s);
  ReceiverSet receivers = raytrace::makeReceivers(scene, s.scene, s.receivers, extent);
  figures.receiverSeconds = since(t);
  figures.droppedReceivers = receivers.droppedInside;
  return {std::move(s), std::move(scene), std::move(receivers), extent, figures};
}

int threadCount(int requested, const io::Scenario& s) {
  if (requested > 0) return requested;
  if (s.calculation.threads > 0) return s.calculation.threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

double peakMemoryMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

StagedFolder::StagedFolder(std::filesystem::path target) : target_(std::move(target)) {
  std::filesystem::create_directories(target_.parent_path().empty() ? "." : target_.parent_path());
  staging_ = target_.parent_path() / ("." + target_.filename().string() + ".tmp" + std::to_string(::getpid()));
  std::filesystem::remove_all(staging_);
  std::filesystem::create_directories(staging_);
}

StagedFolder::~StagedFolder() {
  if (published_) return;
  std::error_code ignored;  // a destructor must not throw; what is left is a hidden folder
  std::filesystem::remove_all(staging_, ignored);
}

void StagedFolder::publish() {
  const std::filesystem::path old = target_.parent_path() / ("." + target_.filename().string() + ".old" + std::to_string(::getpid()));
  const bool existed = std::filesystem::exists(target_);
  if (existed) std::filesystem::rename(target_, old);
  std::filesystem::rename(staging_, target_);
  published_ = true;
  if (existed) std::filesystem::remove_all(old);
}

}  // namespace citynoise::cli
