#include <citynoise/viewer/viewer.hpp>

#include "camera.hpp"
#include "indicator.hpp"
#include "layers.hpp"
#include "legend.hpp"
#include "result.hpp"

#include <citynoise/core/assessment.hpp>
#include <citynoise/core/error.hpp>
#include <citynoise/core/sources.hpp>

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCellData.h>
#include <vtkCellPicker.h>
#include <vtkFloatArray.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkNew.h>
#include <vtkObjectFactory.h>
#include <vtkPNGWriter.h>
#include <vtkPointData.h>
#include <vtkPolyDataMapper.h>
#include <vtkRenderWindow.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkRenderer.h>
#include <vtkStringArray.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkWindowToImageFilter.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>
#include <unistd.h>

namespace citynoise::viewer {
namespace {

const char* kHelp =
    "keys\n"
    "  1-6   Lden Lday Levening Lnight Ld Ln\n"
    "  7 8   over the night / day limit\n"
    "  [ ]   previous / next hour (LAeq)\n"
    "  v     volume: isosurfaces, slice, off\n"
    "  Up Down  move the slice (10 m)\n"
    "  b f g s o t  buildings facades grids\n"
    "        sections sources terrain\n"
    "  c     next camera, r overview\n"
    "  x     screenshot, h help, q quit\n"
    "  click a facade or grid: its levels";

class View;

class Style : public vtkInteractorStyleTrackballCamera {
 public:
  static Style* New();
  vtkTypeMacro(Style, vtkInteractorStyleTrackballCamera)
  View* view = nullptr;
  void OnLeftButtonDown() override;
  void OnLeftButtonUp() override;
  void OnChar() override;
  void OnKeyPress() override;

 private:
  int press_[2]{};
};
vtkStandardNewMacro(Style)

std::string fixed(double v, int digits = 1) {
  if (!std::isfinite(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

class View {
 public:
  View(const ViewerOptions& o, Result base, std::optional<Result> other, const IndicatorChoice& indicator)
      : options_(o), base_(std::move(base)), other_(std::move(other)),
        layers_(base_, {o.isoLevels, o.sliceAltitude, o.maxTerrainTriangles}, progress(o)) {
    base_.city->GetBounds(bounds_);
    // A blue-grey sky, unlike any map class (the "no difference" class is near white).
    renderer_->SetBackground(0.70, 0.77, 0.86);
    renderer_->SetBackground2(0.86, 0.90, 0.95);
    renderer_->GradientBackgroundOn();
    window_->SetNumberOfLayers(2);
    window_->AddRenderer(renderer_);
    legend_->SetLayer(1);  // drawn over the scene, never picked or moved by the camera
    legend_->InteractiveOff();
    window_->AddRenderer(legend_);
    window_->SetSize(o.width, o.height);
    window_->SetWindowName("citynoise-view");
    layers_.addTo(renderer_);
    for (vtkTextActor* t : {title_.Get(), info_.Get(), help_.Get()}) {
      t->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
      t->GetTextProperty()->SetBackgroundColor(1, 1, 1);
      t->GetTextProperty()->SetBackgroundOpacity(0.8);
      renderer_->AddActor2D(t);
    }
    title_->GetTextProperty()->SetFontSize(20);
    title_->GetTextProperty()->BoldOn();
    title_->SetDisplayPosition(12, o.height - 36);
    info_->GetTextProperty()->SetFontSize(15);
    info_->SetDisplayPosition(12, 12);
    help_->GetTextProperty()->SetFontSize(14);
    help_->GetTextProperty()->SetFontFamilyToCourier();
    help_->SetInput(kHelp);
    help_->SetDisplayPosition(12, 60);
    help_->SetVisibility(o.screenshot.empty());
    if (o.camera.rfind("facade:", 0) == 0 && !o.sliceAltitude) layers_.hideVolume();
    setIndicator(indicator);
    applyCamera(renderer_->GetActiveCamera(), o.camera, boundsOf(), base_.patches);
    renderer_->ResetCameraClippingRange();
  }

  void setIndicator(const IndicatorChoice& ind) {
    indicator_ = ind;
    if (other_) {
      double largest = addDifference(base_.patches->GetCellData(), other_->patches->GetCellData(), ind.source);
      for (std::size_t g = 0; g < base_.grids.size() && g < other_->grids.size(); ++g)
        largest = std::max(largest, addDifference(base_.grids[g].data->GetPointData(), other_->grids[g].data->GetPointData(), ind.source));
      if (base_.sections && other_->sections)
        largest = std::max(largest, addDifference(base_.sections->GetPointData(), other_->sections->GetPointData(), ind.source));
      largest = std::max(largest, volumeDifference(ind.source));
      if (!options_.quiet) std::cerr << "citynoise-view: largest |difference| in " << ind.source << ": " << fixed(largest, 2) << " dB\n";
      largestDifference_ = largest;
    }
    layers_.colourBy(ind);
    showLegend(legend_, ind.scale, ind.title);
    std::string t = base_.scenario + " — " + (other_ ? other_->scenario + " − " + base_.scenario + ", " + ind.source : ind.source);
    title_->SetInput(t.c_str());
    info_->SetInput((layers_.status() + (other_ ? ", largest |difference| " + fixed(largestDifference_, 2) + " dB" : std::string())).c_str());
  }

  int screenshot(const std::filesystem::path& file) {
    window_->SetOffScreenRendering(1);
    window_->Render();
    if (!options_.probe.empty()) probe(options_.probe);
    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(window_);
    grab->ReadFrontBufferOff();
    grab->Update();
    const std::filesystem::path tmp = file.parent_path() / ("." + file.filename().string() + ".tmp" + std::to_string(::getpid()));
    vtkNew<vtkPNGWriter> png;
    png->SetFileName(tmp.c_str());
    png->SetInputConnection(grab->GetOutputPort());
    png->Write();
    std::error_code ec;
    std::filesystem::rename(tmp, file, ec);
    if (ec) {
      std::filesystem::remove(tmp, ec);
      throw std::runtime_error("cannot write " + file.string());
    }
    if (!options_.quiet) std::cerr << "citynoise-view: wrote " << file.string() << '\n';
    return 0;
  }

  int interact() {
    vtkNew<vtkRenderWindowInteractor> interactor;
    vtkNew<Style> style;
    style->view = this;
    interactor->SetInteractorStyle(style);
    interactor->SetRenderWindow(window_);
    picker_->SetTolerance(0.002);
    picker_->PickFromListOn();
    for (const auto& a : layers_.pickable()) picker_->AddPickList(a);
    interactor->SetPicker(picker_);
    window_->Render();
    interactor->Start();
    return 0;
  }

  void key(const std::string& k) {
    const auto& names = indicatorNames();
    if (k.size() == 1 && k[0] >= '1' && k[0] <= '8') setIndicator(parseIndicator(names[static_cast<std::size_t>(k[0] - '1')], other_.has_value()));
    else if (k == "[" || k == "]") {
      hour_ = (hour_ + (k == "]" ? 1 : 23)) % 24;
      char h[8];
      std::snprintf(h, sizeof h, "h%02d", hour_);
      setIndicator(parseIndicator(h, other_.has_value()));
    } else if (k == "v") layers_.cycleVolume(), setIndicator(indicator_);
    else if (k == "Up" || k == "Down") layers_.moveSlice(k == "Up" ? 10.0 : -10.0), setIndicator(indicator_);
    else if (k == "b") layers_.toggle("buildings");
    else if (k == "f") layers_.toggle("facades");
    else if (k == "g") layers_.toggle("grids");
    else if (k == "s") layers_.toggle("sections");
    else if (k == "o") layers_.toggle("sources");
    else if (k == "t") layers_.toggle("terrain");
    else if (k == "h") help_->SetVisibility(!help_->GetVisibility());
    else if (k == "c" || k == "r") {
      const auto& presets = cameraPresets();
      preset_ = k == "r" ? 0 : (preset_ + 1) % presets.size();
      applyCamera(renderer_->GetActiveCamera(), presets[preset_], boundsOf(), base_.patches);
      renderer_->ResetCameraClippingRange();
    } else if (k == "x") {
      const std::string name = "citynoise-view-" + std::to_string(++shots_) + ".png";
      vtkNew<vtkWindowToImageFilter> grab;
      grab->SetInput(window_);
      vtkNew<vtkPNGWriter> png;
      png->SetFileName(name.c_str());
      png->SetInputConnection(grab->GetOutputPort());
      png->Write();
      info_->SetInput(("saved " + name).c_str());
    } else {
      return;
    }
    window_->Render();
  }

  void pick(int x, int y) {
    if (!picker_->Pick(x, y, 0, renderer_)) return;
    vtkActor* actor = picker_->GetActor();
    auto* data = actor ? vtkPolyData::SafeDownCast(actor->GetMapper()->GetInput()) : nullptr;
    if (!data) return;
    const bool cells = actor == layers_.patches();
    const vtkIdType id = cells ? picker_->GetCellId() : picker_->GetPointId();
    if (id < 0) return;
    info_->SetInput(describe(cells ? static_cast<vtkDataSetAttributes*>(data->GetCellData()) : data->GetPointData(), id).c_str());
    window_->Render();
  }

 private:
  static std::function<void(const std::string&)> progress(const ViewerOptions& o) {
    if (o.quiet) return {};
    return [](const std::string& s) { std::cerr << "citynoise-view: " << s << '\n'; };
  }

  const double* boundsOf() { return bounds_; }

  double volumeDifference(const std::string& array) {
    if (!base_.volume || !other_->volume) return 0.0;
    vtkDataArray* a = base_.volume->GetPointData()->GetArray(array.c_str());
    vtkDataArray* b = other_->volume->GetPointData()->GetArray(array.c_str());
    if (!a || !b || a->GetNumberOfTuples() != b->GetNumberOfTuples()) return 0.0;
    vtkNew<vtkFloatArray> d;
    d->SetName("difference");
    d->SetNumberOfTuples(a->GetNumberOfTuples());
    double largest = 0.0;
    for (vtkIdType k = 0; k < a->GetNumberOfTuples(); ++k) {
      const double v = b->GetComponent(k, 0) - a->GetComponent(k, 0);
      d->SetValue(k, static_cast<float>(v));
      if (std::isfinite(v)) largest = std::max(largest, std::abs(v));
    }
    base_.volume->GetPointData()->RemoveArray("difference");
    base_.volume->GetPointData()->AddArray(d);
    return largest;
  }

  /// The text for a picked receiver: id, building and floor, levels, zone limits, dominant class.
  std::string describe(vtkDataSetAttributes* d, vtkIdType k) {
    std::ostringstream o;
    auto value = [&](const char* name) {
      vtkDataArray* a = d->GetArray(name);
      return a ? a->GetComponent(k, 0) : NAN;
    };
    auto text = [&](const char* name) {
      auto* a = vtkStringArray::SafeDownCast(d->GetAbstractArray(name));
      return a ? a->GetValue(k) : std::string();
    };
    o << text("receiver");
    if (d->GetArray("floor")) o << "  building " << text("building_id") << ", floor " << static_cast<int>(value("floor")) << " (0 = ground)";
    o << "\n";
    for (const char* n : {"Lden", "Lday", "Levening", "Lnight", "Ld", "Ln"}) o << n << " " << fixed(value(n)) << "  ";
    o << "dB(A)";
    if (indicator_.array == "difference") o << "\ndifference in " << indicator_.source << ": " << fixed(value("difference"), 2) << " dB";
    const std::string zone = text("zone");
    if (const ZoneLimit* z = findZoneLimit(zone))
      o << "\nGB 3096 zone " << zone << ": limits " << z->day << " day / " << z->night << " night; over by " << fixed(value("exceed_day"))
        << " (Ld) / " << fixed(value("exceed_night")) << " (Ln) dB";
    const double dominant = value("dominant_class");
    if (std::isfinite(dominant)) o << "\ndominant source: " << toString(static_cast<SourceClass>(static_cast<int>(dominant)));
    return o.str();
  }

  void probe(const std::string& receiver) {
    const vtkIdType cell = patchOf(base_.patches, receiver);
    if (cell < 0) throw InputError("--probe", receiver, "no façade receiver with this id in the result");
    double b[6];
    base_.patches->GetCell(cell)->GetBounds(b);
    renderer_->SetWorldPoint(0.5 * (b[0] + b[1]), 0.5 * (b[2] + b[3]), 0.5 * (b[4] + b[5]), 1.0);
    renderer_->WorldToDisplay();
    double p[3];
    renderer_->GetDisplayPoint(p);
    const int x = static_cast<int>(std::lround(p[0])), y = static_cast<int>(std::lround(p[1]));
    const bool inside = x >= 0 && y >= 0 && x < options_.width && y < options_.height;
    const bool visible = inside && renderer_->GetZ(x, y) >= p[2] - 2e-3;
    vtkDataArray* a = base_.patches->GetCellData()->GetArray(indicator_.array.c_str());
    std::cout << "probe " << receiver << " pixel " << x << ' ' << options_.height - 1 - y << " value "
              << fixed(a ? a->GetComponent(cell, 0) : NAN, 3) << " visible " << (visible ? "yes" : "no") << '\n';
  }

  ViewerOptions options_;
  Result base_;
  std::optional<Result> other_;
  Layers layers_;
  vtkNew<vtkRenderer> renderer_, legend_;
  vtkNew<vtkRenderWindow> window_;
  vtkNew<vtkTextActor> title_, info_, help_;
  vtkNew<vtkCellPicker> picker_;
  IndicatorChoice indicator_;
  double largestDifference_ = 0.0;
  double bounds_[6]{};
  int hour_ = 7, shots_ = 0;
  std::size_t preset_ = 0;
};

void Style::OnLeftButtonDown() {
  Interactor->GetEventPosition(press_);
  vtkInteractorStyleTrackballCamera::OnLeftButtonDown();
}

void Style::OnLeftButtonUp() {
  vtkInteractorStyleTrackballCamera::OnLeftButtonUp();
  int* p = Interactor->GetEventPosition();
  if (std::abs(p[0] - press_[0]) + std::abs(p[1] - press_[1]) < 4) view->pick(p[0], p[1]);
}

void Style::OnChar() {
  const char c = Interactor->GetKeyCode();
  if (c == 'q') {
    Interactor->TerminateApp();
    return;
  }
  if (c) view->key(std::string(1, c));
}

void Style::OnKeyPress() {
  const std::string sym = Interactor->GetKeySym() ? Interactor->GetKeySym() : "";
  if (sym == "Up" || sym == "Down") view->key(sym);
}

}  // namespace

int runViewer(const ViewerOptions& o) {
  try {
    const bool compare = !o.compareWith.empty();
    const IndicatorChoice indicator = parseIndicator(o.indicator, compare);  // before any loading
    if (o.width < 64 || o.height < 64) throw InputError("--size", std::to_string(o.width) + "x" + std::to_string(o.height), "at least 64 × 64 pixels");
    auto progress = [&](const std::string& s) {
      if (!o.quiet) std::cerr << "citynoise-view: " << s << '\n';
    };
    Result base = loadResult(o.folder, progress);
    std::optional<Result> other;
    if (compare) other = loadResult(o.compareWith, progress);
    View view(o, std::move(base), std::move(other), indicator);
    if (!o.screenshot.empty()) return view.screenshot(o.screenshot);
    return view.interact();
  } catch (const InputError& e) {
    std::cerr << "citynoise-view: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "citynoise-view: error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace citynoise::viewer
