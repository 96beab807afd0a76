// compare.csv and compare.md: the variants of a scenario against its base, ranked.
#include <citynoise/io/atomic_file.hpp>
#include <citynoise/io/run_outputs.hpp>

#include "text_format.hpp"

#include <cmath>
#include <iomanip>
#include <set>
#include <sstream>

namespace citynoise::io {
namespace {

/// People at or above `bound` dB (a 5 dB class lower bound) in a per-class table.
double peopleFrom(const std::map<int, double>& perClass, int bound) {
  double n = 0.0;
  for (const auto& [cls, people] : perClass) n += cls >= bound ? people : 0.0;
  return n;
}

}  // namespace

void writeComparison(const std::filesystem::path& dir, const std::string& scenario, const std::vector<VariantComparison>& variants,
                     const std::vector<VariantFigures>& figures) {
  const std::vector<std::size_t> order = rankVariants(variants);
  std::set<int> classes;
  for (const VariantComparison& v : variants)
    for (const auto& [cls, n] : v.peopleLnBase) classes.insert(cls);

  AtomicFile csv(dir / "compare.csv");
  std::ostream& c = csv.stream();
  c << "rank,variant,cost,people_relieved,cost_per_person_relieved,people_relieved_night,dwellings_relieved_night,people_newly_over_night,"
       "people_relieved_indoor,people_indoor_over_base,people_indoor_over_variant,"
       "people_over_night_base,people_over_night_variant,people_over_day_base,people_over_day_variant,"
       "facade_points_improved_3db_lden,facade_points_improved_3db_ln,facade_points_worse,largest_drop_lden,largest_rise_lden";
  for (int cls : classes) c << ",people_ln_from_" << cls << "_base,people_ln_from_" << cls << "_variant";
  c << ",receivers_recomputed,elements_recomputed,evaluation_seconds,method\n";
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const VariantComparison& v = variants[order[rank]];
    const VariantFigures& f = figures[order[rank]];
    c << rank + 1 << ',' << v.variant << ',' << fixed(v.cost, 2) << ',' << fixed(v.peopleRelieved, 1) << ','
      << (v.relievesNobody() ? "" : fixed(v.costPerPersonRelieved, 2)) << ',' << fixed(v.peopleRelievedNight, 1) << ','
      << fixed(v.dwellingsRelievedNight, 1) << ',' << fixed(v.peopleNewlyOverNight, 1) << ',' << fixed(v.peopleRelievedIndoor, 1) << ','
      << fixed(v.peopleIndoorOverBase, 1) << ',' << fixed(v.peopleIndoorOverVariant, 1) << ',' << fixed(v.peopleOverNightBase, 1) << ',' << fixed(v.peopleOverNightVariant, 1) << ','
      << fixed(v.peopleOverDayBase, 1) << ',' << fixed(v.peopleOverDayVariant, 1) << ',' << v.facadePointsImproved3dbLden << ','
      << v.facadePointsImproved3dbLn << ',' << v.facadePointsWorse << ',' << fixed(v.largestDropLden, 2) << ','
      << fixed(v.largestRiseLden, 2);
    for (int cls : classes) c << ',' << fixed(peopleFrom(v.peopleLnBase, cls), 1) << ',' << fixed(peopleFrom(v.peopleLnVariant, cls), 1);
    c << ',' << f.receiversRecomputed << ',' << f.elementsRecomputed << ',' << fixed(f.seconds, 3) << ',' << f.method << '\n';
  }
  csv.commit();

  AtomicFile md(dir / "compare.md");
  std::ostream& m = md.stream();
  m << "# " << scenario << ": variants against the base\n\n"
    << "Ranked by the cost per person relieved: people in buildings whose most exposed façade point is over the GB 3096 night "
       "limit in the base and under it in the variant, or whose indoor night level behind that point (windows closed) falls under "
       "the indoor target; variants that relieve nobody come last.\n\n"
    << "| rank | variant | cost | people relieved | cost per person | of whom outdoors / indoors | façade points −3 dB (Lden / Ln) | "
       "louder points | people over night limit (base → variant) | people over day limit | indoors over target | "
       "largest drop / rise, dB |\n"
    << "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const VariantComparison& v = variants[order[rank]];
    m << "| " << rank + 1 << " | " << v.variant << (v.description.empty() ? "" : " — " + v.description) << " | " << fixed(v.cost, 0)
      << " | " << fixed(v.peopleRelieved, 0) << " | " << (v.relievesNobody() ? "—" : fixed(v.costPerPersonRelieved, 0)) << " | "
      << fixed(v.peopleRelievedNight, 0) << " / " << fixed(v.peopleRelievedIndoor, 0) << " | " << v.facadePointsImproved3dbLden << " / " << v.facadePointsImproved3dbLn << " | " << v.facadePointsWorse << " | "
      << fixed(v.peopleOverNightBase, 0) << " → " << fixed(v.peopleOverNightVariant, 0) << " | " << fixed(v.peopleOverDayBase, 0)
      << " → " << fixed(v.peopleOverDayVariant, 0) << " | " << fixed(v.peopleIndoorOverBase, 0) << " → "
      << fixed(v.peopleIndoorOverVariant, 0) << " | " << fixed(v.largestDropLden, 1) << " / " << fixed(v.largestRiseLden, 1) << " |\n";
  }
  m << "\n## People per night-level class (Ln, GB 3096 22–06), at or above each class\n\n| variant |";
  for (int cls : classes) m << ' ' << (cls < 45 ? "all" : "≥ " + std::to_string(cls)) << " |";
  m << "\n|---|";
  for (std::size_t k = 0; k < classes.size(); ++k) m << "---|";
  m << '\n';
  if (!variants.empty()) {
    m << "| base |";
    for (int cls : classes) m << ' ' << fixed(peopleFrom(variants.front().peopleLnBase, cls), 0) << " |";
    m << '\n';
  }
  for (std::size_t i : order) {
    m << "| " << variants[i].variant << " |";
    for (int cls : classes) m << ' ' << fixed(peopleFrom(variants[i].peopleLnVariant, cls), 0) << " |";
    m << '\n';
  }
  m << "\n## How each variant was evaluated\n\n| variant | method | receivers recomputed | elements recomputed | seconds |\n|---|---|---|---|---|\n";
  for (std::size_t i = 0; i < variants.size(); ++i)
    m << "| " << variants[i].variant << " | " << figures[i].method << " | " << figures[i].receiversRecomputed << " | "
      << figures[i].elementsRecomputed << " | " << fixed(figures[i].seconds, 3) << " |\n";
  md.commit();
}

}  // namespace citynoise::io
