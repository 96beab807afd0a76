#pragma once
// citynoise-view: the output of `citynoise run` in 3D — façades coloured per receiver (per floor),
// grids draped on the terrain, vertical sections, the noise volume as isosurfaces or a slice, the
// sources; any indicator, an hour, or the exceedance over the zone limit; two results compared.
// Interactive in a window, or one screenshot without a window (under xvfb-run on a server).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace citynoise::viewer {

struct ViewerOptions {
  std::filesystem::path folder;          ///< a citynoise result folder
  std::filesystem::path compareWith;     ///< shown as (compareWith − folder) when set
  std::string indicator = "Lden";        ///< Lden, Lday, Levening, Lnight, Ld, Ln, hHH (an hour), exceed_night, exceed_day
  std::string camera = "overview";       ///< a preset, "facade:RECEIVER", or "x,y,z,fx,fy,fz"
  std::filesystem::path screenshot;      ///< render once to this PNG, no window
  int width = 1600, height = 1000;
  std::vector<double> isoLevels{55, 60, 65, 70};
  std::optional<double> sliceAltitude;   ///< the volume as a horizontal slice at this altitude
  std::string probe;                     ///< print where this receiver lands in the image and its value
  int maxTerrainTriangles = 300000;      ///< larger terrains are decimated (level of detail)
  bool quiet = false;
};

/// Runs the viewer; returns the process exit status (0, or 2 for bad input after printing why).
int runViewer(const ViewerOptions& options);

/// The camera presets by name (overview, top, north, south, east, west, street).
const std::vector<std::string>& cameraPresets();

}  // namespace citynoise::viewer
