#pragma once
// What reading real data repaired or dropped: one record per object touched, for the counted
// warnings and the run's repairs.csv. Real district data (surveying offices' Shapefiles, OSM,
// city models) always carry some defects; one in 10 000 must not cost the map, and none may
// change a result without a word.

#include <filesystem>
#include <string>
#include <vector>

namespace citynoise::io {

/// The defects a reader repairs (or drops) instead of stopping; `--strict` stops at the first.
enum class Defect {
  NullGeometry,     ///< the feature has no geometry: dropped
  EmptyGeometry,    ///< the geometry has no vertex: dropped
  WrongGeometry,    ///< not the layer's kind (a line in a building layer): dropped
  Collection,       ///< a collection: reduced to its parts of the layer's kind
  InvalidPolygon,   ///< self-intersection, bow-tie, self-touching ring: made valid (GEOS)
  UnclosedRing,     ///< a ring not ending on its first vertex: closed
  Sliver,           ///< a degenerate polygon part (area < 0.5 m² or thinner than 0.1 m): dropped
  Duplicate,        ///< the same geometry and attributes as an earlier feature: dropped
  BadHeight,        ///< a height that is not a positive number: floors or the default instead
};

/// "self-intersection", "duplicate", … (the repairs.csv `defect` column).
const char* defectName(Defect d);

struct Repair {
  std::string file, layer, id;  ///< where: the layer file, the layer, the feature id
  Defect defect = Defect::InvalidPolygon;
  std::string action;           ///< what was done ("made valid: 2 polygons", "dropped", …)
  double areaBefore = 0.0, areaAfter = 0.0;  ///< m² (polygons; 0 otherwise)
  /// The repair changes a result materially: a footprint that loses (or gains) more than 10 %
  /// of its area, or a feature dropped whole.
  [[nodiscard]] bool material() const;
  /// (after − before) / max(before, after); 0 where there is no area.
  [[nodiscard]] double areaChange() const;
};

/// Material repairs first (largest area change first), the others in reading order.
void orderRepairs(std::vector<Repair>& repairs);

/// repairs.csv: file, layer, id, defect, action, area_before_m2, area_after_m2, area_change_pct,
/// material — one line per object touched, written atomically.
void writeRepairsCsv(const std::filesystem::path& file, const std::vector<Repair>& repairs);

}  // namespace citynoise::io
