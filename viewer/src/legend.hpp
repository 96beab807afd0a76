#pragma once
// The map legend: one swatch per colour class with its label, and the title with the unit.

#include <citynoise/core/map_palette.hpp>

#include <vtkRenderer.h>

#include <string>

namespace citynoise::viewer {

/// Replaces the legend in `renderer` — an overlay renderer that holds nothing else; its props are
/// cleared — by the classes of `scale` under `title` (swatches at the right edge, in normalised
/// viewport coordinates).
void showLegend(vtkRenderer* renderer, MapScale scale, const std::string& title);

/// Where the legend's swatches are, as fractions of the viewport: [x0, x1] × [y0, y1] of class k
/// of n (k = 0 the lowest, drawn at the bottom). Tests read the colours there.
struct SwatchBox {
  double x0, x1, y0, y1;
};
SwatchBox swatchBox(int k, int n);

}  // namespace citynoise::viewer
