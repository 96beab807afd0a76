#pragma once
// The `citynoise-case/1` format: one source, one receiver, a small 3D scene and, optionally,
// the vertical cuts a path finder should produce (../shared/conformance/README.md).

#include <citynoise/core/atmosphere.hpp>
#include <citynoise/core/path.hpp>
#include <citynoise/core/scene_description.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace citynoise::io {

struct CaseOptions {
  int reflectionOrder = 1;
  double maxSourceDistance = 1200.0;
  bool diffractionOverTop = true;
  bool lateralDiffraction = true;
};

/// A profile of the case file: `direct`, `lateral_left`, `lateral_right`, their `_curved`
/// variants (favourable conditions) and `reflection`.
struct CaseProfile {
  std::string name;
  bool curved = false;
  std::vector<PathVertex> vertices;
};

struct ConformanceCase {
  std::string file;
  std::string id;
  std::string title;
  Atmosphere air;
  double favourableProbability = 0.5;
  Vec3 source;
  BandArray sourcePower{};
  Vec3 receiver;
  CaseOptions options;
  std::vector<CaseProfile> profiles;
};

/// Reads and validates a case file. Throws InputError naming the file, the JSON path and what
/// was expected (e.g. "TC01.json: $.source.lw_db: expected 8 numbers, got 7").
ConformanceCase readCase(const std::filesystem::path& file);

/// Reads the `scene` of a case file (only full-scene evaluation needs it).
SceneDescription readCaseScene(const std::filesystem::path& file);

/// The paths given by the case's profiles, ready for the kernel: each lateral path takes its
/// favourable cut from `<name>_curved`, and has no favourable contribution without one.
std::vector<Path3> pathsFromProfiles(const ConformanceCase& c);

/// The answer JSON of `citynoise case` (format in ../shared/conformance/README.md).
std::string caseAnswerJson(const ConformanceCase& c, const std::vector<Path3>& paths,
                           const PointToPointResult& result);

}  // namespace citynoise::io
