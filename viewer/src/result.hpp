#pragma once
// A citynoise result folder in memory: its manifest and its VTK datasets.

#include <vtkImageData.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace citynoise::viewer {

struct Grid {
  vtkSmartPointer<vtkPolyData> data;
  double height = 0.0;  ///< above the terrain
  std::string name;
};

struct Result {
  std::filesystem::path folder;
  std::string scenario, crs;
  vtkSmartPointer<vtkPolyData> city, facades, patches, sources, sections;
  std::vector<Grid> grids;
  vtkSmartPointer<vtkImageData> volume;
};

/// Reads the manifest (citynoise-result.json) and every file it lists; `progress` gets one line
/// per file. Throws InputError naming the folder or the file when it is not a citynoise result,
/// a listed file is missing or unreadable.
Result loadResult(const std::filesystem::path& folder, const std::function<void(const std::string&)>& progress);

}  // namespace citynoise::viewer
