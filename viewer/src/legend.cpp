#include "legend.hpp"

#include <citynoise/io/data_files.hpp>

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkCoordinate.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>

namespace citynoise::viewer {
namespace {
constexpr double kX0 = 0.865, kX1 = 0.895, kTop = 0.86, kBottom = 0.30;
}  // namespace

SwatchBox swatchBox(int k, int n) {
  const double h = (kTop - kBottom) / n;
  return {kX0, kX1, kBottom + k * h + 0.1 * h, kBottom + (k + 1) * h - 0.1 * h};
}

void showLegend(vtkRenderer* renderer, MapScale scale, const std::string& title) {
  renderer->RemoveAllViewProps();  // the legend owns its overlay renderer

  const auto& classes = io::mapPalette().classes(scale);
  const int n = static_cast<int>(classes.size());
  vtkNew<vtkPoints> pts;
  vtkNew<vtkCellArray> quads;
  vtkNew<vtkUnsignedCharArray> colours;
  colours->SetNumberOfComponents(3);
  colours->SetName("colour");
  // A white panel behind the swatches and labels, then one quad per class.
  auto quad = [&](double x0, double y0, double x1, double y1, const Rgb& c) {
    const vtkIdType a = pts->InsertNextPoint(x0, y0, 0), b = pts->InsertNextPoint(x1, y0, 0), d = pts->InsertNextPoint(x1, y1, 0),
                    e = pts->InsertNextPoint(x0, y1, 0);
    const vtkIdType ids[4] = {a, b, d, e};
    quads->InsertNextCell(4, ids);
    colours->InsertNextTypedTuple(c.data());
  };
  quad(kX0 - 0.012, kBottom - 0.02, 0.995, kTop + 0.01, {255, 255, 255});
  for (int k = 0; k < n; ++k) {
    const SwatchBox b = swatchBox(k, n);
    quad(b.x0, b.y0, b.x1, b.y1, classes[static_cast<std::size_t>(k)].colour);
  }
  vtkNew<vtkPolyData> poly;
  poly->SetPoints(pts);
  poly->SetPolys(quads);
  poly->GetCellData()->SetScalars(colours);
  vtkNew<vtkCoordinate> normalised;
  normalised->SetCoordinateSystemToNormalizedViewport();
  vtkNew<vtkPolyDataMapper2D> mapper;
  mapper->SetInputData(poly);
  mapper->SetTransformCoordinate(normalised);
  mapper->SetColorModeToDirectScalars();
  mapper->SetScalarModeToUseCellData();
  vtkNew<vtkActor2D> swatches;
  swatches->SetMapper(mapper);
  renderer->AddActor2D(swatches);

  for (int k = 0; k < n; ++k) {
    const SwatchBox b = swatchBox(k, n);
    vtkNew<vtkTextActor> label;
    label->SetInput(classes[static_cast<std::size_t>(k)].label.c_str());
    label->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    label->SetPosition(b.x1 + 0.006, 0.5 * (b.y0 + b.y1) - 0.012);
    label->GetTextProperty()->SetFontSize(15);
    label->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
    renderer->AddActor2D(label);
  }
  vtkNew<vtkTextActor> heading;
  heading->SetInput(title.c_str());
  heading->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  heading->SetPosition(0.99, kTop + 0.025);
  heading->GetTextProperty()->SetJustificationToRight();
  heading->GetTextProperty()->SetFontSize(17);
  heading->GetTextProperty()->BoldOn();
  heading->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
  heading->GetTextProperty()->SetBackgroundColor(1, 1, 1);
  heading->GetTextProperty()->SetBackgroundOpacity(0.85);
  renderer->AddActor2D(heading);
}

}  // namespace citynoise::viewer
