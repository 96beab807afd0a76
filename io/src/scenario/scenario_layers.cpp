// Reading a scenario's vector layers: the file, layer and `where` of a table, the geometry repairs
// counted in warnings, the layer recorded for the checks that need the whole picture.
#include "scenario_internal.hpp"

namespace citynoise::io {

namespace {

/// A warning per kind of repair in a layer (counted), material repairs first.
const char* repairMessage(Defect d) {
  switch (d) {
    case Defect::NullGeometry: return "features without geometry dropped";
    case Defect::EmptyGeometry: return "features with an empty geometry dropped";
    case Defect::WrongGeometry: return "features of another geometry kind dropped";
    case Defect::Collection: return "geometry collections reduced to their parts";
    case Defect::InvalidPolygon: return "invalid polygons (self-intersections, bow-ties, self-touching rings) made valid";
    case Defect::UnclosedRing: return "unclosed rings closed";
    case Defect::Sliver: return "slivers (under 0.5 m² or thinner than 0.1 m) and zero-length lines dropped";
    case Defect::Duplicate: return "identical copies of a feature dropped";
    case Defect::BadHeight: return "heights that are not a positive number replaced";
  }
  return "repaired";
}

}  // namespace

void logRepairs(std::vector<Repair> repairs, const std::string& what, LayerLog& log) {
  orderRepairs(repairs);
  for (const Repair& r : repairs) {
    const std::string where = r.file + ": " + r.id;
    if (r.material())
      addWarning(log.warnings, where, std::string(what) + ": a repair dropped a feature or changed its area by more than 10 % (" +
                                          defectName(r.defect) + ": " + r.action + "; see repairs.csv)");
  }
  for (const Repair& r : repairs) addWarning(log.warnings, r.file + ": " + r.id, std::string(what) + ": " + repairMessage(r.defect) + " (see repairs.csv)");
  log.repairs.insert(log.repairs.end(), repairs.begin(), repairs.end());
}

GisLayer readScenarioLayer(const TomlNode& t, const LayerRequest& request, const std::filesystem::path& dir,
                           const std::string& crs, LayerLog& log) {
  const std::string file = t.pathValue(request.fileKey, dir);
  LayerQuery q;
  q.layer = t.string("layer", "");
  q.where = t.string("where", "");
  q.targetCrs = crs;
  q.expect = request.expect;
  q.idField = t.string("id", "");
  q.strict = log.strict;
  GisLayer out = readVectorLayer(file, q);
  if (!out.hasCrs) addWarning(log.warnings, file, "the layer declares no CRS: taken to be in " + (crs.empty() ? std::string("the buildings' CRS") : crs));
  LayerInfo info{file, out.layer, request.what, out.hasCrs ? out.sourceCrs : "", {}};
  for (const GisFeature& f : out.features) {
    for (const auto& part : f.parts)
      for (const Vec3& p : part) info.extent.extend(plan(p));
    for (const auto& poly : f.polygons)
      for (const Vec3& p : poly.front()) info.extent.extend(plan(p));
  }
  log.layers.push_back(std::move(info));
  logRepairs(std::move(out.repairs), request.what, log);
  out.repairs.clear();
  return out;
}

}  // namespace citynoise::io
