// [[rail]]: rail and metro lines — CNOSSOS-EU vehicles on a track, or a directly given LW′.
#include "scenario_internal.hpp"

#include <citynoise/core/decibel.hpp>
#include <citynoise/core/emission/rail.hpp>
#include <citynoise/io/coefficient_tables.hpp>

#include <map>

namespace citynoise::io {
namespace {

emission::RunningCondition runningCondition(const TomlNode& t) {
  const std::string r = t.string("running", "constant");
  if (r == "constant") return emission::RunningCondition::Constant;
  if (r == "accelerating") return emission::RunningCondition::Accelerating;
  if (r == "decelerating") return emission::RunningCondition::Decelerating;
  if (r == "idling") return emission::RunningCondition::Idling;
  t.fail("running", "expected constant, accelerating, decelerating or idling");
}

/// Lines of the section: a layer's features or one inline line.
std::vector<std::pair<std::string, GisFeature>> railLines(const SourceContext& ctx, const TomlNode& s, std::string& file) {
  std::vector<std::pair<std::string, GisFeature>> out;
  file = s.path();
  if (s.has("file")) {
    file = s.pathValue("file", ctx.dir);
    GisLayer layer = readScenarioLayer(s, {"rail", GeometryKind::Line}, ctx.dir, ctx.crs, ctx.log);
    if (layer.features.empty()) throw InputError(file, layer.layer, "the rail layer is empty");
    for (GisFeature& f : layer.features) {
      const std::string id = featureName(f, s.string("id", ""));
      if (f.kind != GeometryKind::Line) throw InputError(file, id, "geometry: expected a line");
      out.emplace_back(id, std::move(f));
    }
  } else if (s.has("line")) {
    GisFeature f;
    f.kind = GeometryKind::Line;
    std::vector<Vec3> pts;
    for (const auto& p : *s.raw().get("line")->as_array()) {
      const toml::array* xy = p.as_array();
      if (!xy || xy->size() < 2) s.fail("line", "expected [[x, y], …]");
      pts.push_back({xy->get(0)->value_or(0.0), xy->get(1)->value_or(0.0), 0.0});
    }
    if (pts.size() < 2) s.fail("line", "expected at least two points");
    f.parts.push_back(pts);
    out.emplace_back(s.string("id"), std::move(f));
  } else {
    s.fail("file", "missing: give file = \"rail.shp\" or an inline line = [[x, y], …]");
  }
  return out;
}

/// Per traffic period, the emission of each source height: A (0.5 m) and B (4 m), dB/m per band.
using RailPeriods = std::map<std::string, std::pair<BandArray, BandArray>>;

/// kind = "direct": a given LW′ for one train per hour, times the trains per period; on a
/// viaduct (attribute expression `viaduct` ≠ 0), plus the viaduct term.
RailPeriods directEmission(const TomlNode& s, const SourceContext& ctx, const FeatureValues& value,
                           const std::array<std::string, kHoursPerDay>& hourPeriod) {
  const std::optional<BandArray> one = readSoundPower(s, ctx.library, "lw_per_train", "lwa_per_train");
  if (!one) s.fail("lw_per_train", "missing: give lw_per_train (8 bands, dB/m for one train per hour) or lwa_per_train and spectrum");
  BandArray viaduct{};
  const std::optional<Expression> onViaduct = s.optionalExpression("viaduct");
  if (onViaduct && value(*onViaduct, "viaduct") != 0.0) {
    // Direct fastening on a concrete viaduct radiates ≈ 4–5 dB more (methods.md A.2) [D].
    viaduct = s.has("viaduct_db") ? (s.raw().get("viaduct_db")->is_array() ? s.bands("viaduct_db") : filled(s.number("viaduct_db")))
                                   : filled(4.5);
  }
  const auto trains = s.table("trains");
  if (!trains) s.fail("trains", "missing: give trains = { <period> = trains per hour, … }");
  RailPeriods byPeriod;
  for (const std::string& p : hourPeriod) {
    if (byPeriod.count(p)) continue;
    if (!trains->has(p.c_str())) trains->fail(p, "missing: trains per hour in period " + p);
    const double n = value(trains->expression(p.c_str()), "trains." + p);
    if (n < 0.0) throw InputError(value.file, value.id, "trains." + p + ": negative number of trains");
    byPeriod[p] = {emission::directRailLine(*one, n, viaduct), filled(kSilenceDb)};
  }
  return byPeriod;
}

/// [rail.track]: the track's transfer, roughness and structure codes (CNOSSOS-EU tables).
emission::RailTrack readTrack(const TomlNode& s) {
  const auto t = s.table("track");
  if (!t) s.fail("track", "missing: the track (transfer, roughness, …)");
  emission::RailTrack track;
  track.trackTransfer = t->string("transfer");
  track.railRoughness = t->string("roughness");
  track.impact = t->string("impact", "");
  track.bridge = t->string("bridge", "");
  track.superstructure = t->string("superstructure", "");
  track.curvature = static_cast<int>(t->number("curvature", 0));
  track.tunnel = t->boolean("tunnel", false);
  track.tracks = static_cast<int>(t->number("tracks", 1));
  return track;
}

/// The CNOSSOS-EU rail tables and vehicle types a section uses.
struct RailModel {
  emission::RailTables tables;
  std::map<std::string, emission::RailVehicleType> vehicles;
  emission::RailTrack track;
};

/// Energy sum over the trains of period `p` of each source height's third-octave LW′.
std::array<emission::ThirdOctaveArray, emission::kRailSources> trainsOfPeriod(const std::vector<TomlNode>& trains, const RailModel& m,
                                                                              const FeatureValues& value, const std::string& p) {
  std::array<emission::ThirdOctaveArray, emission::kRailSources> sum{};
  for (auto& x : sum) x.fill(0.0);
  for (const TomlNode& tr : trains) {
    const std::string type = tr.string("vehicle");
    const auto v = m.vehicles.find(type);
    if (v == m.vehicles.end()) tr.fail("vehicle", "unknown vehicle type \"" + type + "\"");
    const auto perHour = tr.table("per_hour");
    if (!perHour || !perHour->has(p.c_str())) tr.fail("per_hour", "missing the vehicles per hour of period " + p);
    const double n = value(perHour->expression(p.c_str()), "per_hour." + p);
    if (n < 0.0) tr.fail("per_hour", "negative number of vehicles");
    const double speed = tr.number("speed");
    if (speed <= 0.0) tr.fail("speed", "expected a positive speed in km/h");
    try {
      const auto lw = emission::railLineEmission(m.tables, v->second, m.track, speed, runningCondition(tr), tr.number("units", 1.0), n);
      for (std::size_t k = 0; k < emission::kRailSources; ++k)
        for (std::size_t i = 0; i < emission::kThirdOctaves; ++i) sum[k][i] += dbToEnergy(lw[k][i]);
    } catch (const std::invalid_argument& e) {
      tr.fail("vehicle", e.what());
    }
  }
  return sum;
}

/// kind = "cnossos": [[rail.trains]] of CNOSSOS-EU vehicles on the track, folded to octaves and
/// gathered at the two source heights.
RailPeriods cnossosEmission(const TomlNode& s, const RailModel& m, const FeatureValues& value,
                            const std::array<std::string, kHoursPerDay>& hourPeriod) {
  const std::vector<TomlNode> trains = s.tables("trains");
  if (trains.empty()) s.fail("trains", "missing: [[rail.trains]] vehicle = …, speed = …, per_hour = { … }");
  RailPeriods byPeriod;
  for (const std::string& p : hourPeriod) {
    if (byPeriod.count(p)) continue;
    const auto sum = trainsOfPeriod(trains, m, value, p);
    EnergySum a, b;
    for (std::size_t k = 0; k < emission::kRailSources; ++k) {
      emission::ThirdOctaveArray thirds{};
      for (std::size_t i = 0; i < emission::kThirdOctaves; ++i) thirds[i] = energyToDb(sum[k][i]);
      (emission::sourceHeight(static_cast<emission::RailSource>(k)) > 1.0 ? b : a).add(emission::foldToOctaves(thirds));
    }
    byPeriod[p] = {a.levels(), b.levels()};
  }
  return byPeriod;
}

/// The line source: each part at 0.5 m over the rail head (A) and, for CNOSSOS-EU, at 4 m (B).
SourceObject railSource(const std::string& id, const GisFeature& f, const std::string& kind, double railHead,
                        const RailPeriods& byPeriod, const std::array<std::string, kHoursPerDay>& hourPeriod) {
  SourceObject rail;
  rail.id = id;
  rail.sourceClass = SourceClass::Rail;
  rail.kind = kind == "direct" ? "rail (direct LW')" : "rail (CNOSSOS-EU)";
  for (const std::vector<Vec3>& part : f.parts)
    for (int level = 0; level < 2; ++level) {
      if (level == 1 && kind == "direct") continue;
      SourceElement e;
      e.shape = SourceShape::Line;
      const double z = railHead + (level == 0 ? 0.5 : 4.0);
      for (const Vec3& p : part) e.geometry.push_back({p.x, p.y, z});
      for (std::size_t h = 0; h < kHoursPerDay; ++h) {
        const auto& ab = byPeriod.at(hourPeriod[h]);
        e.power[h] = level == 0 ? ab.first : ab.second;
      }
      rail.elements.push_back(std::move(e));
    }
  return rail;
}

}  // namespace

void readRail(const SourceContext& ctx) {
  const std::array<std::string, kHoursPerDay> hourPeriod = trafficPeriods(ctx.root);
  for (const TomlNode& s : ctx.root.tables("rail")) {
    std::string file;
    const auto lines = railLines(ctx, s, file);
    const std::string kind = s.string("kind", "direct");
    const std::optional<Expression> height = s.optionalExpression("height");  // rail head above ground
    for (const auto& [id, f] : lines) {
      const FeatureValues value{f, file, id};
      RailPeriods byPeriod;
      if (kind == "direct") {
        byPeriod = directEmission(s, ctx, value, hourPeriod);
      } else if (kind == "cnossos") {
        const RailModel model{loadRailTables(s.string("tables", "RailwayEmissionCnossos.json")),
                              loadRailVehicles(s.string("vehicles", "RailwayVehiclesCnossos.json")), readTrack(s)};
        byPeriod = cnossosEmission(s, model, value, hourPeriod);
      } else {
        s.fail("kind", "expected \"direct\" or \"cnossos\"");
      }
      const double railHead = height ? value(*height, "height") : 0.0;
      ctx.out.push_back(railSource(id, f, kind, railHead, byPeriod, hourPeriod));
    }
  }
}

}  // namespace citynoise::io
