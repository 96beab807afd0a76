#include <citynoise/core/results.hpp>

namespace citynoise {

const char* toString(ReceiverKind k) {
  static const char* names[] = {"facade", "grid", "section", "volume", "point"};
  return names[static_cast<std::size_t>(k)];
}

const char* toString(Indicator i) {
  static const char* names[] = {"Lday", "Levening", "Lnight", "Lden", "Ld", "Ln"};
  return names[static_cast<std::size_t>(i)];
}

SourceClass ReceiverLevels::dominant(Indicator i) const {
  std::size_t best = 0;
  for (std::size_t c = 1; c < kSourceClasses; ++c)
    if (levels[c][i] > levels[best][i]) best = c;
  return static_cast<SourceClass>(best);
}

}  // namespace citynoise
