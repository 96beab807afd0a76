#include "result.hpp"

#include <citynoise/core/error.hpp>

#include <nlohmann/json.hpp>
#include <vtkXMLImageDataReader.h>
#include <vtkXMLPolyDataReader.h>

#include <fstream>

namespace citynoise::viewer {
namespace {

template <class Reader, class Data>
vtkSmartPointer<Data> read(const std::filesystem::path& file, const std::function<void(const std::string&)>& progress) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw InputError(file.string(), "", "missing: the result's manifest lists it (an incomplete or edited result folder?)");
  vtkNew<Reader> reader;
  if (!reader->CanReadFile(file.c_str())) throw InputError(file.string(), "", "not a VTK XML file VTK can read");
  reader->SetFileName(file.c_str());
  reader->Update();
  vtkSmartPointer<Data> data = reader->GetOutput();
  if (!data) throw InputError(file.string(), "", "could not be read");
  if (progress) progress("loaded " + file.filename().string() + " (" + std::to_string(data->GetNumberOfCells()) + " cells)");
  return data;
}

}  // namespace

Result loadResult(const std::filesystem::path& folder, const std::function<void(const std::string&)>& progress) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) throw InputError(folder.string(), "", "not a folder (give the output folder of citynoise run)");
  const std::filesystem::path manifestFile = folder / "citynoise-result.json";
  if (!std::filesystem::is_regular_file(manifestFile, ec))
    throw InputError(folder.string(), "", "not a citynoise result: no citynoise-result.json (give the output folder of citynoise run)");
  nlohmann::json m;
  try {
    std::ifstream in(manifestFile);
    m = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    throw InputError(manifestFile.string(), "", std::string("not valid JSON: ") + e.what());
  }
  if (m.value("format", "") != "citynoise-result/1")
    throw InputError(manifestFile.string(), "$.format", "expected \"citynoise-result/1\"");
  const nlohmann::json files = m.value("files", nlohmann::json::object());
  for (const char* key : {"city", "facade_patches", "facades"})
    if (!files.contains(key))
      throw InputError(manifestFile.string(), std::string("$.files.") + key, "missing: the run wrote no VTK outputs ([outputs] vtk = false?)");
  Result r;
  r.folder = folder;
  r.scenario = m.value("scenario", "");
  r.crs = m.value("crs", "");
  auto file = [&](const char* key) { return folder / files.at(key).get<std::string>(); };
  r.city = read<vtkXMLPolyDataReader, vtkPolyData>(file("city"), progress);
  r.facades = read<vtkXMLPolyDataReader, vtkPolyData>(file("facades"), progress);
  r.patches = read<vtkXMLPolyDataReader, vtkPolyData>(file("facade_patches"), progress);
  if (files.contains("sources")) r.sources = read<vtkXMLPolyDataReader, vtkPolyData>(file("sources"), progress);
  if (files.contains("sections")) r.sections = read<vtkXMLPolyDataReader, vtkPolyData>(file("sections"), progress);
  if (files.contains("volume")) r.volume = read<vtkXMLImageDataReader, vtkImageData>(file("volume"), progress);
  for (const auto& g : files.value("grids", nlohmann::json::array())) {
    const std::string name = g.at("file").get<std::string>();
    r.grids.push_back({read<vtkXMLPolyDataReader, vtkPolyData>(folder / name, progress), g.value("height", 0.0),
                       std::filesystem::path(name).stem().string()});
  }
  return r;
}

}  // namespace citynoise::viewer
