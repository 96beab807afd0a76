#include <citynoise/io/case_file.hpp>

#include "json_reader.hpp"

#include <citynoise/core/decibel.hpp>
#include <citynoise/core/error.hpp>

#include <cmath>
#include <map>

namespace citynoise::io {
namespace {

const std::map<std::string, ProfilePointKind>& kindNames() {
  static const std::map<std::string, ProfilePointKind> names{
      {"source", ProfilePointKind::Source},
      {"receiver", ProfilePointKind::Receiver},
      {"terrain", ProfilePointKind::Terrain},
      {"ground_change", ProfilePointKind::GroundChange},
      {"wall", ProfilePointKind::Wall},
      {"building_enter", ProfilePointKind::BuildingEnter},
      {"building_exit", ProfilePointKind::BuildingExit},
      {"vertical_edge", ProfilePointKind::VerticalEdge},
      {"reflection", ProfilePointKind::Reflection},
  };
  return names;
}

/// Altitude of the top of a reflecting segment at the plan position of a reflection point.
double segmentTopAt(const Vec3& a, const Vec3& b, const Vec3& p) {
  const Vec2 ab = plan(b) - plan(a);
  const double l2 = dot(ab, ab);
  const double t = l2 > 0.0 ? std::clamp(dot(plan(p) - plan(a), ab) / l2, 0.0, 1.0) : 0.0;
  return a.z + t * (b.z - a.z);
}

PathVertex readVertex(const JsonNode& node) {
  PathVertex v;
  const std::string kind = node.field("kind").string();
  const auto it = kindNames().find(kind);
  if (it == kindNames().end()) node.field("kind").fail("one of source, receiver, terrain, ground_change, wall, building_enter, building_exit, vertical_edge, reflection");
  v.kind = it->second;
  v.xyz = node.field("xyz").vec3();
  v.zGround = node.field("z_ground").number();
  v.g = node.field("g").number();
  if (v.g < 0.0 || v.g > 1.0) node.field("g").fail("a ground factor between 0 and 1");
  if (v.kind == ProfilePointKind::Reflection) {
    const JsonNode seg = node.field("wall_segment");
    if (seg.size() != 2) seg.fail("two points [[x, y, z_top], [x, y, z_top]]");
    v.reflectorTop = segmentTopAt(seg.element(0).vec3(), seg.element(1).vec3(), v.xyz);
    v.reflectorAlpha = node.has("alpha") ? node.field("alpha").bands() : kDefaultWallAbsorption;
    for (std::size_t i = 0; i < kBandCount; ++i)
      if (v.reflectorAlpha[i] < 0.0 || v.reflectorAlpha[i] >= 1.0)
        node.field("alpha").element(i).fail("an absorption coefficient in [0, 1)");
  }
  return v;
}

CaseProfile readProfile(const std::string& name, const JsonNode& node) {
  CaseProfile p;
  p.name = name;
  p.curved = node.has("curved") && node.field("curved").boolean();
  const JsonNode pts = node.field("points").array();
  if (pts.size() < 2) pts.fail("at least two points (source and receiver)");
  for (std::size_t i = 0; i < pts.size(); ++i) p.vertices.push_back(readVertex(pts.element(i)));
  if (p.vertices.front().kind != ProfilePointKind::Source) pts.element(0).field("kind").fail("\"source\" for the first point");
  if (p.vertices.back().kind != ProfilePointKind::Receiver)
    pts.element(pts.size() - 1).field("kind").fail("\"receiver\" for the last point");
  return p;
}

bool knownProfileName(const std::string& name) {
  static const char* names[] = {"direct", "lateral_left", "lateral_right", "lateral_left_curved",
                                "lateral_right_curved"};
  for (const char* n : names)
    if (name == n) return true;
  return name.rfind("reflection", 0) == 0;
}

}  // namespace

ConformanceCase readCase(const std::filesystem::path& path) {
  const std::string file = path.string();
  const nlohmann::json doc = parseJsonFile(file);
  const JsonNode root(doc, "$", file);
  (void)root.object();  // the document must be an object
  ConformanceCase c;
  c.file = file;
  const std::string schema = root.field("schema").string();
  if (schema != "citynoise-case/1") root.field("schema").fail("\"citynoise-case/1\"");
  c.id = root.field("id").string();
  if (root.has("title")) c.title = root.field("title").string();

  const JsonNode meteo = root.field("meteo").object();
  c.air.temperatureC = meteo.field("temperature_c").number();
  c.air.relativeHumidityPct = meteo.field("humidity_pct").number();
  c.air.pressurePa = meteo.field("pressure_pa").number();
  if (c.air.relativeHumidityPct < 0.0 || c.air.relativeHumidityPct > 100.0)
    meteo.field("humidity_pct").fail("a relative humidity between 0 and 100 %");
  if (c.air.pressurePa <= 0.0) meteo.field("pressure_pa").fail("a positive pressure in Pa");
  c.favourableProbability = meteo.field("favourable_probability").number();
  if (c.favourableProbability < 0.0 || c.favourableProbability > 1.0)
    meteo.field("favourable_probability").fail("a probability between 0 and 1");

  c.source = root.field("source").field("xyz").vec3();
  c.sourcePower = root.field("source").field("lw_db").bands();
  c.receiver = root.field("receiver").field("xyz").vec3();

  if (root.has("options")) {
    const JsonNode o = root.field("options").object();
    if (o.has("reflection_order")) c.options.reflectionOrder = o.field("reflection_order").integer();
    if (c.options.reflectionOrder < 0) o.field("reflection_order").fail("a non-negative integer");
    if (o.has("max_source_distance_m")) c.options.maxSourceDistance = o.field("max_source_distance_m").number();
    if (o.has("diffraction_over_top")) c.options.diffractionOverTop = o.field("diffraction_over_top").boolean();
    if (o.has("lateral_diffraction")) c.options.lateralDiffraction = o.field("lateral_diffraction").boolean();
  }

  if (root.has("profiles")) {
    const JsonNode profiles = root.field("profiles").object();
    for (const auto& [name, value] : profiles.raw().items()) {
      const JsonNode node(value, profiles.path() + "." + name, file);
      if (!knownProfileName(name))
        throw InputError(file, node.path(), "unknown profile name (expected direct, lateral_left, "
                                            "lateral_right, their _curved variants, or reflection)");
      CaseProfile p = readProfile(name, node.object());
      for (std::size_t i = 0; i < p.vertices.size(); ++i) {
        const PathVertex& v = p.vertices[i];
        if ((v.kind == ProfilePointKind::Source || v.kind == ProfilePointKind::Receiver) &&
            v.xyz.z < v.zGround - 1e-6)
          throw InputError(file, node.path() + ".points[" + std::to_string(i) + "]",
                           std::string(v.kind == ProfilePointKind::Source ? "source" : "receiver") +
                               " below ground (z " + std::to_string(v.xyz.z) + " < z_ground " +
                               std::to_string(v.zGround) + ")");
      }
      c.profiles.push_back(std::move(p));
    }
  }
  return c;
}

std::vector<Path3> pathsFromProfiles(const ConformanceCase& c) {
  auto find = [&](const std::string& name) -> const CaseProfile* {
    for (const CaseProfile& p : c.profiles)
      if (p.name == name) return &p;
    return nullptr;
  };
  std::vector<Path3> paths;
  auto add = [&](PathType type, const CaseProfile& p, const CaseProfile* favourable, bool hasF) {
    Path3 path;
    path.type = type;
    path.vertices = p.vertices;
    if (favourable) path.favourableVertices = favourable->vertices;
    path.hasFavourable = hasF;
    paths.push_back(std::move(path));
  };
  if (const CaseProfile* d = find("direct")) add(PathType::Direct, *d, nullptr, true);
  for (const auto& [name, type] : {std::pair{std::string("lateral_left"), PathType::LateralLeft},
                                   std::pair{std::string("lateral_right"), PathType::LateralRight}}) {
    if (const CaseProfile* p = find(name)) {
      const CaseProfile* curved = find(name + "_curved");
      add(type, *p, curved, curved != nullptr);
    }
  }
  for (const CaseProfile& p : c.profiles)
    if (p.name.rfind("reflection", 0) == 0) add(PathType::Reflection, p, nullptr, true);
  return paths;
}

}  // namespace citynoise::io
