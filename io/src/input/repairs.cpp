// The repair records' vocabulary and repairs.csv (see repairs.hpp).
#include <citynoise/io/atomic_file.hpp>
#include <citynoise/io/repairs.hpp>

#include "../output/text_format.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>

namespace citynoise::io {

const char* defectName(Defect d) {
  switch (d) {
    case Defect::NullGeometry: return "null geometry";
    case Defect::EmptyGeometry: return "empty geometry";
    case Defect::WrongGeometry: return "wrong geometry kind";
    case Defect::Collection: return "geometry collection";
    case Defect::InvalidPolygon: return "invalid polygon";
    case Defect::UnclosedRing: return "unclosed ring";
    case Defect::Sliver: return "sliver";
    case Defect::Duplicate: return "duplicate";
    case Defect::BadHeight: return "bad height";
  }
  return "defect";
}

// Relative to the larger of the two areas: a loss reads as the share lost, and a bow-tie whose
// lobes cancel (area 0 before) reads as a 100 % change instead of a division by zero.
double Repair::areaChange() const {
  const double larger = std::max(areaBefore, areaAfter);
  return larger > 0.0 ? (areaAfter - areaBefore) / larger : 0.0;
}

bool Repair::material() const {
  // A feature dropped whole loses all it had, unless it had nothing (no geometry) or another
  // copy stays (a duplicate).
  const bool nothingLost = defect == Defect::Duplicate || defect == Defect::NullGeometry || defect == Defect::EmptyGeometry;
  const bool droppedWhole = action == "dropped" && !nothingLost;
  return droppedWhole || std::abs(areaChange()) > 0.10;
}

void orderRepairs(std::vector<Repair>& repairs) {
  std::stable_sort(repairs.begin(), repairs.end(), [](const Repair& a, const Repair& b) {
    if (a.material() != b.material()) return a.material();
    if (a.material()) return std::abs(a.areaChange()) > std::abs(b.areaChange());
    return false;
  });
}


void writeRepairsCsv(const std::filesystem::path& file, const std::vector<Repair>& repairs) {
  AtomicFile out(file);
  std::ofstream& o = out.stream();
  o << "file,layer,id,defect,action,area_before_m2,area_after_m2,area_change_pct,material\n";
  o << std::fixed;
  for (const Repair& r : repairs) {
    o << csvField(r.file) << ',' << csvField(r.layer) << ',' << csvField(r.id) << ',' << defectName(r.defect) << ','
      << csvField(r.action) << ',' << std::setprecision(2) << r.areaBefore << ',' << r.areaAfter << ','
      << std::setprecision(1) << 100.0 * r.areaChange() << ',' << (r.material() ? "yes" : "no") << '\n';
  }
  out.commit();
}

}  // namespace citynoise::io
