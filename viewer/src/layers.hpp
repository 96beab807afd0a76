#pragma once
// The scene's layers as VTK actors: the city (terrain, buildings, walls, structures), the façade
// patches, the grids draped on the terrain, the sections, the volume (isosurfaces or a slice)
// and the sources. Coloured surfaces are drawn unlit, so their colours are the legend's.

#include "indicator.hpp"
#include "result.hpp"

#include <vtkActor.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <optional>
#include <vector>

namespace citynoise::viewer {

struct LayerOptions {
  std::vector<double> isoLevels;
  std::optional<double> sliceAltitude;
  int maxTerrainTriangles = 300000;
};

class Layers {
 public:
  Layers(const Result& result, const LayerOptions& options, const std::function<void(const std::string&)>& progress);

  void addTo(vtkRenderer* renderer);
  /// Colours every receiver layer by the indicator (layers without its array are hidden).
  void colourBy(const IndicatorChoice& indicator);

  /// Visibility toggles (keys).
  void toggle(const std::string& layer);
  /// The volume: isosurfaces, a slice at `altitude`, or hidden; moves the slice by `step`.
  void cycleVolume();
  /// Hides the volume until cycled back (close views, where translucent isosurfaces only veil).
  void hideVolume() { volumeMode_ = 2; }
  void moveSlice(double step);

  [[nodiscard]] vtkActor* patches() const { return patches_; }
  [[nodiscard]] const std::vector<vtkSmartPointer<vtkActor>>& pickable() const { return pickable_; }
  [[nodiscard]] double bounds(int i) const { return bounds_[i]; }
  [[nodiscard]] std::string status() const;

 private:
  void buildVolume(const IndicatorChoice& indicator);

  vtkSmartPointer<vtkActor> terrain_, buildings_, walls_, structures_, patches_, sections_, roads_, glyphs_;
  std::vector<vtkSmartPointer<vtkActor>> grids_, volumeActors_, pickable_;
  vtkSmartPointer<vtkImageData> volume_;
  vtkRenderer* renderer_ = nullptr;
  LayerOptions options_;
  double bounds_[6]{};
  int volumeMode_ = 0;  ///< 0 isosurfaces, 1 slice, 2 hidden
  double slice_ = 0.0;
  IndicatorChoice current_;
};

}  // namespace citynoise::viewer
