#include <citynoise/io/case_file.hpp>

#include "json_reader.hpp"

namespace citynoise::io {
namespace {

Ring2 readRing(const JsonNode& node) {
  const JsonNode arr = node.array();
  if (arr.size() < 3) arr.fail("a polygon of at least 3 points");
  Ring2 ring;
  for (std::size_t i = 0; i < arr.size(); ++i) ring.push_back(arr.element(i).vec2());
  return ring;
}

std::optional<BandArray> readAlpha(const JsonNode& owner) {
  if (!owner.has("alpha")) return std::nullopt;
  const JsonNode a = owner.field("alpha");
  const BandArray alpha = a.bands();
  for (std::size_t i = 0; i < kBandCount; ++i)
    if (alpha[i] < 0.0 || alpha[i] >= 1.0) a.element(i).fail("an absorption coefficient in [0, 1)");
  return alpha;
}

}  // namespace

SceneDescription readCaseScene(const std::filesystem::path& path) {
  const std::string file = path.string();
  const nlohmann::json doc = parseJsonFile(file);
  const JsonNode scene = JsonNode(doc, "$", file).field("scene").object();
  SceneDescription s;

  if (scene.has("terrain_breaklines")) {
    const JsonNode lines = scene.field("terrain_breaklines").array();
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const JsonNode seg = lines.element(i);
      if (seg.size() != 2) seg.fail("a segment [[x, y, z], [x, y, z]]");
      s.breaklines.push_back({seg.element(0).vec3(), seg.element(1).vec3(), seg.path()});
    }
  }
  if (scene.has("ground")) {
    const JsonNode ground = scene.field("ground").object();
    s.defaultG = ground.field("default_g").number();
    if (ground.has("areas")) {
      const JsonNode areas = ground.field("areas").array();
      for (std::size_t i = 0; i < areas.size(); ++i) {
        const JsonNode a = areas.element(i).object();
        GroundArea area;
        area.id = a.path();
        area.polygon = readRing(a.field("polygon"));
        area.g = a.field("g").number();
        if (area.g < 0.0 || area.g > 1.0) a.field("g").fail("a ground factor between 0 and 1");
        s.groundAreas.push_back(std::move(area));
      }
    }
  }
  if (scene.has("buildings")) {
    const JsonNode list = scene.field("buildings").array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      const JsonNode b = list.element(i).object();
      Building building;
      building.id = b.has("id") ? b.field("id").string() : b.path();
      building.footprint = readRing(b.field("footprint"));
      building.roofAltitude = b.field("z_roof").number();
      building.alpha = readAlpha(b);
      s.buildings.push_back(std::move(building));
    }
  }
  if (scene.has("walls")) {
    const JsonNode list = scene.field("walls").array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      const JsonNode w = list.element(i).object();
      Wall wall;
      wall.id = w.has("id") ? w.field("id").string() : w.path();
      const JsonNode line = w.field("polyline").array();
      if (line.size() < 2) line.fail("a polyline of at least 2 points [x, y, z_top]");
      for (std::size_t k = 0; k < line.size(); ++k) wall.polyline.push_back(line.element(k).vec3());
      wall.alpha = readAlpha(w);
      s.walls.push_back(std::move(wall));
    }
  }
  return s;
}

}  // namespace citynoise::io
