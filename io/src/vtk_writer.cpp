// The VTK files of a run (XML formats, read by citynoise-view and ParaView):
//   city.vtp      terrain, façades, roofs and walls; cell data kind, building, the building's
//                 highest façade Lden and Ln
//   facades.vtp   façade receivers, point data per indicator, dominant class, exceedances
//   grid_<h>.vtp  each grid draped on the terrain (quads between receivers), point data levels
//   sections.vtp  the vertical sections (quads), point data levels
//   volume.vti    the 3D map (NaN inside buildings and under the terrain)
//   sources.vtp   lines (roads, rail), areas and points with LwA and aims (loudspeakers)
#include <citynoise/io/run_outputs.hpp>

#include <citynoise/core/decibel.hpp>

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkIntArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkStringArray.h>
#include <vtkXMLImageDataWriter.h>
#include <vtkXMLPolyDataWriter.h>

#include <cmath>
#include <map>
#include <stdexcept>
#include <unistd.h>

namespace citynoise::io {
namespace {

constexpr Indicator kAll[] = {Lday, Levening, Lnight, Lden, LdCn, LnCn};

template <class Writer, class Data>
void write(const std::filesystem::path& file, Data* data) {
  const std::filesystem::path tmp = file.parent_path() / ("." + file.filename().string() + ".tmp" + std::to_string(::getpid()));
  vtkNew<Writer> w;
  w->SetFileName(tmp.c_str());
  w->SetInputData(data);
  w->SetDataModeToBinary();
  w->SetCompressorTypeToZLib();
  if (w->Write() != 1) throw std::runtime_error("cannot write " + file.string());
  std::filesystem::rename(tmp, file);
}

vtkNew<vtkFloatArray> floatArray(const char* name, vtkIdType n) {
  vtkNew<vtkFloatArray> a;
  a->SetName(name);
  a->SetNumberOfTuples(n);
  return a;
}

/// Level arrays (one per indicator) for the receivers `ids`, in that order.
void addLevels(vtkPointData* pd, const RunData& run, const std::vector<std::size_t>& ids) {
  for (Indicator ind : kAll) {
    auto a = floatArray(toString(ind), static_cast<vtkIdType>(ids.size()));
    for (std::size_t k = 0; k < ids.size(); ++k) a->SetValue(static_cast<vtkIdType>(k), run.levels[ids[k]].total(ind));
    pd->AddArray(a);
  }
  vtkNew<vtkIntArray> dominant;
  dominant->SetName("dominant_class");
  for (std::size_t id : ids) dominant->InsertNextValue(static_cast<int>(run.levels[id].dominant(Lden)));
  pd->AddArray(dominant);
  vtkNew<vtkStringArray> names;
  names->SetName("receiver");
  for (std::size_t id : ids) names->InsertNextValue(run.receivers.receivers[id].id);
  pd->AddArray(names);
}

void writeCity(const std::filesystem::path& dir, const RunData& run) {
  vtkNew<vtkPolyData> poly;
  vtkNew<vtkPoints> pts;
  pts->SetDataTypeToDouble();
  for (const Vec3& v : run.city.vertices) pts->InsertNextPoint(v.x, v.y, v.z);
  vtkNew<vtkCellArray> tris;
  for (const auto& t : run.city.triangles) {
    const vtkIdType ids[3] = {t[0], t[1], t[2]};
    tris->InsertNextCell(3, ids);
  }
  poly->SetPoints(pts);
  poly->SetPolys(tris);
  vtkNew<vtkIntArray> kind, building;
  kind->SetName("kind");
  building->SetName("building");
  std::vector<std::array<float, 6>> maxLevel(run.buildings.size());
  for (auto& m : maxLevel) m.fill(NAN);
  for (const BuildingAssessment& a : run.summary.buildings) maxLevel[static_cast<std::size_t>(a.building)] = a.maxLevel;
  std::array<vtkSmartPointer<vtkFloatArray>, 6> levels;
  for (Indicator ind : kAll) {
    levels[ind] = vtkSmartPointer<vtkFloatArray>::New();
    levels[ind]->SetName((std::string("max_") + toString(ind)).c_str());
  }
  for (std::size_t c = 0; c < run.city.triangles.size(); ++c) {
    kind->InsertNextValue(run.city.kind[c]);
    building->InsertNextValue(run.city.object[c]);
    const bool isBuilding = run.city.kind[c] == 1 || run.city.kind[c] == 2;
    for (Indicator ind : kAll)
      levels[ind]->InsertNextValue(isBuilding ? maxLevel[static_cast<std::size_t>(run.city.object[c])][ind] : NAN);
  }
  poly->GetCellData()->AddArray(kind);
  poly->GetCellData()->AddArray(building);
  for (Indicator ind : kAll) poly->GetCellData()->AddArray(levels[ind]);
  write<vtkXMLPolyDataWriter>(dir / "city.vtp", poly.Get());
}

void writeFacades(const std::filesystem::path& dir, const RunData& run) {
  std::vector<std::size_t> ids;
  for (std::size_t k = 0; k < run.receivers.receivers.size(); ++k)
    if (run.receivers.receivers[k].kind == ReceiverKind::Facade) ids.push_back(k);
  vtkNew<vtkPolyData> poly;
  vtkNew<vtkPoints> pts;
  pts->SetDataTypeToDouble();
  vtkNew<vtkCellArray> verts;
  vtkNew<vtkIntArray> floor, building, zone;
  floor->SetName("floor");
  building->SetName("building");
  zone->SetName("zone");
  auto exceedDay = floatArray("exceed_day", static_cast<vtkIdType>(ids.size()));
  auto exceedNight = floatArray("exceed_night", static_cast<vtkIdType>(ids.size()));
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const Receiver& r = run.receivers.receivers[ids[k]];
    const vtkIdType id = pts->InsertNextPoint(r.position.x, r.position.y, r.position.z);
    verts->InsertNextCell(1, &id);
    floor->InsertNextValue(r.floor);
    building->InsertNextValue(r.building);
    zone->InsertNextValue(r.zone);
    const FacadeAssessment a = assessFacade(r, run.levels[ids[k]]);
    exceedDay->SetValue(static_cast<vtkIdType>(k), a.known ? static_cast<float>(a.exceedDay) : NAN);
    exceedNight->SetValue(static_cast<vtkIdType>(k), a.known ? static_cast<float>(a.exceedNight) : NAN);
  }
  poly->SetPoints(pts);
  poly->SetVerts(verts);
  vtkPointData* pd = poly->GetPointData();
  addLevels(pd, run, ids);
  for (vtkDataArray* a : {static_cast<vtkDataArray*>(floor.Get()), static_cast<vtkDataArray*>(building.Get()), static_cast<vtkDataArray*>(zone.Get()),
                          static_cast<vtkDataArray*>(exceedDay.Get()), static_cast<vtkDataArray*>(exceedNight.Get())})
    pd->AddArray(a);
  write<vtkXMLPolyDataWriter>(dir / "facades.vtp", poly.Get());
}

/// A lattice of receivers as a surface: quads between the four receivers of each cell.
void writeLattice(const std::filesystem::path& file, const RunData& run, ReceiverKind kind, int group, bool useK) {
  std::vector<std::size_t> ids;
  std::map<std::pair<int, int>, vtkIdType> index;
  vtkNew<vtkPoints> pts;
  pts->SetDataTypeToDouble();
  for (std::size_t k = 0; k < run.receivers.receivers.size(); ++k) {
    const Receiver& r = run.receivers.receivers[k];
    if (r.kind != kind || (group >= 0 && r.group != group)) continue;
    index[{r.i + (useK ? 100000 * r.group : 0), useK ? r.k : r.j}] = pts->InsertNextPoint(r.position.x, r.position.y, r.position.z);
    ids.push_back(k);
  }
  vtkNew<vtkCellArray> quads;
  for (const auto& [ij, id] : index) {
    const auto a = index.find({ij.first + 1, ij.second}), b = index.find({ij.first + 1, ij.second + 1}), c = index.find({ij.first, ij.second + 1});
    if (a == index.end() || b == index.end() || c == index.end()) continue;
    const vtkIdType q[4] = {id, a->second, b->second, c->second};
    quads->InsertNextCell(4, q);
  }
  vtkNew<vtkPolyData> poly;
  poly->SetPoints(pts);
  poly->SetPolys(quads);
  addLevels(poly->GetPointData(), run, ids);
  write<vtkXMLPolyDataWriter>(file, poly.Get());
}

void writeVolume(const std::filesystem::path& dir, const RunData& run) {
  const VolumeInfo& v = *run.receivers.volume;
  vtkNew<vtkImageData> image;
  image->SetDimensions(v.nx, v.ny, v.nz);
  image->SetOrigin(v.bounds.min.x, v.bounds.min.y, v.zMin);
  image->SetSpacing(v.spacing, v.spacing, v.dz);
  const vtkIdType n = static_cast<vtkIdType>(v.nx) * v.ny * v.nz;
  for (Indicator ind : kAll) {
    auto a = floatArray(toString(ind), n);
    a->Fill(NAN);
    for (std::size_t k = 0; k < run.receivers.receivers.size(); ++k) {
      const Receiver& r = run.receivers.receivers[k];
      if (r.kind != ReceiverKind::Volume) continue;
      a->SetValue((static_cast<vtkIdType>(r.k) * v.ny + r.j) * v.nx + r.i, run.levels[k].total(ind));
    }
    image->GetPointData()->AddArray(a);
  }
  image->GetPointData()->SetActiveScalars("Lden");
  write<vtkXMLImageDataWriter>(dir / "volume.vti", image.Get());
}

void writeSources(const std::filesystem::path& dir, const RunData& run) {
  vtkNew<vtkPoints> pts;
  pts->SetDataTypeToDouble();
  vtkNew<vtkCellArray> verts, lines, polys;
  vtkNew<vtkIntArray> cls;
  cls->SetName("class");
  vtkNew<vtkFloatArray> lwa, aim;
  lwa->SetName("LwA_day");
  aim->SetName("aim");
  aim->SetNumberOfComponents(3);
  vtkNew<vtkStringArray> id;
  id->SetName("id");
  // Cells are added by kind (verts, lines, polys), which is the order vtkPolyData numbers them in.
  for (int pass = 0; pass < 3; ++pass)
    for (const SourceObject& o : run.scenario.sources)
      for (const SourceElement& e : o.elements) {
        if (static_cast<int>(e.shape) != pass) continue;
        std::vector<vtkIdType> ids;
        for (const Vec3& p : e.geometry) ids.push_back(pts->InsertNextPoint(p.x, p.y, run.terrainHeight(plan(p)) + p.z));
        (pass == 0 ? verts : pass == 1 ? lines : polys)->InsertNextCell(static_cast<vtkIdType>(ids.size()), ids.data());
        cls->InsertNextValue(static_cast<int>(o.sourceClass));
        lwa->InsertNextValue(static_cast<float>(totalLevel(aWeighted(periodSpectrum(e.power, kEuDay)))));
        const Vec3 a = o.directivity.omnidirectional() ? Vec3{} : o.aim;
        aim->InsertNextTuple3(a.x, a.y, a.z);
        id->InsertNextValue(o.id);
      }
  vtkNew<vtkPolyData> poly;
  poly->SetPoints(pts);
  poly->SetVerts(verts);
  poly->SetLines(lines);
  poly->SetPolys(polys);
  for (vtkAbstractArray* a : {static_cast<vtkAbstractArray*>(cls.Get()), static_cast<vtkAbstractArray*>(lwa.Get()),
                              static_cast<vtkAbstractArray*>(aim.Get()), static_cast<vtkAbstractArray*>(id.Get())})
    poly->GetCellData()->AddArray(a);
  write<vtkXMLPolyDataWriter>(dir / "sources.vtp", poly.Get());
}

std::string heightName(double h) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", h);
  std::string s = buf;
  for (char& c : s)
    if (c == '.') c = '_';
  return s;
}

}  // namespace

void writeVtk(const std::filesystem::path& dir, const RunData& run) {
  writeCity(dir, run);
  writeFacades(dir, run);
  for (std::size_t g = 0; g < run.receivers.grids.size(); ++g)
    writeLattice(dir / ("grid_" + heightName(run.receivers.grids[g].height) + ".vtp"), run, ReceiverKind::Grid, static_cast<int>(g), false);
  if (!run.receivers.sections.empty()) writeLattice(dir / "sections.vtp", run, ReceiverKind::Section, -1, true);
  if (run.receivers.volume) writeVolume(dir, run);
  writeSources(dir, run);
}

}  // namespace citynoise::io
