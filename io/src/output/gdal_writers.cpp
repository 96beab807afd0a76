// The GeoPackage and the GeoTIFFs of a run, through GDAL.
#include <citynoise/io/gis.hpp>
#include <citynoise/io/run_outputs.hpp>

#include <citynoise/core/decibel.hpp>

#include "gdal_support.hpp"

#include <cmath>
#include <stdexcept>
#include <unistd.h>

namespace citynoise::io {
namespace {

using gdal::Dataset;

using gdal::temporaryBeside;

constexpr Indicator kAll[] = {Lday, Levening, Lnight, Lden, LdCn, LnCn};

/// A layer of levels: the generic writer plus the indicator fields.
class LayerWriter : public gdal::LayerWriter {
 public:
  using gdal::LayerWriter::LayerWriter;
  void levelFields() {
    for (Indicator i : kAll) field(toString(i), OFTReal);
  }
  /// d_Lden, …: a variant's level minus the base's.
  void differenceFields() {
    for (Indicator i : kAll) field((std::string("d_") + toString(i)).c_str(), OFTReal);
  }
  static void setDifferences(OGRFeatureH f, const ReceiverLevels& variant, const ReceiverLevels& base) {
    for (Indicator i : kAll) setLevel(f, (std::string("d_") + toString(i)).c_str(), variant.total(i) - base.total(i));
  }
  static void setLevel(OGRFeatureH f, const char* name, double v) { setReal(f, name, v); }
  static void setLevels(OGRFeatureH f, const ReceiverLevels& l) {
    for (Indicator i : kAll) setLevel(f, toString(i), l.total(i));
  }
};

gdal::Geometry point3(const Vec3& p) {
  gdal::Geometry g(OGR_G_CreateGeometry(wkbPoint25D));
  OGR_G_SetPoint(g.get(), 0, p.x, p.y, p.z);
  return g;
}

gdal::Geometry polygonOf(const Building& b) {
  gdal::Geometry poly(OGR_G_CreateGeometry(wkbPolygon));
  auto ring = [&](const Ring2& r) {
    OGRGeometryH g = OGR_G_CreateGeometry(wkbLinearRing);
    for (const Vec2& p : r) OGR_G_AddPoint_2D(g, p.x, p.y);
    OGR_G_AddPoint_2D(g, r.front().x, r.front().y);
    OGR_G_AddGeometryDirectly(poly.get(), g);
  };
  ring(b.footprint);
  for (const Ring2& h : b.holes) ring(h);
  return poly;
}

std::string hourField(int h) { return std::string("LAeq_h") + (h < 10 ? "0" : "") + std::to_string(h); }

/// LAeq_h00 … LAeq_h23 ([outputs] hourly): declared, then set per feature.
void hourFields(LayerWriter& w, const RunData& run) {
  if (run.scenario.outputs.hourly)
    for (int h = 0; h < kHoursPerDay; ++h) w.field(hourField(h).c_str(), OFTReal);
}

void setHours(OGRFeatureH f, const RunData& run, const ReceiverLevels& l) {
  if (run.scenario.outputs.hourly)
    for (int h = 0; h < kHoursPerDay; ++h) LayerWriter::setLevel(f, hourField(h).c_str(), l.hourly[static_cast<std::size_t>(h)]);
}

void facadeLayer(GDALDatasetH ds, OGRSpatialReferenceH srs, const RunData& run) {
  LayerWriter w(ds, "facade_receivers", wkbPoint25D, srs);
  w.field("id", OFTString);
  w.field("building", OFTString);
  w.field("floor", OFTInteger);
  w.field("zone", OFTString);
  w.field("mode", OFTString);
  w.levelFields();
  if (run.base) w.differenceFields();
  for (const char* f : {"day_limit", "night_limit", "exceed_day", "exceed_night"}) w.field(f, OFTReal);
  w.field("dominant", OFTString);
  for (std::size_t c = 0; c < kSourceClasses; ++c) w.field((std::string(toString(static_cast<SourceClass>(c))) + "_Lden").c_str(), OFTReal);
  hourFields(w, run);
  w.begin();
  for (std::size_t k = 0; k < run.receivers.receivers.size(); ++k) {
    const Receiver& r = run.receivers.receivers[k];
    if (r.kind != ReceiverKind::Facade) continue;
    const ReceiverLevels& l = run.levels[k];
    gdal::Feature feature = w.feature();
    OGRFeatureH f = feature.get();
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "id"), r.id.c_str());
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "building"), run.buildings[static_cast<std::size_t>(r.building)].id.c_str());
    OGR_F_SetFieldInteger(f, OGR_F_GetFieldIndex(f, "floor"), r.floor);
    if (r.zone >= 0) OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "zone"), gb3096Limits()[static_cast<std::size_t>(r.zone)].zone);
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "mode"), r.includeOwnFacade ? "gb_1m" : "incident");
    LayerWriter::setLevels(f, l);
    if (run.base) LayerWriter::setDifferences(f, l, (*run.base)[k]);
    const FacadeAssessment a = assessFacade(r, l);
    if (a.known) {
      LayerWriter::setLevel(f, "day_limit", a.dayLimit);
      LayerWriter::setLevel(f, "night_limit", a.nightLimit);
      LayerWriter::setLevel(f, "exceed_day", a.exceedDay);
      LayerWriter::setLevel(f, "exceed_night", a.exceedNight);
    }
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "dominant"), toString(l.dominant(Lden)));
    for (std::size_t c = 0; c < kSourceClasses; ++c)
      LayerWriter::setLevel(f, (std::string(toString(static_cast<SourceClass>(c))) + "_Lden").c_str(), l.levels[c][Lden]);
    setHours(f, run, l);
    w.add(std::move(feature), point3(r.position));
  }
  w.commit();
}

/// "52.1;53.4;;55.0": the loudest façade point per floor (empty where a floor has no receiver).
std::string perFloor(const BuildingAssessment& a, Indicator indicator) {
  std::string out;
  for (std::size_t k = 0; k < a.maxPerFloor.size(); ++k) {
    const float v = a.maxPerFloor[k][indicator];
    char buf[16] = "";
    if (v > -1e29f) std::snprintf(buf, sizeof buf, "%.1f", v);
    out += (k ? ";" : "") + std::string(buf);
  }
  return out;
}

void buildingLayer(GDALDatasetH ds, OGRSpatialReferenceH srs, const RunData& run) {
  LayerWriter w(ds, "buildings", wkbPolygon, srs);
  for (const char* f : {"id", "use", "zone"}) w.field(f, OFTString);
  w.field("sensitive", OFTInteger);
  w.field("population", OFTReal);
  w.field("roof_altitude", OFTReal);
  w.field("facade_points", OFTInteger);
  for (Indicator i : kAll) w.field((std::string("max_") + toString(i)).c_str(), OFTReal);
  for (const char* f : {"exceed_day", "exceed_night", "people_over_limit"}) w.field(f, OFTReal);
  w.field("floors_over_night_limit", OFTInteger);
  w.field("floor_max_Lden", OFTString);
  w.field("floor_max_Ln", OFTString);
  std::vector<const BuildingAssessment*> byBuilding(run.buildings.size(), nullptr);
  for (const BuildingAssessment& a : run.summary.buildings) byBuilding[static_cast<std::size_t>(a.building)] = &a;
  w.begin();
  for (std::size_t b = 0; b < run.buildings.size(); ++b) {
    const Building& bd = run.buildings[b];
    gdal::Feature feature = w.feature();
    OGRFeatureH f = feature.get();
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "id"), bd.id.c_str());
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "use"), bd.use.c_str());
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "zone"), bd.zone.c_str());
    OGR_F_SetFieldInteger(f, OGR_F_GetFieldIndex(f, "sensitive"), bd.sensitive ? 1 : 0);
    OGR_F_SetFieldDouble(f, OGR_F_GetFieldIndex(f, "population"), bd.population);
    OGR_F_SetFieldDouble(f, OGR_F_GetFieldIndex(f, "roof_altitude"), bd.roofAltitude);
    if (const BuildingAssessment* a = byBuilding[b]) {
      OGR_F_SetFieldInteger(f, OGR_F_GetFieldIndex(f, "facade_points"), a->facadePoints);
      for (Indicator i : kAll) LayerWriter::setLevel(f, (std::string("max_") + toString(i)).c_str(), a->maxLevel[i]);
      if (a->worst.known) {
        LayerWriter::setLevel(f, "exceed_day", a->worst.exceedDay);
        LayerWriter::setLevel(f, "exceed_night", a->worst.exceedNight);
        LayerWriter::setLevel(f, "people_over_limit", a->worst.exceedDay > 0 || a->worst.exceedNight > 0 ? bd.population : 0.0);
        OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "zone"), a->worst.zone);
        OGR_F_SetFieldInteger(f, OGR_F_GetFieldIndex(f, "floors_over_night_limit"), a->floorsOverNightLimit);
      }
      OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "floor_max_Lden"), perFloor(*a, Lden).c_str());
      OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "floor_max_Ln"), perFloor(*a, LnCn).c_str());
    }
    w.add(std::move(feature), polygonOf(bd));
  }
  w.commit();
}

void latticeLayer(GDALDatasetH ds, OGRSpatialReferenceH srs, const RunData& run, const std::string& name, ReceiverKind kind, int group) {
  LayerWriter w(ds, name, wkbPoint25D, srs);
  w.field("id", OFTString);
  w.field("i", OFTInteger);
  w.field("j", OFTInteger);
  w.field("k", OFTInteger);
  w.field("zone", OFTString);
  w.levelFields();
  if (run.base) w.differenceFields();
  w.field("dominant", OFTString);
  hourFields(w, run);
  w.begin();
  for (std::size_t n = 0; n < run.receivers.receivers.size(); ++n) {
    const Receiver& r = run.receivers.receivers[n];
    if (r.kind != kind || (group >= 0 && r.group != group)) continue;
    gdal::Feature feature = w.feature();
    OGRFeatureH f = feature.get();
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "id"), r.id.c_str());
    OGR_F_SetFieldInteger(f, OGR_F_GetFieldIndex(f, "i"), r.i);
    OGR_F_SetFieldInteger(f, OGR_F_GetFieldIndex(f, "j"), r.j);
    OGR_F_SetFieldInteger(f, OGR_F_GetFieldIndex(f, "k"), r.k);
    if (r.zone >= 0) OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "zone"), gb3096Limits()[static_cast<std::size_t>(r.zone)].zone);
    LayerWriter::setLevels(f, run.levels[n]);
    if (run.base) LayerWriter::setDifferences(f, run.levels[n], (*run.base)[n]);
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "dominant"), toString(run.levels[n].dominant(Lden)));
    setHours(f, run, run.levels[n]);
    w.add(std::move(feature), point3(r.position));
  }
  w.commit();
}

/// A source element in the plane: point, line or closed polygon.
gdal::Geometry sourceGeometry(const SourceElement& e) {
  if (e.shape == SourceShape::Point) {
    gdal::Geometry g(OGR_G_CreateGeometry(wkbPoint));
    OGR_G_SetPoint_2D(g.get(), 0, e.geometry[0].x, e.geometry[0].y);
    return g;
  }
  if (e.shape == SourceShape::Line) {
    gdal::Geometry g(OGR_G_CreateGeometry(wkbLineString));
    for (const Vec3& p : e.geometry) OGR_G_AddPoint_2D(g.get(), p.x, p.y);
    return g;
  }
  gdal::Geometry g(OGR_G_CreateGeometry(wkbPolygon));
  OGRGeometryH r = OGR_G_CreateGeometry(wkbLinearRing);
  for (const Vec3& p : e.geometry) OGR_G_AddPoint_2D(r, p.x, p.y);
  OGR_G_AddPoint_2D(r, e.geometry[0].x, e.geometry[0].y);
  OGR_G_AddGeometryDirectly(g.get(), r);
  return g;
}

void sourceLayer(GDALDatasetH ds, OGRSpatialReferenceH srs, const RunData& run) {
  LayerWriter w(ds, "sources", wkbUnknown, srs);
  for (const char* f : {"id", "class", "kind", "shape", "quantity"}) w.field(f, OFTString);
  for (const char* f : {"LwA_day", "LwA_evening", "LwA_night", "LwA_cn_night", "height"}) w.field(f, OFTReal);
  w.begin();
  for (const SourceObject& o : run.scenario.sources)
    for (const SourceElement& e : o.elements) {
      gdal::Feature feature = w.feature();
    OGRFeatureH f = feature.get();
      OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "id"), o.id.c_str());
      OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "class"), toString(o.sourceClass));
      OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "kind"), o.kind.c_str());
      OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "shape"), toString(e.shape));
      OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "quantity"), e.shape == SourceShape::Line ? "LW' dB/m" : e.shape == SourceShape::Area ? "LW'' dB/m2" : "LW dB");
      LayerWriter::setLevel(f, "LwA_day", totalLevel(aWeighted(periodSpectrum(e.power, kEuDay))));
      LayerWriter::setLevel(f, "LwA_evening", totalLevel(aWeighted(periodSpectrum(e.power, kEuEvening))));
      LayerWriter::setLevel(f, "LwA_night", totalLevel(aWeighted(periodSpectrum(e.power, kEuNight))));
      LayerWriter::setLevel(f, "LwA_cn_night", totalLevel(aWeighted(periodSpectrum(e.power, kChinaNight))));
      LayerWriter::setLevel(f, "height", e.geometry.front().z);
      w.add(std::move(feature), sourceGeometry(e));
    }
  w.commit();
}


}  // namespace

void writeGeoPackage(const std::filesystem::path& file, const RunData& run) {
  gdal::VectorFileOutput out(file);
  const gdal::Srs owner = gdal::srsFromUserInput(run.scenario.crs);
  OGRSpatialReferenceH srs = owner.get();
  GDALDatasetH ds = out.dataset();
  facadeLayer(ds, srs, run);
  buildingLayer(ds, srs, run);
  for (std::size_t g = 0; g < run.receivers.grids.size(); ++g)
    latticeLayer(ds, srs, run, gridName(run.receivers.grids[g].height), ReceiverKind::Grid, static_cast<int>(g));
  if (!run.receivers.sections.empty()) latticeLayer(ds, srs, run, "sections", ReceiverKind::Section, -1);
  if (run.receivers.volume) latticeLayer(ds, srs, run, "volume", ReceiverKind::Volume, -1);
  bool points = false;
  for (const Receiver& r : run.receivers.receivers) points = points || r.kind == ReceiverKind::Point;
  if (points) latticeLayer(ds, srs, run, "points", ReceiverKind::Point, -1);
  sourceLayer(ds, srs, run);
  out.publish();
}

void writeGeoTiffs(const std::filesystem::path& dir, const RunData& run) {
  gdal::ensureGdal();
  GDALDriverH driver = GDALGetDriverByName("GTiff");
  if (!driver) throw std::runtime_error("GDAL has no GeoTIFF driver");
  const std::string wkt = gdal::wktOf(gdal::srsFromUserInput(run.scenario.crs).get());
  constexpr float kNoData = -9999.0f;
  for (std::size_t g = 0; g < run.receivers.grids.size(); ++g) {
    const GridInfo& grid = run.receivers.grids[g];
    for (Indicator ind : kAll) {
      std::vector<float> raster(static_cast<std::size_t>(grid.nx) * grid.ny, kNoData);
      for (std::size_t n = 0; n < run.receivers.receivers.size(); ++n) {
        const Receiver& r = run.receivers.receivers[n];
        if (r.kind != ReceiverKind::Grid || r.group != static_cast<int>(g)) continue;
        const float v = run.levels[n].total(ind);
        raster[static_cast<std::size_t>(grid.ny - 1 - r.j) * grid.nx + r.i] = std::isfinite(v) ? v : kNoData;
      }
      const std::filesystem::path file = dir / (gridName(grid.height) + "_" + toString(ind) + ".tif");
      const std::filesystem::path tmp = temporaryBeside(file);
      {
        const gdal::StringList options(CSLSetNameValue(nullptr, "COMPRESS", "DEFLATE"));
        Dataset ds(GDALCreate(driver, tmp.c_str(), grid.nx, grid.ny, 1, GDT_Float32, options.get()));
        if (!ds) throw std::runtime_error("cannot create " + tmp.string());
        double gt[6] = {grid.bounds.min.x - grid.spacing / 2, grid.spacing, 0.0,
                        grid.bounds.min.y + (grid.ny - 1) * grid.spacing + grid.spacing / 2, 0.0, -grid.spacing};
        GDALSetGeoTransform(ds.get(), gt);
        if (!wkt.empty()) GDALSetProjection(ds.get(), wkt.c_str());
        GDALRasterBandH band = GDALGetRasterBand(ds.get(), 1);
        GDALSetRasterNoDataValue(band, kNoData);
        GDALSetDescription(band, toString(ind));
        if (GDALRasterIO(band, GF_Write, 0, 0, grid.nx, grid.ny, raster.data(), grid.nx, grid.ny, GDT_Float32, 0, 0) != CE_None)
          throw std::runtime_error("cannot write " + tmp.string());
      }
      std::filesystem::rename(tmp, file);
    }
  }
}

}  // namespace citynoise::io
