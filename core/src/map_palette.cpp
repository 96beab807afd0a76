#include <citynoise/core/map_palette.hpp>

#include <cmath>

namespace citynoise {

const char* scaleName(MapScale scale) {
  switch (scale) {
    case MapScale::Level: return "level";
    case MapScale::Difference: return "difference";
    case MapScale::Exceedance: return "exceedance";
  }
  return "level";
}

int MapPalette::classOf(MapScale scale, double value) const {
  if (std::isnan(value)) return -1;
  const auto& c = classes(scale);
  for (std::size_t i = 0; i < c.size(); ++i)
    if (value >= c[i].from && value < c[i].to) return static_cast<int>(i);
  return static_cast<int>(c.size()) - 1;
}

Rgb MapPalette::colour(MapScale scale, double value, Rgb nanColour) const {
  const int k = classOf(scale, value);
  return k < 0 ? nanColour : classes(scale)[static_cast<std::size_t>(k)].colour;
}

std::string paletteProblem(const std::vector<ColourClass>& c) {
  if (c.empty()) return "no classes";
  if (!(std::isinf(c.front().from) && c.front().from < 0)) return "the first class must start at -infinity (null)";
  if (!(std::isinf(c.back().to) && c.back().to > 0)) return "the last class must end at +infinity (null)";
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (!(c[i].from < c[i].to)) return "class " + std::to_string(i) + " does not end above its start";
    if (i > 0 && c[i].from != c[i - 1].to)
      return "class " + std::to_string(i) + " does not start where class " + std::to_string(i - 1) + " ends";
    if (c[i].label.empty()) return "class " + std::to_string(i) + " has no label";
  }
  return {};
}

}  // namespace citynoise
