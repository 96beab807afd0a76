#include "camera.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/viewer/viewer.hpp>

#include <vtkCellData.h>
#include <vtkStringArray.h>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace citynoise::viewer {

const std::vector<std::string>& cameraPresets() {
  static const std::vector<std::string> presets{"overview", "top", "north", "south", "east", "west", "street"};
  return presets;
}

vtkIdType patchOf(vtkPolyData* patches, const std::string& receiver) {
  auto* ids = vtkStringArray::SafeDownCast(patches->GetCellData()->GetAbstractArray("receiver"));
  if (!ids) return -1;
  for (vtkIdType k = 0; k < ids->GetNumberOfValues(); ++k)
    if (ids->GetValue(k) == receiver) return k;
  return -1;
}

void applyCamera(vtkCamera* camera, const std::string& spec, const double b[6], vtkPolyData* patches) {
  const double c[3] = {0.5 * (b[0] + b[1]), 0.5 * (b[2] + b[3]), 0.5 * (b[4] + b[5])};
  const double size = std::max({b[1] - b[0], b[3] - b[2], 1.0});
  camera->SetViewUp(0, 0, 1);
  camera->SetViewAngle(30);
  auto look = [&](double dx, double dy, double dz) {
    camera->SetFocalPoint(c[0], c[1], b[4] + 0.2 * (b[5] - b[4]));
    camera->SetPosition(c[0] + dx * size, c[1] + dy * size, b[4] + dz * size);
  };
  if (spec == "overview") look(0.55, -0.95, 0.75);
  else if (spec == "top") {
    look(0, 0, 1.9);
    camera->SetViewUp(0, 1, 0);
  } else if (spec == "north") look(0, 1.2, 0.55);
  else if (spec == "south") look(0, -1.2, 0.55);
  else if (spec == "east") look(1.2, 0, 0.55);
  else if (spec == "west") look(-1.2, 0, 0.55);
  else if (spec == "street") look(0.35, -0.45, 0.08);
  else if (spec.rfind("facade:", 0) == 0) {
    const std::string id = spec.substr(7);
    const vtkIdType cell = patchOf(patches, id);
    if (cell < 0) throw InputError("--camera", spec, "no façade receiver \"" + id + "\" in this result");
    double p0[3], p1[3], p3[3];
    vtkCell* quad = patches->GetCell(cell);
    patches->GetPoint(quad->GetPointId(0), p0);
    patches->GetPoint(quad->GetPointId(1), p1);
    patches->GetPoint(quad->GetPointId(3), p3);
    const double centre[3] = {0.5 * (p1[0] + p3[0]), 0.5 * (p1[1] + p3[1]), 0.5 * (p0[2] + p3[2])};
    // Outward normal: along the façade × up (the rings are oriented, outward on the right).
    double n[2] = {p1[1] - p0[1], -(p1[0] - p0[0])};
    const double l = std::hypot(n[0], n[1]);
    if (l > 0) n[0] /= l, n[1] /= l;
    camera->SetFocalPoint(centre);
    // Far enough to show the floors around it and the street in front, high enough to look over
    // the traffic's glyphs.
    camera->SetPosition(centre[0] + 90 * n[0], centre[1] + 90 * n[1], centre[2] + 20);
  } else {
    std::vector<double> v;
    std::stringstream in(spec);
    std::string item;
    while (std::getline(in, item, ',')) {
      try {
        v.push_back(std::stod(item));
      } catch (const std::exception&) {
        v.clear();
        break;
      }
    }
    if (v.size() != 6) {
      std::string names;
      for (const auto& p : cameraPresets()) names += p + ", ";
      throw InputError("--camera", spec, "expected a preset (" + names + "facade:RECEIVER) or x,y,z,fx,fy,fz");
    }
    camera->SetPosition(v[0], v[1], v[2]);
    camera->SetFocalPoint(v[3], v[4], v[5]);
  }
}

}  // namespace citynoise::viewer
