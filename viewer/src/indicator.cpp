#include "indicator.hpp"

#include <citynoise/core/error.hpp>

#include <vtkFloatArray.h>
#include <vtkStringArray.h>

#include <cmath>
#include <unordered_map>

namespace citynoise::viewer {

const std::vector<std::string>& indicatorNames() {
  static const std::vector<std::string> names{"Lden", "Lday", "Levening", "Lnight", "Ld", "Ln", "exceed_night", "exceed_day"};
  return names;
}

IndicatorChoice parseIndicator(const std::string& name, bool compare) {
  IndicatorChoice c;
  static const std::unordered_map<std::string, std::string> titles{
      {"Lden", "Lden (EU day-evening-night)"}, {"Lday", "Lday 07–19 (EU)"},  {"Levening", "Levening 19–23 (EU)"},
      {"Lnight", "Lnight 23–07 (EU)"},         {"Ld", "Ld 06–22 (GB 3096)"}, {"Ln", "Ln 22–06 (GB 3096)"}};
  if (const auto it = titles.find(name); it != titles.end()) {
    c.array = name, c.title = it->second + ", dB(A)";
  } else if (name.size() == 3 && name[0] == 'h' && std::isdigit(static_cast<unsigned char>(name[1])) &&
             std::isdigit(static_cast<unsigned char>(name[2])) && std::stoi(name.substr(1)) < 24) {
    const int h = std::stoi(name.substr(1));
    char buf[64];
    std::snprintf(buf, sizeof buf, "LAeq %02d:00–%02d:00, dB(A)", h, (h + 1) % 24);
    c.array = "LAeq_h" + name.substr(1), c.title = buf;
  } else if (name == "exceed_night" || name == "exceed_day") {
    c.array = name;
    c.scale = MapScale::Exceedance;
    c.title = name == "exceed_night" ? "Ln over the zone's night limit, dB" : "Ld over the zone's day limit, dB";
  } else {
    throw InputError("--indicator", name,
                     "unknown indicator: one of Lden, Lday, Levening, Lnight, Ld, Ln, h00 … h23 (an hour), exceed_night, exceed_day");
  }
  c.source = c.array;
  if (compare) {
    c.array = "difference";
    c.scale = MapScale::Difference;
    c.title = "difference in " + c.source + ", dB (compared − base)";
  }
  return c;
}

double addDifference(vtkDataSetAttributes* mine, vtkDataSetAttributes* other, const std::string& array) {
  auto* ids = vtkStringArray::SafeDownCast(mine->GetAbstractArray("receiver"));
  auto* otherIds = vtkStringArray::SafeDownCast(other->GetAbstractArray("receiver"));
  vtkDataArray* a = mine->GetArray(array.c_str());
  vtkDataArray* b = other->GetArray(array.c_str());
  vtkNew<vtkFloatArray> diff;
  diff->SetName("difference");
  const vtkIdType n = ids ? ids->GetNumberOfValues() : 0;
  diff->SetNumberOfTuples(a ? a->GetNumberOfTuples() : 0);
  diff->Fill(NAN);
  double largest = 0.0;
  if (ids && otherIds && a && b) {
    std::unordered_map<std::string, vtkIdType> index;
    for (vtkIdType k = 0; k < otherIds->GetNumberOfValues(); ++k) index.emplace(otherIds->GetValue(k), k);
    for (vtkIdType k = 0; k < n; ++k) {
      const auto it = index.find(ids->GetValue(k));
      if (it == index.end()) continue;
      const double d = b->GetComponent(it->second, 0) - a->GetComponent(k, 0);
      diff->SetValue(k, static_cast<float>(d));
      if (std::isfinite(d)) largest = std::max(largest, std::abs(d));
    }
  }
  mine->RemoveArray("difference");
  mine->AddArray(diff);
  return largest;
}

}  // namespace citynoise::viewer
