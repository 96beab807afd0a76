#pragma once
// What the viewer colours by: the VTK array, its colour scale and the legend's title; and the
// difference arrays of compare mode.

#include <citynoise/core/map_palette.hpp>

#include <vtkDataSetAttributes.h>

#include <string>
#include <vector>

namespace citynoise::viewer {

struct IndicatorChoice {
  std::string array;  ///< "Lden", "LAeq_h07", "exceed_night", or "difference" in compare mode
  std::string source; ///< the array the difference is taken of (= array outside compare mode)
  MapScale scale = MapScale::Level;
  std::string title;  ///< the legend's title
};

/// Lden, Lday, Levening, Lnight, Ld, Ln, h00…h23 (LAeq of that hour), exceed_night, exceed_day.
/// Throws InputError("--indicator", value, …) listing the valid names.
IndicatorChoice parseIndicator(const std::string& name, bool compare);

/// The indicator names in the order the number keys cycle through.
const std::vector<std::string>& indicatorNames();

/// Adds (or replaces) the array "difference" = other − mine of `array`, matching the two by the
/// "receiver" id array; receivers missing in `other` get NaN. Returns the largest |difference|.
double addDifference(vtkDataSetAttributes* mine, vtkDataSetAttributes* other, const std::string& array);

}  // namespace citynoise::viewer
