// summary.csv and summary.md: the district assessment and the run's figures.
#include <citynoise/io/atomic_file.hpp>
#include <citynoise/io/run_outputs.hpp>

#include "text_format.hpp"

#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

namespace citynoise::io {
namespace {

constexpr Indicator kReported[] = {Lden, Lnight, LdCn, LnCn};

}  // namespace

void writeSummary(const std::filesystem::path& dir, const RunData& run) {
  const DistrictSummary& s = run.summary;
  std::size_t facades = 0;
  for (const Receiver& r : run.receivers.receivers) facades += r.kind == ReceiverKind::Facade;

  AtomicFile csv(dir / "summary.csv");
  std::ostream& c = csv.stream();
  c << "table,key,class,Lden,Lnight,Ld,Ln\n";
  for (const auto& [name, table] : {std::pair{"facade_points", &s.facadePoints}, std::pair{"buildings", &s.buildingCount}, std::pair{"people", &s.people}})
    for (const auto& [cls, counts] : *table) {
      c << name << ",count," << fiveDbClassLabel(cls);
      for (Indicator i : kReported) c << ',' << fixed(counts[i], 0);
      c << '\n';
    }
  for (const auto& [zone, z] : s.zoneExceedances)
    c << "zone_exceedance," << zone << ",points/over_day/over_night," << z[0] << ',' << z[1] << ',' << z[2] << ",\n";
  c << "run,receivers,," << run.receivers.receivers.size() << ",,,\n";
  c << "run,facade_receivers,," << facades << ",,,\n";
  c << "run,paths,," << run.figures.paths << ",,,\n";
  c << "run,compute_seconds,," << fixed(run.figures.computeSeconds, 2) << ",,,\n";
  c << "run,threads,," << run.figures.threads << ",,,\n";
  c << "run,pieces,," << run.figures.pieces << ",,,\n";
  c << "run,peak_memory_mb,," << fixed(run.figures.peakMemoryMb, 0) << ",,,\n";
  csv.commit();

  AtomicFile md(dir / "summary.md");
  std::ostream& m = md.stream();
  m << "# " << run.scenario.name << (run.scenario.variant.empty() ? "" : " / variant " + run.scenario.variant) << " — noise map summary\n\n";
  if (!run.scenario.variantDescription.empty()) m << run.scenario.variantDescription << "\n\n";
  m << "Method: CNOSSOS-EU (Directive 2015/996 Annex II, 2021/1226); assessment against GB 3096-2008 "
       "(day 06–22, night 22–06). Levels are A-weighted, dB.\n\n";
  m << "## Exposure per 5 dB class\n\n";
  for (const auto& [title, table] : {std::pair{"Façade points", &s.facadePoints}, std::pair{"Buildings (most exposed façade)", &s.buildingCount},
                                     std::pair{"People (population of those buildings)", &s.people}}) {
    m << "### " << title << "\n\n| class | Lden | Lnight | Ld (06–22) | Ln (22–06) |\n|---|---|---|---|---|\n";
    for (const auto& [cls, counts] : *table) {
      m << "| " << fiveDbClassLabel(cls);
      for (Indicator i : kReported) m << " | " << fixed(counts[i], 0);
      m << " |\n";
    }
    m << '\n';
  }
  m << "## GB 3096 limits at façades, by zone class\n\n| zone | façade points | over the day limit | over the night limit |\n|---|---|---|---|\n";
  for (const auto& [zone, z] : s.zoneExceedances) m << "| " << zone << " | " << z[0] << " | " << z[1] << " | " << z[2] << " |\n";
  m << "\n## Sensitive buildings over a limit\n\n";
  if (s.sensitiveOverLimit.empty()) m << "None.\n";
  std::map<std::string, int> byUse;
  for (int b : s.sensitiveOverLimit) ++byUse[run.buildings[static_cast<std::size_t>(b)].use];
  if (!byUse.empty()) {
    m << s.sensitiveOverLimit.size() << " buildings:";
    for (const auto& [use, n] : byUse) m << ' ' << (use.empty() ? "sensitive" : use) << ' ' << n << ';';
    m << " the most exceeded:\n\n| building | use | zone | Ld | day limit | Ln | night limit | floors over the night limit |\n"
         "|---|---|---|---|---|---|---|---|\n";
  }
  constexpr std::size_t kListed = 25;
  for (std::size_t k = 0; k < std::min(kListed, s.sensitiveOverLimit.size()); ++k) {
    const int b = s.sensitiveOverLimit[k];
    const Building& bd = run.buildings[static_cast<std::size_t>(b)];
    for (const BuildingAssessment& a : s.buildings) {
      if (a.building != b) continue;
      m << "| " << bd.id << " | " << (bd.use.empty() ? "sensitive" : bd.use) << " | " << a.worst.zone << " | " << fixed(a.maxLevel[LdCn])
        << " | " << fixed(a.worst.dayLimit, 0) << " | " << fixed(a.maxLevel[LnCn]) << " | " << fixed(a.worst.nightLimit, 0) << " | "
        << a.floorsOverNightLimit << " |\n";
    }
  }
  if (s.sensitiveOverLimit.size() > kListed) m << "\n… and " << s.sensitiveOverLimit.size() - kListed << " more (buildings layer of the GeoPackage).\n";
  m << "\n## Hot spots (the loudest façade point of the loudest buildings, Lden)\n\n| receiver | building | floor | Lden | Ln (22–06) | dominant source |\n|---|---|---|---|---|---|\n";
  for (std::size_t k : s.hotSpots) {
    const Receiver& r = run.receivers.receivers[k];
    const ReceiverLevels& l = run.levels[k];
    m << "| " << r.id << " | " << run.buildings[static_cast<std::size_t>(r.building)].id << " | " << r.floor << " | "
      << fixed(l.total(Lden)) << " | " << fixed(l.total(LnCn)) << " | " << toString(l.dominant(Lden)) << " |\n";
  }
  const RunFigures& f = run.figures;
  m << "\n## Run\n\n| figure | value |\n|---|---|\n";
  m << "| receivers | " << run.receivers.receivers.size() << " (" << facades << " on façades; " << f.droppedReceivers
    << " dropped inside buildings or under the terrain) |\n";
  m << "| source objects | " << run.scenario.sources.size() << " |\n";
  m << "| point sources × receivers | " << f.pieces << " |\n| propagation paths | " << f.paths << " |\n";
  m << "| threads | " << f.threads << " |\n";
  m << "| time: load / scene / receivers / compute / write | " << fixed(f.loadSeconds, 2) << " / " << fixed(f.sceneSeconds, 2) << " / "
    << fixed(f.receiverSeconds, 2) << " / " << fixed(f.computeSeconds, 2) << " / " << fixed(f.writeSeconds, 2) << " s |\n";
  if (!run.receivers.receivers.empty())
    m << "| compute time per receiver per thread | " << fixed(1000.0 * f.computeSeconds * f.threads / run.receivers.receivers.size(), 2) << " ms |\n";
  m << "| peak memory | " << fixed(f.peakMemoryMb, 0) << " MB |\n";
  md.commit();
}

}  // namespace citynoise::io
