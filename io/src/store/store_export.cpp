// `store export`: a version's receivers, buildings and sources out of the store through GDAL —
// one GeoPackage, or one GeoJSON or CSV file per layer.
#include <citynoise/core/error.hpp>
#include <citynoise/io/store.hpp>

#include "../gdal_support.hpp"
#include "database.hpp"

#include <cmath>

namespace citynoise::io {
namespace {

using gdal::LayerWriter;

struct Column {
  const char* name;
  OGRFieldType type;
};

/// One table of a version written as a layer: `columns` are read in order after the geometry
/// columns of `geometrySql` (x, y, z for points; a WKT text otherwise).
struct LayerSpec {
  const char* name;
  OGRwkbGeometryType type;
  const char* select;  ///< SQL with one ? for the version; geometry first, then the columns
  std::vector<Column> columns;
  bool pointXyz;
};

const std::vector<LayerSpec>& layerSpecs() {
  static const std::vector<LayerSpec> specs = {
      {"receivers", wkbPoint25D,
       "SELECT x, y, z, id, kind, building, floor, zone, lday, levening, lnight, lden, ld, ln, exceed_day, exceed_night, dominant "
       "FROM receivers WHERE version = ? ORDER BY kind, id",
       {{"id", OFTString}, {"kind", OFTString}, {"building", OFTString}, {"floor", OFTInteger}, {"zone", OFTString},
        {"Lday", OFTReal}, {"Levening", OFTReal}, {"Lnight", OFTReal}, {"Lden", OFTReal}, {"Ld", OFTReal}, {"Ln", OFTReal},
        {"exceed_day", OFTReal}, {"exceed_night", OFTReal}, {"dominant", OFTString}},
       true},
      {"buildings", wkbPolygon,
       "SELECT footprint, id, use, zone, population, max_lden, max_ln, exceed_day, exceed_night, people_over_limit, "
       "floors_over_night_limit FROM buildings WHERE version = ? ORDER BY id",
       {{"id", OFTString}, {"use", OFTString}, {"zone", OFTString}, {"population", OFTReal}, {"max_Lden", OFTReal},
        {"max_Ln", OFTReal}, {"exceed_day", OFTReal}, {"exceed_night", OFTReal}, {"people_over_limit", OFTReal},
        {"floors_over_night_limit", OFTInteger}},
       false},
      {"sources", wkbUnknown,
       "SELECT geometry, id, part, class, kind, lwa_day, lwa_evening, lwa_night, lwa_cn_night FROM sources WHERE version = ? "
       "ORDER BY id, part",
       {{"id", OFTString}, {"part", OFTInteger}, {"class", OFTString}, {"kind", OFTString}, {"LwA_day", OFTReal},
        {"LwA_evening", OFTReal}, {"LwA_night", OFTReal}, {"LwA_cn_night", OFTReal}},
       false},
  };
  return specs;
}

void writeLayer(GDALDatasetH ds, OGRSpatialReferenceH srs, store::Database& db, const LayerSpec& spec, std::int64_t version) {
  LayerWriter w(ds, spec.name, spec.type, srs);
  for (const Column& c : spec.columns) w.field(c.name, c.type);
  auto s = db.prepare(spec.select);
  s->bind(1, version);
  const int first = spec.pointXyz ? 3 : 1;
  w.begin();
  while (s->step()) {
    gdal::Feature f = w.feature();
    for (std::size_t k = 0; k < spec.columns.size(); ++k) {
      const int col = first + static_cast<int>(k);
      if (s->isNull(col)) continue;
      const Column& c = spec.columns[k];
      if (c.type == OFTString) LayerWriter::setText(f.get(), c.name, s->text(col));
      else if (c.type == OFTInteger) OGR_F_SetFieldInteger(f.get(), OGR_F_GetFieldIndex(f.get(), c.name), static_cast<int>(s->integer(col)));
      else LayerWriter::setReal(f.get(), c.name, s->real(col));
    }
    gdal::Geometry g;
    if (spec.pointXyz) {
      g.reset(OGR_G_CreateGeometry(wkbPoint25D));
      OGR_G_SetPoint(g.get(), 0, s->real(0), s->real(1), s->real(2));
    } else if (!s->isNull(0)) {
      std::string wkt = s->text(0);
      char* p = wkt.data();
      OGRGeometryH h = nullptr;
      if (OGR_G_CreateFromWkt(&p, nullptr, &h) == OGRERR_NONE) g.reset(h);
    }
    w.add(std::move(f), std::move(g));
  }
  w.commit();
}

}  // namespace

std::vector<std::filesystem::path> MapStore::exportVersion(std::int64_t id, const std::string& format, const std::filesystem::path& outDir) const {
  const MapVersion v = version(id);
  const char* driverName = format == "gpkg" ? "GPKG" : format == "geojson" ? "GeoJSON" : format == "csv" ? "CSV" : nullptr;
  if (!driverName) throw InputError("--format", format, "expected gpkg, geojson or csv");
  std::filesystem::create_directories(outDir);
  const gdal::Srs srs = gdal::srsFromUserInput(v.crs);
  const std::string stem = v.scenario + (v.variant.empty() ? "" : "-" + v.variant) + "-v" + std::to_string(id);
  std::vector<std::filesystem::path> written;
  auto publish = [&](const std::filesystem::path& file, const std::vector<const LayerSpec*>& specs, const char* const* options) {
    gdal::VectorFileOutput out(file, driverName, options);
    for (const LayerSpec* spec : specs) writeLayer(out.dataset(), srs.get(), *db_, *spec, id);
    out.publish();
    written.push_back(file);
  };
  if (format == "gpkg") {
    std::vector<const LayerSpec*> all;
    for (const LayerSpec& s : layerSpecs()) all.push_back(&s);
    publish(outDir / (stem + ".gpkg"), all, nullptr);
  } else {
    const char* csvOptions[] = {"GEOMETRY=AS_WKT", nullptr};
    for (const LayerSpec& s : layerSpecs())
      publish(outDir / (stem + "-" + s.name + "." + format), {&s}, format == "csv" ? csvOptions : nullptr);
  }
  return written;
}

}  // namespace citynoise::io
