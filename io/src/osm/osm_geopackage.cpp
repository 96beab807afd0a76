// DIR/city.gpkg of `citynoise osm`: the layers the generated scenario reads.
#include "osm_internal.hpp"

#include "../gdal_support.hpp"

namespace citynoise::io::osm {
namespace {

using gdal::LayerWriter;

gdal::Geometry multiPolygon(const Polygons& polygons) {
  gdal::Geometry multi(OGR_G_CreateGeometry(wkbMultiPolygon));
  for (const auto& poly : polygons) {
    OGRGeometryH p = OGR_G_CreateGeometry(wkbPolygon);
    for (const auto& ring : poly) {
      OGRGeometryH r = OGR_G_CreateGeometry(wkbLinearRing);
      for (const Vec3& v : ring) OGR_G_AddPoint_2D(r, v.x, v.y);
      OGR_G_AddPoint_2D(r, ring.front().x, ring.front().y);
      OGR_G_AddGeometryDirectly(p, r);
    }
    OGR_G_AddGeometryDirectly(multi.get(), p);
  }
  return multi;
}

gdal::Geometry multiLine(const std::vector<std::vector<Vec3>>& lines) {
  gdal::Geometry multi(OGR_G_CreateGeometry(wkbMultiLineString));
  for (const auto& line : lines) {
    OGRGeometryH l = OGR_G_CreateGeometry(wkbLineString);
    for (const Vec3& v : line) OGR_G_AddPoint_2D(l, v.x, v.y);
    OGR_G_AddGeometryDirectly(multi.get(), l);
  }
  return multi;
}

void buildingLayer(GDALDatasetH ds, OGRSpatialReferenceH srs, const std::vector<BuildingRecord>& buildings) {
  LayerWriter w(ds, "buildings", wkbMultiPolygon, srs);
  for (const char* f : {"osm_id", "name", "building", "use", "height_source", "use_source"}) w.field(f, OFTString);
  for (const char* f : {"height", "floors", "population"}) w.field(f, OFTReal);
  w.begin();
  for (const BuildingRecord& b : buildings) {
    gdal::Feature f = w.feature();
    LayerWriter::setText(f.get(), "osm_id", b.id);
    LayerWriter::setText(f.get(), "name", b.name);
    LayerWriter::setText(f.get(), "building", b.type);
    LayerWriter::setText(f.get(), "use", b.use);
    LayerWriter::setText(f.get(), "height_source", b.heightSource);
    LayerWriter::setText(f.get(), "use_source", b.useSource);
    LayerWriter::setReal(f.get(), "height", b.height);
    LayerWriter::setReal(f.get(), "floors", b.floors);
    LayerWriter::setReal(f.get(), "population", b.population);
    w.add(std::move(f), multiPolygon(b.polygons));
  }
  w.commit();
}

void roadLayer(GDALDatasetH ds, OGRSpatialReferenceH srs, const std::vector<RoadRecord>& roads) {
  static const char* kFlowFields[3][3] = {{"light_d", "medium_d", "heavy_d"}, {"light_e", "medium_e", "heavy_e"}, {"light_n", "medium_n", "heavy_n"}};
  LayerWriter w(ds, "roads", wkbMultiLineString, srs);
  for (const char* f : {"osm_id", "name", "highway"}) w.field(f, OFTString);
  for (const char* f : {"lanes", "speed", "oneway", "bridge"}) w.field(f, OFTReal);
  for (const auto& period : kFlowFields)
    for (const char* f : period) w.field(f, OFTReal);
  w.begin();
  for (const RoadRecord& r : roads) {
    gdal::Feature f = w.feature();
    LayerWriter::setText(f.get(), "osm_id", r.id);
    LayerWriter::setText(f.get(), "name", r.name);
    LayerWriter::setText(f.get(), "highway", r.highway);
    LayerWriter::setReal(f.get(), "lanes", r.lanes);
    LayerWriter::setReal(f.get(), "speed", r.speed);
    LayerWriter::setReal(f.get(), "oneway", r.oneway ? 1.0 : 0.0);
    LayerWriter::setReal(f.get(), "bridge", r.bridge ? 1.0 : 0.0);
    for (int p = 0; p < 3; ++p)
      for (int c = 0; c < 3; ++c) LayerWriter::setReal(f.get(), kFlowFields[p][c], r.flow[p][c]);
    w.add(std::move(f), multiLine(r.lines));
  }
  w.commit();
}

void railLayer(GDALDatasetH ds, OGRSpatialReferenceH srs, const std::vector<RailRecord>& rail) {
  LayerWriter w(ds, "rail", wkbMultiLineString, srs);
  for (const char* f : {"osm_id", "name", "railway"}) w.field(f, OFTString);
  w.field("bridge", OFTReal);
  w.begin();
  for (const RailRecord& r : rail) {
    gdal::Feature f = w.feature();
    LayerWriter::setText(f.get(), "osm_id", r.id);
    LayerWriter::setText(f.get(), "name", r.name);
    LayerWriter::setText(f.get(), "railway", r.kind);
    LayerWriter::setReal(f.get(), "bridge", r.bridge ? 1.0 : 0.0);
    w.add(std::move(f), multiLine(r.lines));
  }
  w.commit();
}

void groundLayer(GDALDatasetH ds, OGRSpatialReferenceH srs, const std::vector<GroundRecord>& ground) {
  LayerWriter w(ds, "ground", wkbMultiPolygon, srs);
  for (const char* f : {"osm_id", "kind"}) w.field(f, OFTString);
  w.field("G", OFTReal);
  w.begin();
  for (const GroundRecord& g : ground) {
    gdal::Feature f = w.feature();
    LayerWriter::setText(f.get(), "osm_id", g.id);
    LayerWriter::setText(f.get(), "kind", g.kind);
    LayerWriter::setReal(f.get(), "G", g.g);
    w.add(std::move(f), multiPolygon(g.polygons));
  }
  w.commit();
}

}  // namespace

void writeCityGeoPackage(const std::filesystem::path& file, const std::string& crs, const std::vector<BuildingRecord>& buildings,
                         const std::vector<RoadRecord>& roads, const std::vector<RailRecord>& rail,
                         const std::vector<GroundRecord>& ground) {
  gdal::VectorFileOutput out(file);
  const gdal::Srs srs = gdal::srsFromUserInput(crs);
  buildingLayer(out.dataset(), srs.get(), buildings);
  roadLayer(out.dataset(), srs.get(), roads);
  railLayer(out.dataset(), srs.get(), rail);
  groundLayer(out.dataset(), srs.get(), ground);
  out.publish();
}

}  // namespace citynoise::io::osm
