// The city's surfaces in the store (for 3D Tiles): read from a result's city.vtp with VTK, kept
// per building and SurfaceKind as float64 triangles, read back in one query.
#include <citynoise/core/error.hpp>
#include <citynoise/io/store.hpp>

#include "store_internal.hpp"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkIdList.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkXMLPolyDataReader.h>

#include <cstring>
#include <map>

namespace citynoise::io {
namespace store {

void addSurfaces(Database& db, const std::filesystem::path& cityVtp, const std::vector<std::string>& buildingIds, std::int64_t version) {
  vtkNew<vtkXMLPolyDataReader> reader;
  reader->SetFileName(cityVtp.c_str());
  reader->Update();
  vtkPolyData* poly = reader->GetOutput();
  vtkDataArray* kind = poly ? poly->GetCellData()->GetArray("kind") : nullptr;
  vtkDataArray* building = poly ? poly->GetCellData()->GetArray("building") : nullptr;
  if (!poly || !kind || !building || poly->GetNumberOfPolys() == 0)
    throw InputError(cityVtp.string(), "", "not the city of a citynoise result (triangles with kind and building cell arrays)");
  std::map<std::pair<std::string, int>, std::vector<double>> groups;
  vtkNew<vtkIdList> ids;
  const vtkIdType first = poly->GetNumberOfVerts() + poly->GetNumberOfLines();  // cells are numbered verts, lines, polys
  for (vtkIdType c = 0; c < poly->GetNumberOfPolys(); ++c) {
    const vtkIdType cell = first + c;
    poly->GetCellPoints(cell, ids);
    if (ids->GetNumberOfIds() != 3) continue;
    const int k = static_cast<int>(kind->GetTuple1(cell));
    const auto b = static_cast<long long>(building->GetTuple1(cell));
    const bool ofBuilding = isBuildingSurface(static_cast<SurfaceKind>(k)) && b >= 0 && b < static_cast<long long>(buildingIds.size());
    std::vector<double>& t = groups[{ofBuilding ? buildingIds[static_cast<std::size_t>(b)] : std::string(), k}];
    for (vtkIdType v = 0; v < 3; ++v) {
      double p[3];
      poly->GetPoint(ids->GetId(v), p);
      t.insert(t.end(), p, p + 3);
    }
  }
  auto s = db.prepare("INSERT INTO surfaces (version, building, kind, triangles) VALUES (?, ?, ?, ?)");
  for (const auto& [key, t] : groups) {
    std::vector<std::uint8_t> bytes(t.size() * sizeof(double));
    std::memcpy(bytes.data(), t.data(), bytes.size());  // little-endian hosts only (x86-64, arm64)
    s->reset();
    s->bind(1, version), s->bind(2, key.first), s->bind(3, static_cast<std::int64_t>(key.second)), s->bind(4, bytes);
    s->step();
  }
}

}  // namespace store

std::vector<StoredSurface> MapStore::surfaces(std::int64_t version) const {
  auto s = db_->prepare("SELECT building, kind, triangles FROM surfaces WHERE version = ? ORDER BY building, kind");
  s->bind(1, version);
  std::vector<StoredSurface> out;
  while (s->step()) {
    const std::vector<std::uint8_t> bytes = s->blob(2);
    StoredSurface f{s->text(0), static_cast<SurfaceKind>(s->integer(1)), std::vector<double>(bytes.size() / sizeof(double))};
    std::memcpy(f.triangles.data(), bytes.data(), f.triangles.size() * sizeof(double));
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace citynoise::io
