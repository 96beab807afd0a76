// [variants.NAME]: a variant's edits of the base scenario (see scenario_variants.hpp).
#include "scenario_variants.hpp"

#include "scenario_internal.hpp"

#include <citynoise/core/geometry2d.hpp>

#include <algorithm>

namespace citynoise::io {
namespace {

double nonNegative(const TomlNode& t, const char* key, const std::string& what) {
  const double v = t.number(key, 0.0);
  if (v < 0.0) t.fail(key, "a negative " + what + " (" + std::to_string(v) + ")");
  return v;
}

/// The variant's table, or an error listing the variants the file declares.
toml::table variantTable(const toml::table& doc, const std::string& name, const std::string& fileName) {
  const toml::table* all = doc["variants"].as_table();
  const toml::table* v = all ? (*all)[name].as_table() : nullptr;
  if (!v) {
    std::string known;
    for (const std::string& n : variantNames(doc)) known += (known.empty() ? "" : ", ") + n;
    throw InputError(fileName, "variants." + name, "no such variant (the file declares: " + (known.empty() ? "none" : known) + ")");
  }
  return *v;  // a copy: the document changes while the variant is applied
}

void checkVariantKeys(const TomlNode& node) {
  for (const auto& [key, value] : node.raw())
    if (key != "description" && key != "barriers" && key != "berms" && key != "edit" && key != "road_edits" && key != "costs" &&
        key != "insulation")
      node.fail(std::string(key.str()), "unknown key: a variant has description, barriers, berms, edit, road_edits, insulation and costs");
}

/// [[variants.X.barriers]]: appended to the base's [[barriers]]; their cost per metre is priced
/// once the walls are built (finishVariant).
void appendBarriers(const TomlNode& node, toml::table& doc, VariantParts& parts, Scenario& s) {
  for (const TomlNode& b : node.tables("barriers")) {
    const std::string id = b.string("id");
    const double perMetre = nonNegative(b, "cost_per_metre", "cost");
    if (perMetre > 0.0) parts.barrierCosts.emplace_back(id, perMetre);
    s.addedBarriers.push_back(id);
    toml::table copy = b.raw();
    copy.erase("cost_per_metre");
    if (!doc["barriers"].as_array()) doc.insert_or_assign("barriers", toml::array{});
    doc["barriers"].as_array()->push_back(std::move(copy));
  }
}

/// The crest axis of a berm: line = [[x, y], [x, y]] (an empty list when malformed).
std::vector<double> bermAxis(const TomlNode& b) {
  std::vector<double> xy;
  const toml::array* line = b.raw().get("line") ? b.raw().get("line")->as_array() : nullptr;
  if (line)
    for (const auto& p : *line)
      if (const toml::array* q = p.as_array(); q && q->size() == 2) xy.push_back(q->get(0)->value_or(0.0)), xy.push_back(q->get(1)->value_or(0.0));
  return xy;
}

/// [[variants.X.berms]]: earth berms, part of the terrain (a TIN) in the variant.
void readBerms(const TomlNode& node, VariantParts& parts, Scenario& s) {
  for (const TomlNode& b : node.tables("berms")) {
    Berm berm;
    berm.id = b.string("id");
    berm.source = b.path();
    const std::vector<double> xy = bermAxis(b);
    if (xy.size() != 4) b.fail("line", "expected the crest axis as two points [[x, y], [x, y]] (one straight berm)");
    berm.a = {xy[0], xy[1]}, berm.b = {xy[2], xy[3]};
    berm.height = b.number("height");
    berm.crestWidth = b.number("crest_width", 1.0);
    berm.baseWidth = b.number("base_width", berm.crestWidth + 4.0 * berm.height);  // 1:2 slopes unless given
    if (!(berm.height > 0.0) || !(berm.crestWidth > 0.0) || !(berm.baseWidth > berm.crestWidth) || (berm.a.x == berm.b.x && berm.a.y == berm.b.y))
      b.fail("height", "expected height > 0, base_width > crest_width > 0 and two distinct points");
    const double perMetre = nonNegative(b, "cost_per_metre", "cost");
    if (perMetre > 0.0) s.costs.push_back({"berm " + berm.id, length(berm.b - berm.a), "m", perMetre});
    parts.berms.push_back(std::move(berm));
  }
}

/// [[variants.X.edit]]: the keys of `set` replace those of the source table with that id.
void editSourceTables(const TomlNode& node, toml::table& doc) {
  for (const TomlNode& e : node.tables("edit")) {
    const std::string section = e.string("section"), id = e.string("id");
    toml::array* tables = doc[section].as_array();
    if (!tables) e.fail("section", "the scenario has no [[" + section + "]]");
    toml::table* target = nullptr;
    for (auto& t : *tables)
      if (toml::table* tt = t.as_table(); tt && (*tt)["id"].value_or(std::string()) == id) target = tt;
    if (!target) e.fail("id", "no [[" + section + "]] with id \"" + id + "\"");
    const auto set = e.table("set");
    if (!set) e.fail("set", "missing: the keys to change, e.g. set = { smart = true }");
    for (const auto& [k, value] : set->raw()) target->insert_or_assign(k, value);
  }
}

/// [[variants.X.road_edits]]: changes of road features of GIS layers (applied by RoadEditLedger).
void readRoadEdits(const TomlNode& node, VariantParts& parts) {
  for (const TomlNode& r : node.tables("road_edits")) {
    RoadEdit edit;
    edit.where = r.path();
    edit.all = r.boolean("all", false);
    if (r.has("ids")) edit.ids = r.strings("ids");
    if (edit.ids.empty() && !edit.all) r.fail("ids", "missing: the road ids to change, or all = true");
    if (r.has("surface_code")) edit.surface = r.string("surface_code");
    if (r.has("speed")) {
      edit.speed = r.number("speed");
      if (*edit.speed <= 0.0) r.fail("speed", "expected a speed in km/h");
    }
    edit.flowFactor = nonNegative(r, "flow_factor", "flow factor");
    if (!r.has("flow_factor")) edit.flowFactor = 1.0;
    edit.costPerM2 = nonNegative(r, "cost_per_m2", "cost");
    edit.widthM = nonNegative(r, "width", "width");
    if (edit.costPerM2 > 0.0 && edit.widthM <= 0.0) r.fail("width", "missing: the paved width (m) that cost_per_m2 applies to");
    parts.roadEdits.push_back(std::move(edit));
  }
}

/// [[variants.X.insulation]]: better windows (R_w + C_tr) per building, and their cost per window.
void readInsulation(const TomlNode& node, Scenario& s) {
  for (const TomlNode& w : node.tables("insulation")) {
    InsulationEdit edit;
    edit.where = w.path();
    edit.all = w.boolean("all", false);
    if (w.has("buildings")) edit.buildings = w.strings("buildings");
    if (edit.buildings.empty() && !edit.all) w.fail("buildings", "missing: the building ids, or all = true");
    edit.rwCtr = w.number("rw_ctr");
    if (edit.rwCtr <= 0.0 || edit.rwCtr > 70.0) w.fail("rw_ctr", "expected the windows' R_w + C_tr in dB (about 20 to 50)");
    const double perWindow = nonNegative(w, "cost_per_window", "cost");
    if (perWindow > 0.0) {
      if (!w.has("windows")) w.fail("windows", "missing: how many windows cost_per_window applies to");
      s.costs.push_back({"windows R_w + C_tr " + std::to_string(static_cast<int>(edit.rwCtr)) + " dB (" + edit.where + ")",
                         nonNegative(w, "windows", "number of windows"), "window", perWindow});
    }
    s.insulation.push_back(std::move(edit));
  }
}

/// [[variants.X.costs]]: lump sums and other priced items.
void readCosts(const TomlNode& node, Scenario& s) {
  for (const TomlNode& c : node.tables("costs")) {
    CostItem item{c.string("item"), nonNegative(c, "quantity", "quantity"), c.string("unit", "item"), nonNegative(c, "unit_cost", "cost")};
    if (!c.has("quantity")) item.quantity = 1.0;
    s.costs.push_back(std::move(item));
  }
}

/// The first building a plan polyline enters (nullptr: none).
const Building* buildingEntered(const std::vector<Vec2>& line, const std::vector<Building>& buildings) {
  for (const Building& b : buildings)
    for (std::size_t i = 0; i + 1 < line.size(); ++i)
      if (segmentEntersRing(line[i], line[i + 1], b.footprint)) return &b;
  return nullptr;
}

void priceBarriers(const VariantParts& parts, Scenario& s) {
  for (const auto& [id, perMetre] : parts.barrierCosts) {
    double metres = 0.0;
    for (const Wall& w : s.scene.walls)
      if (w.id == id) metres += planLength(w.polyline);
    s.costs.push_back({"barrier " + id, metres, "m", perMetre});
  }
}

/// A berm lies on a TIN and in the open (neither across nor over a building).
void addBerms(VariantParts& parts, const std::string& fileName, Scenario& s) {
  for (Berm& berm : parts.berms) {
    if (s.scene.dem) throw InputError(fileName, berm.source, "a berm needs a terrain of elevation points or contours (a TIN), not a raster DEM");
    const std::array<Vec2, 4> toe = bermOutline(berm, berm.baseWidth);
    const Building* crossed = buildingEntered({toe[0], toe[1], toe[2], toe[3], toe[0]}, s.scene.buildings);
    for (const Building& b : s.scene.buildings)
      if (!crossed && insideRing(toe, b.footprint.front())) crossed = &b;  // a building wholly under the berm
    if (crossed) throw InputError(fileName, "variants." + s.variant + ".berms: " + berm.id, "the berm crosses building " + crossed->id);
    berm.source = fileName + ": " + berm.source;
    s.scene.berms.push_back(berm);
  }
}

/// A variant's barriers must stand in the open: one that crosses a footprint is a mistake in
/// its line (or a building that should have been removed).
void checkVariantBarriers(const Scenario& s, const std::string& fileName) {
  for (const Wall& w : s.scene.walls) {
    if (std::find(s.addedBarriers.begin(), s.addedBarriers.end(), w.id) == s.addedBarriers.end()) continue;
    std::vector<Vec2> line;
    for (const Vec3& p : w.polyline) line.push_back(plan(p));
    if (const Building* b = buildingEntered(line, s.scene.buildings))
      throw InputError(fileName, "variants." + s.variant + ".barriers: " + w.id, "the barrier crosses building " + b->id);
  }
}

void checkInsulatedBuildings(const Scenario& s, const std::string& fileName) {
  for (const InsulationEdit& e : s.insulation)
    for (const std::string& id : e.buildings)
      if (std::none_of(s.scene.buildings.begin(), s.scene.buildings.end(), [&](const Building& b) { return b.id == id; }))
        throw InputError(fileName, e.where, "buildings: no building with id \"" + id + "\"");
}

}  // namespace

std::vector<std::string> variantNames(const toml::table& doc) {
  std::vector<std::string> names;
  if (const toml::table* v = doc["variants"].as_table())
    for (const auto& [key, value] : *v) names.emplace_back(key.str());
  return names;
}

VariantParts beginVariant(toml::table& doc, const std::string& name, const std::string& fileName, Scenario& s) {
  s.variant = name;
  VariantParts parts;
  if (name.empty()) return parts;
  const toml::table variant = variantTable(doc, name, fileName);
  const TomlNode node(variant, "variants." + name, fileName);
  checkVariantKeys(node);
  s.variantDescription = node.string("description", "");
  appendBarriers(node, doc, parts, s);
  readBerms(node, parts, s);
  editSourceTables(node, doc);
  readRoadEdits(node, parts);
  readInsulation(node, s);
  readCosts(node, s);
  doc.erase("variants");
  return parts;
}

void finishVariant(VariantParts& parts, const std::string& fileName, Scenario& s) {
  priceBarriers(parts, s);
  addBerms(parts, fileName, s);
  checkVariantBarriers(s, fileName);
  checkInsulatedBuildings(s, fileName);
}

// ---- RoadEditLedger ---------------------------------------------------------------------------

namespace {
const std::vector<RoadEdit> kNoRoadEdits;
}

RoadEditLedger::RoadEditLedger(const std::vector<RoadEdit>* edits, const emission::RoadCoefficients& coefficients,
                               const std::string& scenarioFile)
    : edits_(edits ? *edits : kNoRoadEdits),
      coefficients_(coefficients),
      scenarioFile_(scenarioFile),
      matched_(edits_.size()),
      pavedLength_(edits_.size(), 0.0) {}

RoadChange RoadEditLedger::apply(const std::string& id, const GisFeature& f, std::string& surface) {
  RoadChange change;
  for (std::size_t k = 0; k < edits_.size(); ++k) {
    const RoadEdit& e = edits_[k];
    if (!e.all && std::find(e.ids.begin(), e.ids.end(), id) == e.ids.end()) continue;
    matched_[k].insert(id);
    if (e.surface) {
      if (!coefficients_.surfaces.count(*e.surface))
        throw InputError(scenarioFile_, e.where, "surface_code: unknown road surface code \"" + *e.surface + "\"");
      surface = *e.surface;
    }
    if (e.speed) change.speed = e.speed;
    change.flowFactor *= e.flowFactor;
    for (const auto& part : f.parts) pavedLength_[k] += planLength(std::vector<Vec3>(part.begin(), part.end()));
  }
  return change;
}

void RoadEditLedger::finish(std::vector<CostItem>* costs) const {
  for (std::size_t k = 0; k < edits_.size(); ++k) {
    const RoadEdit& e = edits_[k];
    for (const std::string& id : e.ids)
      if (!matched_[k].count(id)) throw InputError(scenarioFile_, e.where, "ids: no road with id \"" + id + "\"");
    if (e.costPerM2 > 0.0 && costs)
      costs->push_back({"road works (" + (e.surface ? "surface " + *e.surface : std::string("roads")) + ", " + e.where + ")",
                        pavedLength_[k] * e.widthM, "m2", e.costPerM2});
  }
}

}  // namespace citynoise::io
