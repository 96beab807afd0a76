#pragma once
// Camera presets over a district and in front of one façade receiver.

#include <vtkCamera.h>
#include <vtkPolyData.h>

#include <string>

namespace citynoise::viewer {

/// Applies `spec` to the camera: a preset name (overview, top, north, south, east, west,
/// street) over `bounds`, "facade:RECEIVER" (in front of that receiver's patch in `patches`), or
/// "x,y,z,fx,fy,fz" (position and focal point). Throws InputError("--camera", spec, …).
void applyCamera(vtkCamera* camera, const std::string& spec, const double bounds[6], vtkPolyData* patches);

/// The façade patch cell of a receiver id, −1 when absent.
vtkIdType patchOf(vtkPolyData* patches, const std::string& receiver);

}  // namespace citynoise::viewer
