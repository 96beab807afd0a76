#include <citynoise/io/emission_csv.hpp>

#include <citynoise/core/decibel.hpp>
#include <citynoise/io/atomic_file.hpp>

#include "text_format.hpp"

#include <cmath>
#include <iomanip>

namespace citynoise::io {
namespace {

void writeLevel(std::ostream& o, double v) {
  if (std::isfinite(v)) o << std::fixed << std::setprecision(2) << v;
  // silence: an empty cell
}

}  // namespace

void writeEmissionCsv(const std::vector<SourceObject>& sources, const std::filesystem::path& file) {
  AtomicFile out(file);
  std::ostream& o = out.stream();
  o << "id,class,kind,period,quantity,unit";
  for (double f : kNominalFrequencies) o << ",Lw_" << f;
  o << ",LwA\n";
  const Period periods[] = {kEuDay, kEuEvening, kEuNight, kChinaDay, kChinaNight};
  for (const SourceObject& s : sources) {
    const SourceShape shape = reportedShape(s);
    const char* quantity = shape == SourceShape::Line ? "LW'" : shape == SourceShape::Area ? "LW''" : "LW";
    const char* unit = shape == SourceShape::Line ? "dB/m" : shape == SourceShape::Area ? "dB/m2" : "dB";
    auto row = [&](const char* period, const BandArray& lw) {
      o << csvField(s.id) << ',' << toString(s.sourceClass) << ',' << csvField(s.kind) << ',' << period << ',' << quantity << ',' << unit;
      for (double v : lw) o << ',', writeLevel(o, v);
      o << ',';
      writeLevel(o, totalLevel(aWeighted(lw)));
      o << '\n';
    };
    for (const Period& p : periods) row(p.name, periodEmission(s, p));
    if (s.nightMaxPower) {
      o << csvField(s.id) << ',' << toString(s.sourceClass) << ',' << csvField(s.kind) << ",night_max,LWmax,dB";
      for (double v : *s.nightMaxPower) o << ',', writeLevel(o, v);
      o << ',';
      writeLevel(o, totalLevel(aWeighted(*s.nightMaxPower)));
      o << '\n';
    }
  }
  out.commit();
}

}  // namespace citynoise::io
