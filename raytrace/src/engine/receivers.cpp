#include <citynoise/raytrace/receivers.hpp>

#include <citynoise/core/assessment.hpp>

#include <cmath>

namespace citynoise::raytrace {
namespace {

int zoneIndex(const std::string& zone) {
  const auto& limits = gb3096Limits();
  for (std::size_t i = 0; i < limits.size(); ++i)
    if (zone == limits[i].zone) return static_cast<int>(i);
  return -1;
}

/// Inside a building below its roof, or under the terrain.
bool blocked(const Scene& scene, const Vec3& p) {
  if (p.z < scene.terrain().heightAt(plan(p))) return true;
  const int b = scene.obstacles().buildingAt(plan(p));
  return b >= 0 && p.z < scene.obstacles().buildings()[static_cast<std::size_t>(b)].roofAltitude;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void facadeReceivers(const Scene& scene, const SceneDescription& d, const FacadeReceiverSpec& spec, ReceiverSet& out) {
  const auto& segments = scene.obstacles().segments();
  const auto& buildings = scene.obstacles().buildings();
  std::vector<int> segmentIndex(buildings.size(), 0);
  std::vector<bool> inFocus(buildings.size(), true);
  if (spec.bounds)
    for (std::size_t i = 0; i < buildings.size(); ++i) {
      Box2 box;
      for (const Vec2& p : buildings[i].footprint) box.extend(p);
      inFocus[i] = box.overlaps(*spec.bounds);
    }
  for (std::uint32_t s = 0; s < segments.size(); ++s) {
    const ObstacleSegment& seg = segments[s];
    if (seg.isWall) continue;
    const Building& b = buildings[seg.object];
    const int local = segmentIndex[seg.object]++;
    if (!inFocus[seg.object]) continue;
    const double len = length(seg.b - seg.a);
    if (len < spec.minSegment) continue;
    const int n = std::max(1, static_cast<int>(std::lround(len / spec.spacing)));
    for (int k = 0; k < n; ++k) {
      const Vec2 foot = seg.a + (seg.b - seg.a) * ((k + 0.5) / n);
      const Vec2 xy = foot + seg.outward * spec.distance;
      const double ground = scene.terrain().heightAt(xy);
      const int floors = std::max(1, static_cast<int>(std::floor((b.roofAltitude - ground) / spec.storeyHeight + 1e-9)));
      for (int f = 0; f < floors; f += std::max(1, spec.everyNthFloor)) {
        const Vec3 p{xy.x, xy.y, ground + f * spec.storeyHeight + spec.heightAboveFloor};
        if (p.z >= b.roofAltitude || blocked(scene, p)) {
          ++out.droppedInside;
          continue;
        }
        Receiver r;
        r.id = b.id + "-f" + std::to_string(local) + "-" + std::to_string(k) + "-L" + std::to_string(f);
        r.position = p;
        r.kind = ReceiverKind::Facade;
        r.building = static_cast<int>(seg.object);
        r.floor = f;
        r.facadeSegment = static_cast<int>(s);
        const double bottom = p.z - spec.heightAboveFloor;
        r.wall = {seg.a + (seg.b - seg.a) * (static_cast<double>(k) / n),
                  seg.a + (seg.b - seg.a) * (static_cast<double>(k + 1) / n), seg.outward, bottom,
                  std::min(bottom + spec.storeyHeight * std::max(1, spec.everyNthFloor), b.roofAltitude)};
        r.includeOwnFacade = spec.includeOwnFacade;
        r.zone = zoneIndex(b.zone.empty() ? zoneAt(d, xy) : b.zone);
        r.i = local, r.j = k;
        out.receivers.push_back(std::move(r));
      }
    }
  }
}

}  // namespace

std::string zoneAt(const SceneDescription& d, const Vec2& p) {
  for (auto it = d.zones.rbegin(); it != d.zones.rend(); ++it)
    if (insideRing(it->polygon, p)) return it->zone;
  return d.defaultZone;
}

ReceiverSet makeReceivers(const Scene& scene, const SceneDescription& d, const ReceiverSpec& spec, const Box2& extent) {
  ReceiverSet out;
  if (spec.facades.enabled) facadeReceivers(scene, d, spec.facades, out);

  for (const GridSpec& g : spec.grids) {
    const Box2 b = g.bounds.value_or(extent);
    for (double h : g.heights) {
      GridInfo info{h, b, g.spacing, std::max(1, static_cast<int>(std::floor((b.max.x - b.min.x) / g.spacing)) + 1),
                    std::max(1, static_cast<int>(std::floor((b.max.y - b.min.y) / g.spacing)) + 1)};
      const int group = static_cast<int>(out.grids.size());
      for (int j = 0; j < info.ny; ++j)
        for (int i = 0; i < info.nx; ++i) {
          const Vec2 xy{b.min.x + i * g.spacing, b.min.y + j * g.spacing};
          const Vec3 p{xy.x, xy.y, scene.terrain().heightAt(xy) + h};
          if (blocked(scene, p)) {
            ++out.droppedInside;
            continue;
          }
          Receiver r;
          r.id = "g" + number(h) + "-" + std::to_string(i) + "-" + std::to_string(j);
          r.position = p;
          r.kind = ReceiverKind::Grid;
          r.group = group, r.i = i, r.j = j;
          r.zone = zoneIndex(zoneAt(d, xy));
          out.receivers.push_back(std::move(r));
        }
      out.grids.push_back(info);
    }
  }

  for (const SectionSpec& s : spec.sections) {
    SectionInfo info{s.id, s.line, s.spacing, s.zMin, s.dz, 0, std::max(1, static_cast<int>(std::floor((s.zMax - s.zMin) / s.dz)) + 1), s.aboveTerrain};
    const int group = static_cast<int>(out.sections.size());
    double along = 0.0;
    int i = 0;
    for (std::size_t seg = 0; seg + 1 < s.line.size(); ++seg) {
      const Vec2 a = s.line[seg], b = s.line[seg + 1];
      const double len = length(b - a);
      for (; along <= len + 1e-9; along += s.spacing, ++i) {
        const Vec2 xy = a + (b - a) * (len > 0 ? along / len : 0.0);
        const double base = s.aboveTerrain ? scene.terrain().heightAt(xy) : 0.0;
        for (int k = 0; k < info.nk; ++k) {
          const Vec3 p{xy.x, xy.y, base + s.zMin + k * s.dz};
          if (blocked(scene, p)) {
            ++out.droppedInside;
            continue;
          }
          Receiver r;
          r.id = s.id + "-" + std::to_string(i) + "-" + std::to_string(k);
          r.position = p;
          r.kind = ReceiverKind::Section;
          r.group = group, r.i = i, r.k = k;
          r.zone = zoneIndex(zoneAt(d, xy));
          out.receivers.push_back(std::move(r));
        }
      }
      along -= len;
    }
    info.ni = i;
    out.sections.push_back(info);
  }

  if (spec.volume.enabled) {
    const VolumeSpec& v = spec.volume;
    VolumeInfo info{v.bounds, v.zMin, v.spacing, v.dz,
                    std::max(1, static_cast<int>(std::floor((v.bounds.max.x - v.bounds.min.x) / v.spacing)) + 1),
                    std::max(1, static_cast<int>(std::floor((v.bounds.max.y - v.bounds.min.y) / v.spacing)) + 1),
                    std::max(1, static_cast<int>(std::floor((v.zMax - v.zMin) / v.dz)) + 1)};
    for (int k = 0; k < info.nz; ++k)
      for (int j = 0; j < info.ny; ++j)
        for (int i = 0; i < info.nx; ++i) {
          const Vec3 p{v.bounds.min.x + i * v.spacing, v.bounds.min.y + j * v.spacing, v.zMin + k * v.dz};
          if (blocked(scene, p)) continue;  // the volume's lattice keeps a no-data value there
          Receiver r;
          r.id = "v-" + std::to_string(i) + "-" + std::to_string(j) + "-" + std::to_string(k);
          r.position = p;
          r.kind = ReceiverKind::Volume;
          r.i = i, r.j = j, r.k = k;
          r.zone = zoneIndex(zoneAt(d, plan(p)));
          out.receivers.push_back(std::move(r));
        }
    out.volume = info;
  }

  for (const PointReceiverSpec& p : spec.points) {
    const Vec3 pos{p.position.x, p.position.y, scene.terrain().heightAt(p.position) + p.height};
    if (blocked(scene, pos)) {
      ++out.droppedInside;
      continue;
    }
    Receiver r;
    r.id = p.id;
    r.position = pos;
    r.kind = ReceiverKind::Point;
    r.zone = zoneIndex(zoneAt(d, p.position));
    out.receivers.push_back(std::move(r));
  }
  return out;
}

}  // namespace citynoise::raytrace
