#pragma once
// The barrier design helper: along a given alignment, the lowest barrier (per segment, in steps
// of 0.5 m) that brings chosen façade points under their night targets — or, when even the
// highest allowed barrier cannot, the best it achieves. Each candidate is evaluated exactly
// (the base's transfers, with the paths the candidate can reach found again).

#include <citynoise/core/scene_description.hpp>
#include <citynoise/raytrace/map_engine.hpp>

#include <optional>
#include <string>
#include <vector>

namespace citynoise::raytrace {

struct BarrierDesignRequest {
  std::string id = "design";
  std::vector<Vec2> line;           ///< the alignment: one segment per pair of consecutive vertices
  double minHeight = 0.0;           ///< 0: a segment may be left out
  double maxHeight = 6.0;
  double step = 0.5;
  std::optional<BandArray> absorption;  ///< both faces; none: the engine's default (rigid)
};

struct BarrierDesignResult {
  std::vector<double> heights;       ///< per segment (0 = no barrier there)
  bool achieved = false;             ///< every point at or under its target
  double worstExceedance = 0.0;      ///< max over the points of Ln − target with the design (dB)
  std::vector<ReceiverLevels> before, after;  ///< at the points, without and with the design
  int evaluations = 0;
};

/// The barrier walls of a design (one wall per segment of non-zero height), heights above the
/// terrain.
std::vector<Wall> designWalls(const BarrierDesignRequest& request, const std::vector<double>& heights);

/// Searches the heights: all segments at the maximum first (if that fails, the best achievable
/// is reported), then each segment in turn lowered to the lowest step that keeps every point
/// under its target (levels fall as a barrier rises, so a bisection per segment suffices).
/// `targets` is the night (Ln, 22–06) target per receiver.
BarrierDesignResult designBarrier(const SceneDescription& scene, const std::vector<SourceObject>& sources, const EngineSettings& settings,
                                  const std::vector<Receiver>& receivers, const std::vector<double>& targets,
                                  const BarrierDesignRequest& request, int threads);

}  // namespace citynoise::raytrace
