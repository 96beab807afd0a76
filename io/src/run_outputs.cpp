#include <citynoise/io/run_outputs.hpp>

#include <algorithm>
#include <cmath>

namespace citynoise::io {

std::array<std::uint8_t, 3> levelColour(double level) {
  // Classes of 5 dB from < 35 to ≥ 80 (the usual noise-map palette, greens to purples).
  static const std::array<std::array<std::uint8_t, 3>, 11> palette{{
      {{184, 214, 209}}, {{206, 228, 204}}, {{226, 242, 191}}, {{243, 198, 131}}, {{232, 126, 77}}, {{205, 70, 62}},
      {{161, 26, 77}},   {{117, 8, 92}},    {{67, 10, 74}},    {{40, 5, 50}},     {{20, 0, 30}}}};
  if (!std::isfinite(level)) return {{160, 160, 160}};
  const int k = std::clamp(static_cast<int>(std::floor((level - 35.0) / 5.0)) + 1, 0, 10);
  return palette[static_cast<std::size_t>(k)];
}

void writeRunOutputs(const std::filesystem::path& dir, const RunData& run) {
  writeSummary(dir, run);
  const OutputSettings& o = run.scenario.outputs;
  if (o.geopackage) writeGeoPackage(dir / (run.scenario.name + ".gpkg"), run);
  if (o.geotiff) writeGeoTiffs(dir, run);
  if (o.vtk) writeVtk(dir, run);
  if (o.gltf) writeGltf(dir / "city.glb", run);
}

}  // namespace citynoise::io
