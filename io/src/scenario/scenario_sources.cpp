// [[construction]], [[loudspeakers]], [[commercial]]: point and area sources with schedules.
#include "scenario_internal.hpp"

#include <citynoise/core/decibel.hpp>

#include <cmath>
#include <numbers>

namespace citynoise::io {
namespace {

std::optional<Vec3> readPoint(const TomlNode& t, const char* key, double z) {
  if (!t.has(key)) return std::nullopt;
  const std::vector<double> xy = t.numbers(key);
  if (xy.size() != 2) t.fail(key, "expected [x, y]");
  return Vec3{xy[0], xy[1], z};
}

std::vector<Vec3> readPolygon(const TomlNode& t, const char* key, double z) {
  const toml::array* a = t.raw().get(key) ? t.raw().get(key)->as_array() : nullptr;
  if (!a) t.fail(key, "expected [[x, y], …]");
  std::vector<Vec3> ring;
  for (const auto& p : *a) {
    const toml::array* xy = p.as_array();
    if (!xy || xy->size() != 2 || !xy->get(0)->is_number() || !xy->get(1)->is_number()) t.fail(key, "expected [[x, y], …]");
    ring.push_back({xy->get(0)->value_or(0.0), xy->get(1)->value_or(0.0), z});
  }
  if (ring.size() > 1 && ring.front().x == ring.back().x && ring.front().y == ring.back().y) ring.pop_back();
  if (ring.size() < 3 || planArea(ring) <= 0.0) t.fail(key, "expected a polygon of at least three points with an area");
  return ring;
}

Schedule scheduleOf(const TomlNode& s) {
  const auto t = s.table("schedule");
  if (!t) s.fail("schedule", "missing: when does it run? schedule = { windows = [\"HH:MM-HH:MM\"], days = \"all\" }");
  return readSchedule(*t);
}

bool runsAtNight(const Schedule& s) {
  const HourlyValues a = activeDay(s);
  for (int h = 0; h < kHoursPerDay; ++h)
    if (kChinaNight.contains(h) && a[static_cast<std::size_t>(h)] > 0.0) return true;
  return false;
}

/// Compass bearing (degrees clockwise from north) to a direction in the plan.
Vec3 bearingDirection(double bearingDeg, double tiltDeg) {
  const double b = bearingDeg * std::numbers::pi / 180.0, t = tiltDeg * std::numbers::pi / 180.0;
  return {std::sin(b) * std::cos(t), std::cos(b) * std::cos(t), std::sin(t)};
}

}  // namespace

void readConstruction(const SourceContext& ctx) {
  for (const TomlNode& s : ctx.root.tables("construction")) {
    SourceObject site;
    site.id = s.string("id");
    site.sourceClass = SourceClass::Construction;
    site.kind = "construction site";
    const Schedule schedule = scheduleOf(s);
    const std::vector<TomlNode> equipment = s.tables("equipment");
    if (equipment.empty()) s.fail("equipment", "missing: [[construction.equipment]] source = \"excavator\", …");
    const std::optional<std::vector<Vec3>> area = s.has("polygon") ? std::optional(readPolygon(s, "polygon", 1.5)) : std::nullopt;
    BandArray spread = filled(kSilenceDb);  // total power of the equipment without a position
    double spreadHeight = 0.0, spreadCount = 0.0;
    double loudestNight = -1e300;
    for (const TomlNode& e : equipment) {
      const LibraryEntry* lib = e.has("source") ? findLibrary(ctx.library, e.string("source")) : nullptr;
      const std::optional<BandArray> lw = readSoundPower(e, ctx.library, "lw", "lwa");
      if (!lw) e.fail("lwa", "missing sound power: give source = \"<library key>\", lwa (+ spectrum) or lw");
      const double count = e.number("count", 1.0);
      if (count <= 0.0) e.fail("count", "expected a positive number of machines");
      const double height = e.number("height", lib ? lib->height : 1.5);
      Schedule own = schedule;
      if (e.has("on_time")) {
        const double on = e.number("on_time");
        if (on <= 0.0 || on > 1.0) e.fail("on_time", "expected a share of time in (0, 1]");
        for (ScheduleRule& r : own.rules) r.onTime = on;
      }
      const BandArray total = *lw + 10.0 * std::log10(count);
      if (const auto p = readPoint(e, "position", height)) {
        SourceElement el;
        el.shape = SourceShape::Point;
        el.geometry = {*p};
        el.power = scheduled(total, averageDay(own));
        site.elements.push_back(std::move(el));
      } else {
        if (!area) e.fail("position", "missing: give the machine a position = [x, y], or the site a polygon to spread it over");
        for (std::size_t i = 0; i < kBandCount; ++i) spread[i] = addLevels(spread[i], total[i]);
        spreadHeight += height * count, spreadCount += count;
      }
      // GB 12523 night maximum: the loudest single machine at night; impulsive plant +12 dB
      // (Lmax ≈ LAeq + 10–15 dB, methods.md B.5) [E].
      if (runsAtNight(own)) {
        const BandArray max = *lw + ((lib && lib->impulsive) || e.boolean("impulsive", false) ? 12.0 : 0.0);
        if (totalLevel(aWeighted(max)) > loudestNight) loudestNight = totalLevel(aWeighted(max)), site.nightMaxPower = max;
      }
    }
    if (spreadCount > 0.0) {
      // The machines without a position run over the whole site: an area source.
      SourceElement el;
      el.shape = SourceShape::Area;
      for (Vec3 p : *area) p.z = spreadHeight / spreadCount, el.geometry.push_back(p);
      el.power = scheduled(spread - 10.0 * std::log10(planArea(*area)), averageDay(schedule));
      site.elements.push_back(std::move(el));
    }
    // Point and area elements in one object: emission.csv reports the site's total power.
    ctx.out.push_back(std::move(site));
  }
}

void readLoudspeakers(const SourceContext& ctx) {
  for (const TomlNode& s : ctx.root.tables("loudspeakers")) {
    SourceObject speaker;
    speaker.id = s.string("id");
    speaker.sourceClass = SourceClass::SquareDance;
    const bool smart = s.boolean("smart", false);
    speaker.kind = smart ? "smart loudspeaker" : "loudspeaker";
    std::optional<BandArray> lw = readSoundPower(s, ctx.library, "lw", "lwa");
    if (!lw) s.fail("lwa", "missing sound power: give source = \"square_dance_speaker\", lwa (+ spectrum) or lw");
    // A smart speaker: a directional array aimed into the plaza at lower power (−6 dB unless the
    // power is given explicitly).
    if (smart && !s.has("lw") && !s.has("lwa")) *lw = *lw - 6.0;
    const LibraryEntry* lib = s.has("source") ? findLibrary(ctx.library, s.string("source")) : nullptr;
    const double height = s.number("height", lib ? lib->height : 1.25);
    const auto position = readPoint(s, "position", height);
    if (!position) s.fail("position", "missing: position = [x, y]");
    if (s.has("aim_at")) {
      const auto target = readPoint(s, "aim_at", height);
      speaker.aim = Vec3{target->x - position->x, target->y - position->y, 0.0};
      if (length(speaker.aim) == 0.0) s.fail("aim_at", "the aim point is the loudspeaker's own position");
      const double tilt = s.number("tilt", 0.0) * std::numbers::pi / 180.0;
      speaker.aim = speaker.aim * (1.0 / length(speaker.aim));
      speaker.aim = {speaker.aim.x * std::cos(tilt), speaker.aim.y * std::cos(tilt), std::sin(tilt)};
    } else {
      speaker.aim = bearingDirection(s.number("aim", 0.0), s.number("tilt", 0.0));
    }
    const toml::node* d = s.raw().get("directivity");
    try {
      if (d && d->is_string() && d->as_string()->get() == "omni") speaker.directivity = {};
      else if (d && d->is_table()) {
        const TomlNode dt(*d->as_table(), s.path() + ".directivity", s.file());
        if (dt.has("angles")) {
          std::vector<BandArray> levels;
          const toml::array* rows = dt.raw().get("levels") ? dt.raw().get("levels")->as_array() : nullptr;
          if (!rows) dt.fail("levels", "expected one array of 8 levels per angle");
          for (const auto& row : *rows) {
            const toml::array* r = row.as_array();
            if (!r || r->size() != kBandCount) dt.fail("levels", "expected one array of 8 levels per angle");
            BandArray b{};
            for (std::size_t i = 0; i < kBandCount; ++i) b[i] = r->get(i)->value_or(0.0);
            levels.push_back(b);
          }
          speaker.directivity = emission::Directivity::table(dt.numbers("angles"), levels);
        } else {
          speaker.directivity = emission::Directivity::piston(dt.number("radius", smart ? 0.3 : 0.15), dt.number("rear_db", smart ? -20.0 : -15.0));
        }
      } else if (d) {
        s.fail("directivity", "expected \"omni\" or a table { radius, rear_db } or { angles, levels }");
      } else {
        speaker.directivity = emission::Directivity::piston(smart ? 0.3 : 0.15, smart ? -20.0 : -15.0);
      }
    } catch (const std::invalid_argument& e) {
      s.fail("directivity", e.what());
    }
    const double count = s.number("count", 1.0);
    if (count <= 0.0) s.fail("count", "expected a positive number of loudspeakers");
    SourceElement el;
    el.shape = SourceShape::Point;
    el.geometry = {*position};
    el.power = scheduled(*lw + 10.0 * std::log10(count), averageDay(scheduleOf(s)));
    speaker.elements.push_back(std::move(el));
    ctx.out.push_back(std::move(speaker));
  }
}

void readCommercial(const SourceContext& ctx) {
  for (const TomlNode& s : ctx.root.tables("commercial")) {
    SourceObject src;
    src.id = s.string("id");
    src.sourceClass = SourceClass::Commercial;
    src.kind = s.string("kind", s.has("polygon") ? "commercial area" : "commercial point");
    const LibraryEntry* lib = s.has("source") ? findLibrary(ctx.library, s.string("source")) : nullptr;
    const double height = s.number("height", lib ? lib->height : 1.5);
    const HourlyValues share = averageDay(scheduleOf(s));
    SourceElement el;
    if (s.has("polygon")) {
      el.shape = SourceShape::Area;
      el.geometry = readPolygon(s, "polygon", height);
      const double area = planArea(el.geometry);
      std::optional<BandArray> perM2;
      if (s.has("lw_per_m2")) perM2 = s.bands("lw_per_m2");
      else if (s.has("lwa_per_m2")) perM2 = readSoundPower(s, ctx.library, "lw_per_m2", "lwa_per_m2");
      else if (const auto total = readSoundPower(s, ctx.library, "lw", "lwa")) {
        // Library entries "…_per_100m2" give the power of 100 m²; otherwise it is the area's total.
        const bool per100 = lib && !s.has("lwa") && !s.has("lw") && lib->key.size() > 10 &&
                            lib->key.compare(lib->key.size() - 10, 10, "_per_100m2") == 0;
        perM2 = *total - (per100 ? 20.0 : 10.0 * std::log10(area));
      }
      if (!perM2) s.fail("lwa", "missing sound power: give lw_per_m2, lwa_per_m2 (+ spectrum), lwa (total), or source");
      el.power = scheduled(*perM2, share);
    } else {
      const auto p = readPoint(s, "position", height);
      if (!p) s.fail("position", "missing: position = [x, y] or polygon = [[x, y], …]");
      el.shape = SourceShape::Point;
      el.geometry = {*p};
      const std::optional<BandArray> lw = readSoundPower(s, ctx.library, "lw", "lwa");
      if (!lw) s.fail("lwa", "missing sound power: give source = \"<library key>\", lwa (+ spectrum) or lw");
      el.power = scheduled(*lw + 10.0 * std::log10(s.number("count", 1.0)), share);
    }
    src.elements.push_back(std::move(el));
    ctx.out.push_back(std::move(src));
  }
}

}  // namespace citynoise::io
