#include <citynoise/core/map_palette.hpp>

#include <cmath>
#include <limits>

namespace citynoise {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<ColourClass> levelClasses() {
  return {
      {-kInf, 45, {200, 230, 200}, "< 45"},  {45, 50, {110, 190, 110}, "45–50"}, {50, 55, {0, 130, 60}, "50–55"},
      {55, 60, {255, 240, 60}, "55–60"},     {60, 65, {255, 180, 40}, "60–65"},  {65, 70, {240, 80, 30}, "65–70"},
      {70, 75, {200, 0, 40}, "70–75"},       {75, 80, {150, 0, 110}, "75–80"},   {80, kInf, {70, 40, 160}, "≥ 80"},
  };
}

std::vector<ColourClass> differenceClasses() {
  // 1 dB classes centred on whole dB: [−0.5, 0.5) is "unchanged".
  const Rgb colours[11] = {{5, 48, 97},     {33, 102, 172},   {67, 147, 195},   {146, 197, 222}, {209, 229, 240}, {247, 247, 247},
                           {253, 219, 199}, {244, 165, 130},  {214, 96, 77},    {178, 24, 43},   {103, 0, 31}};
  std::vector<ColourClass> out;
  for (int k = -5; k <= 5; ++k) {
    const double from = k == -5 ? -kInf : k - 0.5, to = k == 5 ? kInf : k + 0.5;
    std::string label = k == -5 ? "≤ −5" : k == 5 ? "≥ +5" : k == 0 ? "0" : (k > 0 ? "+" : "−") + std::to_string(std::abs(k));
    out.push_back({from, to, colours[k + 5], label});
  }
  return out;
}

std::vector<ColourClass> exceedanceClasses() {
  return {{-kInf, 0, {110, 190, 110}, "under the limit"}, {0, 3, {255, 240, 60}, "0–3"}, {3, 6, {255, 180, 40}, "3–6"},
          {6, 10, {240, 80, 30}, "6–10"},                  {10, 15, {200, 0, 40}, "10–15"}, {15, kInf, {150, 0, 110}, "≥ 15"}};
}

}  // namespace

const std::vector<ColourClass>& mapClasses(MapScale scale) {
  static const std::vector<ColourClass> level = levelClasses(), difference = differenceClasses(), exceedance = exceedanceClasses();
  switch (scale) {
    case MapScale::Level: return level;
    case MapScale::Difference: return difference;
    case MapScale::Exceedance: return exceedance;
  }
  return level;
}

int mapClassOf(MapScale scale, double value) {
  if (std::isnan(value)) return -1;
  const auto& c = mapClasses(scale);
  for (std::size_t i = 0; i < c.size(); ++i)
    if (value >= c[i].from && value < c[i].to) return static_cast<int>(i);
  return static_cast<int>(c.size()) - 1;
}

Rgb mapColour(MapScale scale, double value, Rgb nanColour) {
  const int k = mapClassOf(scale, value);
  return k < 0 ? nanColour : mapClasses(scale)[static_cast<std::size_t>(k)].colour;
}

}  // namespace citynoise
