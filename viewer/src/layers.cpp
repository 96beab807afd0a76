#include "layers.hpp"

#include <citynoise/core/surface_kind.hpp>
#include <citynoise/io/data_files.hpp>

#include <vtkAppendPolyData.h>
#include <vtkArrowSource.h>
#include <vtkCellData.h>
#include <vtkCellType.h>
#include <vtkContourFilter.h>
#include <vtkCutter.h>
#include <vtkExtractCellsByType.h>
#include <vtkFloatArray.h>
#include <vtkGeometryFilter.h>
#include <vtkGlyph3D.h>
#include <vtkImageData.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPlane.h>
#include <vtkPointData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkQuadricDecimation.h>
#include <vtkSphereSource.h>
#include <vtkThreshold.h>
#include <vtkTransform.h>
#include <vtkTransformPolyDataFilter.h>

#include <cmath>

namespace citynoise::viewer {
namespace {

/// A lookup table of the palette's classes at 0.1 dB resolution: the class colours exactly (class
/// edges on tenths of a dB), values beyond the finite edges clamped to the end classes, NaN light
/// grey.
vtkSmartPointer<vtkLookupTable> classTable(MapScale scale) {
  const MapPalette& palette = io::mapPalette();
  const auto& classes = palette.classes(scale);
  constexpr double step = 0.1;
  // One class beyond the outer finite edges on either side (a single-class palette: ±1 dB at 0).
  const double first = classes.size() > 1 ? classes.front().to : 0.0;
  const double last = classes.size() > 1 ? classes.back().from : 0.0;
  const double lo = first - 1.0, hi = last + 1.0;
  const int n = static_cast<int>(std::lround((hi - lo) / step));
  auto lut = vtkSmartPointer<vtkLookupTable>::New();
  lut->SetNumberOfTableValues(n);
  lut->SetTableRange(lo, hi);
  for (int i = 0; i < n; ++i) {
    const Rgb c = palette.colour(scale, lo + (i + 0.5) * step);
    lut->SetTableValue(i, c[0] / 255.0, c[1] / 255.0, c[2] / 255.0, 1.0);
  }
  lut->SetNanColor(0.8, 0.8, 0.8, 1.0);
  return lut;
}

vtkSmartPointer<vtkActor> actorOf(vtkPolyData* data, double r, double g, double b) {
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->SetInputData(data);
  mapper->ScalarVisibilityOff();
  auto actor = vtkSmartPointer<vtkActor>::New();
  actor->SetMapper(mapper);
  actor->GetProperty()->SetColor(r, g, b);
  return actor;
}

/// The cells of city.vtp whose kind lies in [lo, hi].
vtkSmartPointer<vtkPolyData> cityPart(vtkPolyData* city, SurfaceKind lo, SurfaceKind hi) {
  vtkNew<vtkThreshold> t;
  t->SetInputData(city);
  t->SetInputArrayToProcess(0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_CELLS, "kind");
  t->SetLowerThreshold(fileCode(lo) - 0.5);
  t->SetUpperThreshold(fileCode(hi) + 0.5);
  t->SetThresholdFunction(vtkThreshold::THRESHOLD_BETWEEN);
  vtkNew<vtkGeometryFilter> g;
  g->SetInputConnection(t->GetOutputPort());
  g->Update();
  return g->GetOutput();
}

/// Colours an actor's mapper by an array (cell or point data) through the class table; hides
/// the actor when its data lack the array.
bool colour(vtkActor* actor, const IndicatorChoice& ind, bool cells) {
  auto* mapper = vtkPolyDataMapper::SafeDownCast(actor->GetMapper());
  auto* data = vtkPolyData::SafeDownCast(mapper->GetInput());
  const bool has = data && (cells ? static_cast<vtkDataSetAttributes*>(data->GetCellData())
                                   : static_cast<vtkDataSetAttributes*>(data->GetPointData()))
                                 ->GetArray(ind.array.c_str());
  if (!has) return false;
  mapper->SetLookupTable(classTable(ind.scale));
  mapper->UseLookupTableScalarRangeOn();
  mapper->SetScalarMode(cells ? VTK_SCALAR_MODE_USE_CELL_FIELD_DATA : VTK_SCALAR_MODE_USE_POINT_FIELD_DATA);
  mapper->SelectColorArray(ind.array.c_str());
  mapper->SetColorModeToMapScalars();
  mapper->InterpolateScalarsBeforeMappingOn();  // crisp class boundaries across grid cells
  mapper->ScalarVisibilityOn();
  return true;
}

void unlit(vtkActor* a) {
  a->GetProperty()->LightingOff();
  a->GetProperty()->SetInterpolationToFlat();
}

/// Terrain, decimated beyond the size a laptop turns smoothly (level of detail).
vtkSmartPointer<vtkActor> terrainActor(vtkPolyData* city, vtkIdType maxTriangles,
                                       const std::function<void(const std::string&)>& progress) {
  vtkSmartPointer<vtkPolyData> terrain = cityPart(city, SurfaceKind::Terrain, SurfaceKind::Terrain);
  if (terrain->GetNumberOfCells() > maxTriangles) {
    vtkNew<vtkQuadricDecimation> d;
    d->SetInputData(terrain);
    d->SetTargetReduction(1.0 - static_cast<double>(maxTriangles) / terrain->GetNumberOfCells());
    d->Update();
    if (progress) progress("terrain decimated from " + std::to_string(terrain->GetNumberOfCells()) + " to " +
                           std::to_string(d->GetOutput()->GetNumberOfCells()) + " triangles");
    terrain = d->GetOutput();
  }
  auto actor = actorOf(terrain, 0.80, 0.80, 0.74);
  // The camera's headlight grazes flat ground seen from street level: ambient light keeps it from
  // turning black.
  actor->GetProperty()->SetAmbient(0.5);
  actor->GetProperty()->SetDiffuse(0.6);
  return actor;
}

/// A result layer drawn in its own colours, in front of coincident city surfaces.
vtkSmartPointer<vtkActor> resultActor(vtkPolyData* data) {
  auto a = actorOf(data, 1, 1, 1);
  unlit(a);
  a->GetMapper()->SetResolveCoincidentTopologyToPolygonOffset();
  return a;
}

/// Line sources (roads, rail): tubes coloured by their day emission.
vtkSmartPointer<vtkActor> lineSourceActor(vtkPolyData* sources) {
  vtkNew<vtkExtractCellsByType> lines;
  lines->SetInputData(sources);
  lines->AddCellType(VTK_LINE);
  lines->AddCellType(VTK_POLY_LINE);
  vtkNew<vtkGeometryFilter> lineGeometry;
  lineGeometry->SetInputConnection(lines->GetOutputPort());
  lineGeometry->Update();
  auto actor = actorOf(lineGeometry->GetOutput(), 0.2, 0.2, 0.2);
  auto* mapper = vtkPolyDataMapper::SafeDownCast(actor->GetMapper());
  vtkNew<vtkLookupTable> emission;
  emission->SetTableRange(50, 90);
  emission->SetHueRange(0.66, 0.0);  // blue (quiet) to red (loud)
  emission->Build();
  mapper->SetLookupTable(emission);
  mapper->SetScalarModeToUseCellFieldData();
  mapper->SelectColorArray("LwA_day");
  mapper->UseLookupTableScalarRangeOn();
  mapper->ScalarVisibilityOn();
  actor->GetProperty()->SetLineWidth(4);
  actor->GetProperty()->RenderLinesAsTubesOn();
  return actor;
}

/// Point sources: spheres for machines and shops, arrows along the aim for loudspeakers.
vtkSmartPointer<vtkActor> pointSourceActor(vtkPolyData* sources) {
  vtkNew<vtkPolyData> points, aimed;
  vtkNew<vtkPoints> pp, ap;
  vtkNew<vtkFloatArray> aims;
  aims->SetNumberOfComponents(3);
  aims->SetName("aim");
  vtkDataArray* aim = sources->GetCellData()->GetArray("aim");
  for (vtkIdType c = 0; c < sources->GetNumberOfCells(); ++c) {
    if (sources->GetCellType(c) != VTK_VERTEX) continue;
    double p[3];
    sources->GetPoint(sources->GetCell(c)->GetPointId(0), p);
    const double* a = aim ? aim->GetTuple3(c) : nullptr;
    const bool directional = a && (a[0] != 0 || a[1] != 0 || a[2] != 0);
    if (directional) ap->InsertNextPoint(p), aims->InsertNextTuple(a);
    else pp->InsertNextPoint(p);
  }
  points->SetPoints(pp);
  aimed->SetPoints(ap);
  aimed->GetPointData()->SetVectors(aims);
  vtkNew<vtkSphereSource> sphere;
  sphere->SetRadius(2.5);
  vtkNew<vtkGlyph3D> spheres;
  spheres->SetInputData(points);
  spheres->SetSourceConnection(sphere->GetOutputPort());
  vtkNew<vtkArrowSource> arrow;
  vtkNew<vtkGlyph3D> arrows;
  arrows->SetInputData(aimed);
  arrows->SetSourceConnection(arrow->GetOutputPort());
  arrows->SetVectorModeToUseVector();
  arrows->SetScaleModeToDataScalingOff();
  arrows->SetScaleFactor(15.0);
  vtkNew<vtkAppendPolyData> all;
  all->AddInputConnection(spheres->GetOutputPort());
  all->AddInputConnection(arrows->GetOutputPort());
  all->Update();
  return actorOf(all->GetOutput(), 0.55, 0.1, 0.75);
}

}  // namespace

Layers::Layers(const Result& r, const LayerOptions& options, const std::function<void(const std::string&)>& progress)
    : options_(options) {
  r.city->GetBounds(bounds_);
  terrain_ = terrainActor(r.city, options.maxTerrainTriangles, progress);
  buildings_ = actorOf(cityPart(r.city, SurfaceKind::Facade, SurfaceKind::Roof), 0.93, 0.92, 0.90);
  walls_ = actorOf(cityPart(r.city, SurfaceKind::Wall, SurfaceKind::Wall), 0.35, 0.35, 0.40);
  structures_ = actorOf(cityPart(r.city, SurfaceKind::Structure, SurfaceKind::Structure), 0.72, 0.70, 0.65);

  // Coloured patches sit 5 cm in front of the façades; keep them in front of them on screen too.
  patches_ = resultActor(r.patches);
  pickable_.push_back(patches_);
  for (const Grid& g : r.grids) {
    // Draped: moved down from their height above the terrain to 0.5 m over it by the actor, so
    // the actor shows the result's own arrays (a compare run adds its difference there).
    auto a = resultActor(g.data);
    a->SetPosition(0, 0, -(g.height - 0.5));
    grids_.push_back(a);
    pickable_.push_back(a);
  }
  if (r.sections) {
    sections_ = actorOf(r.sections, 1, 1, 1);
    unlit(sections_);
    pickable_.push_back(sections_);
  }
  volume_ = r.volume;
  if (volume_) {
    double b[6];
    volume_->GetBounds(b);
    slice_ = options.sliceAltitude.value_or(0.5 * (b[4] + b[5]));
    volumeMode_ = options.sliceAltitude ? 1 : 0;
  }
  if (r.sources) {
    roads_ = lineSourceActor(r.sources);
    glyphs_ = pointSourceActor(r.sources);
  }
}

void Layers::addTo(vtkRenderer* renderer) {
  renderer_ = renderer;
  for (vtkActor* a : {terrain_.Get(), buildings_.Get(), walls_.Get(), structures_.Get(), patches_.Get(), sections_.Get(), roads_.Get(), glyphs_.Get()})
    if (a) renderer->AddActor(a);
  for (const auto& g : grids_) renderer->AddActor(g);
}

void Layers::colourBy(const IndicatorChoice& ind) {
  current_ = ind;
  patches_->SetVisibility(colour(patches_, ind, true));
  for (const auto& g : grids_) g->SetVisibility(colour(g, ind, false));
  if (sections_) sections_->SetVisibility(colour(sections_, ind, false));
  buildVolume(ind);
}

void Layers::buildVolume(const IndicatorChoice& ind) {
  if (renderer_)
    for (const auto& a : volumeActors_) renderer_->RemoveActor(a);
  volumeActors_.clear();
  if (!volume_ || volumeMode_ == 2) return;
  vtkDataArray* values = volume_->GetPointData()->GetArray(ind.array.c_str());
  if (!values) return;  // the volume has the six indicators (and a difference), not hours or exceedances
  if (volumeMode_ == 0 && ind.scale == MapScale::Level) {
    // Isosurfaces: the volume's NaN (inside buildings, under the ground) counts as quiet, so the
    // surfaces close around buildings instead of leaving holes.
    vtkNew<vtkImageData> filled;
    filled->ShallowCopy(volume_);
    vtkNew<vtkFloatArray> f;
    f->SetName("filled");
    f->SetNumberOfTuples(values->GetNumberOfTuples());
    for (vtkIdType k = 0; k < values->GetNumberOfTuples(); ++k) {
      const double v = values->GetComponent(k, 0);
      f->SetValue(k, std::isfinite(v) ? static_cast<float>(v) : -100.0f);
    }
    filled->GetPointData()->AddArray(f);
    filled->GetPointData()->SetActiveScalars("filled");
    for (double level : options_.isoLevels) {
      vtkNew<vtkContourFilter> contour;
      contour->SetInputData(filled);
      contour->SetValue(0, level);
      contour->Update();
      const Rgb c = io::mapPalette().colour(MapScale::Level, level + 0.01);
      auto a = actorOf(contour->GetOutput(), c[0] / 255.0, c[1] / 255.0, c[2] / 255.0);
      a->GetProperty()->SetOpacity(0.35);
      volumeActors_.push_back(a);
    }
  } else {
    vtkNew<vtkPlane> plane;
    double b[6];
    volume_->GetBounds(b);
    plane->SetOrigin(0.5 * (b[0] + b[1]), 0.5 * (b[2] + b[3]), slice_);
    plane->SetNormal(0, 0, 1);
    vtkNew<vtkCutter> cut;
    cut->SetInputData(volume_);
    cut->SetCutFunction(plane);
    cut->Update();
    auto a = actorOf(cut->GetOutput(), 1, 1, 1);
    unlit(a);
    colour(a, ind, false);
    a->GetProperty()->SetOpacity(0.85);
    volumeActors_.push_back(a);
  }
  if (renderer_)
    for (const auto& a : volumeActors_) renderer_->AddActor(a);
}

void Layers::toggle(const std::string& layer) {
  auto flip = [](vtkActor* a) {
    if (a) a->SetVisibility(!a->GetVisibility());
  };
  if (layer == "buildings") flip(buildings_), flip(walls_), flip(structures_);
  if (layer == "facades") flip(patches_);
  if (layer == "grids")
    for (const auto& g : grids_) flip(g);
  if (layer == "sections") flip(sections_);
  if (layer == "sources") flip(roads_), flip(glyphs_);
  if (layer == "terrain") flip(terrain_);
}

void Layers::cycleVolume() {
  volumeMode_ = (volumeMode_ + 1) % 3;
  buildVolume(current_);
}

void Layers::moveSlice(double step) {
  if (!volume_) return;
  double b[6];
  volume_->GetBounds(b);
  slice_ = std::clamp(slice_ + step, b[4], b[5]);
  if (volumeMode_ == 1) buildVolume(current_);
}

std::string Layers::status() const {
  if (!volume_) return "no volume";
  char buf[96];
  if (volumeMode_ == 0) return "volume: isosurfaces";
  if (volumeMode_ == 1) return std::snprintf(buf, sizeof buf, "volume: slice at %.0f m", slice_), buf;
  return "volume: hidden";
}

}  // namespace citynoise::viewer
