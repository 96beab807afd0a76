// The VTK files of a run (XML formats, read by citynoise-view and ParaView):
//   city.vtp      terrain, façades, roofs, walls, structures; cell data kind (fileCode of SurfaceKind),
//                 building, the building's highest façade Lden and Ln
//   facades.vtp   façade receivers as points; facade_patches.vtp the same as quads on the walls
//                 (one per receiver, its width along the façade and its floors high), cell data
//   every receiver file: per indicator, LAeq_hHH per hour, exceed_day/exceed_night over the
//                 zone's GB 3096 limits, zone, dominant class, receiver id
//   grid_<h>.vtp  each grid draped on the terrain (quads between receivers), point data levels
//   sections.vtp  the vertical sections (quads), point data levels
//   volume.vti    the 3D map (NaN inside buildings and under the terrain)
//   sources.vtp   lines (roads, rail), areas and points with LwA and aims (loudspeakers)
#include <citynoise/io/run_outputs.hpp>

#include <citynoise/core/decibel.hpp>

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkFieldData.h>
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

/// The arrays every receiver file carries, for the receivers `ids` in that order: a level per
/// indicator and per hour, the exceedances over the zone's limits, the zone, the dominant class
/// and the receiver's id (the key for picking and for comparing two runs).
void addLevels(vtkDataSetAttributes* data, const RunData& run, const std::vector<std::size_t>& ids) {
  const auto n = static_cast<vtkIdType>(ids.size());
  for (Indicator ind : kAll) {
    auto a = floatArray(toString(ind), n);
    for (vtkIdType k = 0; k < n; ++k) a->SetValue(k, run.levels[ids[static_cast<std::size_t>(k)]].total(ind));
    data->AddArray(a);
    if (!run.base) continue;
    auto d = floatArray((std::string("d_") + toString(ind)).c_str(), n);
    for (vtkIdType k = 0; k < n; ++k) {
      const std::size_t id = ids[static_cast<std::size_t>(k)];
      d->SetValue(k, run.levels[id].total(ind) - (*run.base)[id].total(ind));
    }
    data->AddArray(d);
  }
  for (std::size_t h = 0; h < kHoursPerDay; ++h) {
    char name[16];
    std::snprintf(name, sizeof name, "LAeq_h%02zu", h);
    auto a = floatArray(name, n);
    for (vtkIdType k = 0; k < n; ++k) a->SetValue(k, run.levels[ids[static_cast<std::size_t>(k)]].hourly[h]);
    data->AddArray(a);
  }
  auto exceedDay = floatArray("exceed_day", n), exceedNight = floatArray("exceed_night", n);
  vtkNew<vtkStringArray> zone, names;
  zone->SetName("zone");
  names->SetName("receiver");
  vtkNew<vtkIntArray> dominant;
  dominant->SetName("dominant_class");
  for (vtkIdType k = 0; k < n; ++k) {
    const std::size_t id = ids[static_cast<std::size_t>(k)];
    const Receiver& r = run.receivers.receivers[id];
    const FacadeAssessment a = assessFacade(r, run.levels[id]);
    exceedDay->SetValue(k, a.known ? static_cast<float>(a.exceedDay) : NAN);
    exceedNight->SetValue(k, a.known ? static_cast<float>(a.exceedNight) : NAN);
    zone->InsertNextValue(a.known ? a.zone : "");
    dominant->InsertNextValue(static_cast<int>(run.levels[id].dominant(Lden)));
    names->InsertNextValue(r.id);
  }
  for (vtkAbstractArray* a : {static_cast<vtkAbstractArray*>(exceedDay.Get()), static_cast<vtkAbstractArray*>(exceedNight.Get()),
                              static_cast<vtkAbstractArray*>(zone.Get()), static_cast<vtkAbstractArray*>(dominant.Get()),
                              static_cast<vtkAbstractArray*>(names.Get())})
    data->AddArray(a);
}

/// Building index, building id and floor of façade receivers.
void addFacadeAttributes(vtkDataSetAttributes* data, const RunData& run, const std::vector<std::size_t>& ids) {
  vtkNew<vtkIntArray> floor, building;
  floor->SetName("floor");
  building->SetName("building");
  vtkNew<vtkStringArray> buildingId;
  buildingId->SetName("building_id");
  for (std::size_t id : ids) {
    const Receiver& r = run.receivers.receivers[id];
    floor->InsertNextValue(r.floor);
    building->InsertNextValue(r.building);
    buildingId->InsertNextValue(run.buildings[static_cast<std::size_t>(r.building)].id);
  }
  data->AddArray(floor);
  data->AddArray(building);
  data->AddArray(buildingId);
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
    kind->InsertNextValue(fileCode(run.city.kind[c]));
    building->InsertNextValue(run.city.object[c]);
    const bool isBuilding = isBuildingSurface(run.city.kind[c]);
    for (Indicator ind : kAll)
      levels[ind]->InsertNextValue(isBuilding ? maxLevel[static_cast<std::size_t>(run.city.object[c])][ind] : NAN);
  }
  poly->GetCellData()->AddArray(kind);
  poly->GetCellData()->AddArray(building);
  for (Indicator ind : kAll) poly->GetCellData()->AddArray(levels[ind]);
  write<vtkXMLPolyDataWriter>(dir / "city.vtp", poly.Get());
}

std::vector<std::size_t> facadeReceivers(const RunData& run) {
  std::vector<std::size_t> ids;
  for (std::size_t k = 0; k < run.receivers.receivers.size(); ++k)
    if (run.receivers.receivers[k].kind == ReceiverKind::Facade) ids.push_back(k);
  return ids;
}

void writeFacades(const std::filesystem::path& dir, const RunData& run) {
  const std::vector<std::size_t> ids = facadeReceivers(run);
  vtkNew<vtkPolyData> poly;
  vtkNew<vtkPoints> pts;
  pts->SetDataTypeToDouble();
  vtkNew<vtkCellArray> verts;
  for (std::size_t id : ids) {
    const Vec3& p = run.receivers.receivers[id].position;
    const vtkIdType v = pts->InsertNextPoint(p.x, p.y, p.z);
    verts->InsertNextCell(1, &v);
  }
  poly->SetPoints(pts);
  poly->SetVerts(verts);
  addLevels(poly->GetPointData(), run, ids);
  addFacadeAttributes(poly->GetPointData(), run, ids);
  write<vtkXMLPolyDataWriter>(dir / "facades.vtp", poly.Get());
}

/// The wall piece a façade receiver stands for, 5 cm in front of the wall so the colour is not
/// hidden by the façade itself.
std::array<Vec3, 4> facadePatch(const Receiver& r) {
  const WallSpan& w = r.wall;
  const Vec2 p0 = w.from + w.outward * 0.05, p1 = w.to + w.outward * 0.05;
  return {Vec3{p0.x, p0.y, w.bottom}, Vec3{p1.x, p1.y, w.bottom}, Vec3{p1.x, p1.y, w.top}, Vec3{p0.x, p0.y, w.top}};
}

void writeFacadePatches(const std::filesystem::path& dir, const RunData& run) {
  const std::vector<std::size_t> ids = facadeReceivers(run);
  vtkNew<vtkPolyData> poly;
  vtkNew<vtkPoints> pts;
  pts->SetDataTypeToDouble();
  vtkNew<vtkCellArray> quads;
  for (std::size_t id : ids) {
    vtkIdType q[4];
    const auto corners = facadePatch(run.receivers.receivers[id]);
    for (int k = 0; k < 4; ++k) q[k] = pts->InsertNextPoint(corners[static_cast<std::size_t>(k)].x, corners[static_cast<std::size_t>(k)].y, corners[static_cast<std::size_t>(k)].z);
    quads->InsertNextCell(4, q);
  }
  poly->SetPoints(pts);
  poly->SetPolys(quads);
  addLevels(poly->GetCellData(), run, ids);
  addFacadeAttributes(poly->GetCellData(), run, ids);
  write<vtkXMLPolyDataWriter>(dir / "facade_patches.vtp", poly.Get());
}

/// A lattice of receivers as a surface: quads between the four receivers of each cell.
void writeLattice(const std::filesystem::path& file, const RunData& run, ReceiverKind kind, int group, bool useK,
                  double gridHeight = NAN) {
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
  if (!std::isnan(gridHeight)) {
    // Grids lie this high above the terrain: the viewer drapes them back onto it.
    vtkNew<vtkFloatArray> h;
    h->SetName("height_above_terrain");
    h->InsertNextValue(static_cast<float>(gridHeight));
    poly->GetFieldData()->AddArray(h);
  }
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


}  // namespace

void writeVtk(const std::filesystem::path& dir, const RunData& run) {
  writeCity(dir, run);
  writeFacades(dir, run);
  writeFacadePatches(dir, run);
  for (std::size_t g = 0; g < run.receivers.grids.size(); ++g)
    writeLattice(dir / (gridName(run.receivers.grids[g].height) + ".vtp"), run, ReceiverKind::Grid, static_cast<int>(g), false,
                 run.receivers.grids[g].height);
  if (!run.receivers.sections.empty()) writeLattice(dir / "sections.vtp", run, ReceiverKind::Section, -1, true);
  if (run.receivers.volume) writeVolume(dir, run);
  writeSources(dir, run);
}

}  // namespace citynoise::io
