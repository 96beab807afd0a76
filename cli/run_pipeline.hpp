#pragma once
// The stages `run`, its variants and `barrier-design` share: a scenario loaded and checked, its
// scene built, its receivers made; the engine settings; the output folder written in a staging
// folder and published whole.

#include <citynoise/io/run_outputs.hpp>
#include <citynoise/io/scenario.hpp>
#include <citynoise/raytrace/map_engine.hpp>
#include <citynoise/raytrace/scene.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace citynoise::cli {

using Clock = std::chrono::steady_clock;
inline double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

/// The engine's settings from a scenario's [calculation] and [meteo].
raytrace::EngineSettings engineSettings(const io::Scenario& s);

/// The scene's triangles in world coordinates, for the 3D outputs.
io::CityMesh cityMesh(const raytrace::Scene& scene);

/// Builds the scenario's scene; its repairs (warnings) are printed when `printRepairs`.
raytrace::Scene buildScene(const io::Scenario& s, bool printRepairs);

/// A scenario ready to compute: loaded, checked against its scene, receivers made.
struct PreparedRun {
  io::Scenario scenario;
  raytrace::Scene scene;
  ReceiverSet receivers;
  Box2 receiverExtent;  ///< the extent the receivers were made for (variants make theirs alike)
  io::RunFigures figures;
};

struct PrepareOptions {
  bool quiet = false;   ///< no warnings printed
  bool strict = false;  ///< a geometry defect stops the run (io::LoadOptions::strict)
  /// Changes the loaded scenario before its scene and receivers are made (calibrate: the
  /// stations as its only receivers; run --gains: a calibration's gains on the emissions).
  std::function<void(io::Scenario&)> receivers;
};

/// Loads `file` (warnings printed unless quiet), builds and checks the scene (terrain covers the
/// district, layers near it, point sources outside buildings) and makes the receivers.
PreparedRun prepareRun(const std::filesystem::path& file, const PrepareOptions& options);

/// Worker threads: the command line's, else the scenario's, else every core.
int threadCount(int requested, const io::Scenario& s);

/// Peak resident memory of this process so far, MB.
double peakMemoryMb();

/// An output folder written beside its target under a hidden name and renamed into place whole:
/// a run that fails leaves the previous outputs as they were.
class StagedFolder {
 public:
  explicit StagedFolder(std::filesystem::path target);
  ~StagedFolder();
  StagedFolder(const StagedFolder&) = delete;
  StagedFolder& operator=(const StagedFolder&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return staging_; }
  [[nodiscard]] const std::filesystem::path& target() const { return target_; }
  /// Replaces the target by the staging folder (renames; a failure leaves the target intact).
  void publish();

 private:
  std::filesystem::path target_, staging_;
  bool published_ = false;
};

}  // namespace citynoise::cli
