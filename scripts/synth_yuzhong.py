#!/usr/bin/env python3
"""Generates samples/yuzhong/data: a river-peninsula district modelled on Chongqing's Yuzhong.

The district is synthetic but shaped like the reference: a peninsula between two rivers (the
Jialing to the north, the Yangtze to the south) ending in a tip to the east, a ridge along its
middle from about 175 m at the banks to nearly 400 m (water at 160 m), about 2 000 buildings of
2 to 50 floors (old low houses by the rivers, 8–30-floor housing on the slopes, towers of up to
50 floors in the business centre on the ridge), riverside expressways, arterials along the
contours and up the ridge, switchbacks, an elevated monorail along the north bank, a
construction site with night work, two plazas with square dance, a night food street, parks,
and GB 3096 functional zones (4a strips along the arterials and the monorail).

Everything is deterministic (one seeded generator); the output is committed, so the sample runs
without this script. Run it again after changing it:

    python3 scripts/synth_yuzhong.py samples/yuzhong/data

Only the Python standard library is used. Coordinates are WGS 84 / UTM zone 48N (EPSG:32648);
the local frame below is shifted by (E0, N0).
"""

import argparse
import json
import math
import os
import random

from yuzhong_geometry import (  # terrain, geometry helpers, writers
    WIDTH, HEIGHT, WATER, TIP_END, STOREY, ridge_y, ridge_altitude, across, altitude,
    on_land, point_at, dist_point_segment, rectangle, l_shape, polygons_overlap, grown, SpatialHash,
    bbox, to_world, feature, write_geojson, write_dem)


# ---------------------------------------------------------------------------------------------
# Roads.

def contour_road(r, side, x0, x1, step=25.0):
    xs = [x0 + i * step for i in range(int((x1 - x0) / step) + 1)]
    if xs[-1] < x1:
        xs.append(x1)
    return [point_at(x, r, side) for x in xs]


def switchback(x, side, r0, r1, legs, swing):
    """A road zig-zagging up the slope from fraction r0 to r1 of the half width."""
    pts = []
    for k in range(legs + 1):
        r = r0 + (r1 - r0) * k / legs
        dx = swing * (1 if k % 2 else -1) if 0 < k < legs else 0.0
        pts.append(point_at(x + dx, r, side))
    return pts


def build_roads():
    """Roads as (id, name, kind, polyline, traffic) with traffic per period in veh/h and km/h."""
    def traffic(day, heavy_share, speed, evening=0.7, night=0.25, heavy_night=None):
        hn = heavy_share if heavy_night is None else heavy_night
        return {
            "D": (day, heavy_share, speed),
            "E": (day * evening, heavy_share * 0.8, speed),
            "N": (day * night, hn, min(speed + 10, 70)),
        }

    roads = []
    tip_x = TIP_END - 30.0
    # Riverside expressways (Beibin Road along the Jialing, Changbin Road along the Yangtze).
    roads.append(("R-beibin", "Beibin expressway", "expressway", contour_road(0.9, +1, 0.0, tip_x, 30.0),
                  traffic(3200, 0.10, 60, night=0.3, heavy_night=0.18)))
    roads.append(("R-changbin", "Changbin expressway", "expressway", contour_road(0.9, -1, 0.0, tip_x, 30.0),
                  traffic(3600, 0.12, 60, night=0.3, heavy_night=0.2)))
    roads.append(("R-tip", "Chaotianmen link", "arterial", [point_at(tip_x, 0.9, +1), point_at(TIP_END - 10.0, 0.0, 1),
                                                          point_at(tip_x, 0.9, -1)], traffic(1400, 0.06, 40)))
    # Mid-slope arterials along the contours, and the ridge road (buses: heavy share).
    roads.append(("R-north-mid", "Jialing mid-slope road", "arterial", contour_road(0.55, +1, 0.0, 2500.0),
                  traffic(1600, 0.08, 50)))
    roads.append(("R-south-mid", "Yangtze mid-slope road", "arterial", contour_road(0.55, -1, 0.0, 2500.0),
                  traffic(1800, 0.08, 50)))
    roads.append(("R-ridge", "Ridge road", "arterial", contour_road(0.0, +1, 0.0, 2750.0),
                  traffic(1300, 0.14, 40, night=0.2)))
    # Local contour streets.
    for k, (r, side) in enumerate([(0.3, +1), (0.3, -1), (0.75, +1), (0.75, -1)]):
        roads.append((f"R-local-{k + 1}", f"Contour street {k + 1}", "local", contour_road(r, side, 100.0, 2300.0, 30.0),
                      traffic(260, 0.03, 30, night=0.15)))
    # Switchbacks from the banks up to the ridge, both sides.
    for k, x in enumerate([450.0, 1250.0, 2050.0]):
        for side, name in [(+1, "n"), (-1, "s")]:
            roads.append((f"R-zigzag-{k + 1}{name}", f"Switchback {k + 1}{name}", "switchback",
                          switchback(x, side, 0.9, 0.0, 6, 55.0), traffic(650, 0.05, 30, night=0.2)))
    return roads


def road_features(roads):
    """One feature per straight piece, with its gradient along the digitised direction (%)."""
    feats = []
    for rid, name, kind, line, traffic in roads:
        for i in range(len(line) - 1):
            a, b = line[i], line[i + 1]
            length = math.dist(a, b)
            if length < 1.0:
                continue
            grade = 100.0 * (altitude(*b) - altitude(*a)) / length
            props = {"id": f"{rid}-{i + 1:03d}", "road": rid, "name": name, "kind": kind, "surface": "DEF",
                     "gradient": round(grade, 2)}
            for p, (flow, heavy, speed) in traffic.items():
                props[f"lv_{p}"] = round(flow * (1.0 - heavy), 1)
                props[f"hv_{p}"] = round(flow * heavy, 1)
                props[f"speed_{p}"] = speed
            feats.append(feature("LineString", [a, b], props))
    return feats


# ---------------------------------------------------------------------------------------------
# Buildings.

SENSITIVE = [("school", 10), ("kindergarten", 6), ("hospital", 3), ("elderly_care", 5)]


def zone_of_building(x, y):
    return None  # zones come from the zone layer (see build_zones)


def building_kind(x, y, rng):
    """Floors and footprint size by area: towers in the centre, housing on the slopes, low old
    houses by the rivers."""
    r = across(x, y)
    cbd = math.exp(-((x - 2250.0) / 380.0) ** 2) * math.exp(-(r / 0.45) ** 2)
    if rng.random() < 0.85 * cbd:
        return rng.randint(25, 50), rng.uniform(28, 42), rng.uniform(24, 34), "office" if rng.random() < 0.5 else "residential"
    if r > 0.8:
        return rng.randint(2, 6), rng.uniform(10, 18), rng.uniform(8, 12), "residential"
    floors = int(round(rng.triangular(8, 34, 18)))
    return floors, rng.uniform(18, 36), rng.uniform(12, 18), "residential"


def place_buildings(roads, rng, target):
    road_segments = []
    seg_hash = SpatialHash(60.0)
    widths = {"expressway": 16.0, "arterial": 12.0, "local": 8.0, "switchback": 8.0}
    for rid, _, kind, line, _ in roads:
        for i in range(len(line) - 1):
            seg = (line[i], line[i + 1], widths[kind])
            road_segments.append(seg)
            seg_hash.add(bbox([line[i], line[i + 1]]), seg)
    placed = []
    bhash = SpatialHash(50.0)

    def clear_of_roads(poly):
        box = bbox(poly)
        grow = (box[0] - 20, box[1] - 20, box[2] + 20, box[3] + 20)
        for a, b, w in seg_hash.near(grow):
            for p in poly:
                if dist_point_segment(p, a, b) < w / 2.0 + 3.0:
                    return False
            # the segment may cross the polygon between its corners
            mid = ((a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0)
            if box[0] <= mid[0] <= box[2] and box[1] <= mid[1] <= box[3]:
                return False
        return True

    def try_place(poly):
        if not all(on_land(x, y, 25.0) for x, y in poly):
            return False
        if not clear_of_roads(poly):
            return False
        g = grown(poly, 4.0)
        box = bbox(g)
        for other in bhash.near(box):
            if polygons_overlap(g, other["poly"]):
                return False
        return True

    def add(poly, floors, use):
        b = {"poly": poly, "floors": floors, "use": use}
        placed.append(b)
        bhash.add(bbox(poly), b)

    # Along the roads first (street frontage), then infill on the slopes.
    for rid, _, kind, line, _ in roads:
        for i in range(len(line) - 1):
            a, b = line[i], line[i + 1]
            seg_len = math.dist(a, b)
            ang = math.atan2(b[1] - a[1], b[0] - a[0])
            nx, ny = -math.sin(ang), math.cos(ang)
            t = rng.uniform(0, 10)
            while t < seg_len:
                x = a[0] + (b[0] - a[0]) * t / seg_len
                y = a[1] + (b[1] - a[1]) * t / seg_len
                for side in (+1, -1):
                    floors, length, depth, use = building_kind(x, y, rng)
                    off = widths[kind] / 2.0 + 4.0 + depth / 2.0 + rng.uniform(0, 4)
                    cx, cy = x + side * nx * off, y + side * ny * off
                    poly = rectangle(cx, cy, length, depth, ang)
                    if try_place(poly):
                        add(poly, floors, use)
                t += rng.uniform(22, 40)
    attempts = 0
    while len(placed) < target and attempts < 200000:
        attempts += 1
        x = rng.uniform(0, WIDTH)
        y = rng.uniform(0, HEIGHT)
        if not on_land(x, y, 30.0):
            continue
        floors, length, depth, use = building_kind(x, y, rng)
        # Along the contour: the slope direction is across the ridge.
        ang = math.atan2(ridge_y(x + 5.0) - ridge_y(x - 5.0), 10.0) + rng.uniform(-0.15, 0.15)
        if rng.random() < 0.2:
            poly = l_shape(x, y, length, depth, depth * 0.9, ang)
        else:
            poly = rectangle(x, y, length, depth, ang)
        if try_place(poly):
            add(poly, floors, use)
    return placed


def assign_uses(buildings, rng):
    """Sensitive buildings: schools and kindergartens mid-slope, hospitals and elderly care
    anywhere housing is; wide, low buildings are preferred for schools."""
    candidates = [b for b in buildings if b["use"] == "residential" and b["floors"] >= 3]
    rng.shuffle(candidates)
    k = 0
    for use, n in SENSITIVE:
        for _ in range(n):
            b = candidates[k]
            k += 1
            b["use"] = use
            b["floors"] = {"school": rng.randint(4, 6), "kindergarten": rng.randint(2, 3),
                           "hospital": rng.randint(8, 20), "elderly_care": rng.randint(4, 9)}[use]


def area(poly):
    a = 0.0
    for i in range(len(poly)):
        x0, y0 = poly[i]
        x1, y1 = poly[(i + 1) % len(poly)]
        a += x0 * y1 - x1 * y0
    return abs(a) / 2.0


def building_features(buildings, rng):
    feats = []
    for i, b in enumerate(buildings):
        floors = b["floors"]
        props = {"id": f"B{i + 1:04d}", "floors": floors, "use": b["use"]}
        # Heights: surveyed for most buildings; floors only for a share of them (the scenario
        # falls back to floors × storey height), and a handful with neither (default height).
        u = rng.random()
        if u < 0.7:
            props["height"] = round(floors * STOREY + rng.uniform(0.5, 3.0), 1)
        elif u < 0.995:
            props["height"] = None
        else:
            props["height"] = None
            props["floors"] = None
        if b["use"] in ("residential",):
            dwellings = max(1, int(area(b["poly"]) * floors / 85.0))
            props["dwellings"] = dwellings
            props["population"] = round(dwellings * 2.6, 1)
        elif b["use"] == "elderly_care":
            props["dwellings"] = 0
            props["population"] = int(area(b["poly"]) * floors / 40.0)
        else:
            props["dwellings"] = 0
            props["population"] = 0
        feats.append(feature("Polygon", [b["poly"] + [b["poly"][0]]], props))
    return feats


# ---------------------------------------------------------------------------------------------
# Other sources, ground, zones.

def strip_polygons(line, half):
    """A buffer of a polyline as quads per segment plus a square at every joint."""
    polys = []
    for i in range(len(line) - 1):
        a, b = line[i], line[i + 1]
        l = math.dist(a, b)
        if l < 1e-6:
            continue
        nx, ny = -(b[1] - a[1]) / l * half, (b[0] - a[0]) / l * half
        polys.append([(a[0] + nx, a[1] + ny), (a[0] - nx, a[1] - ny), (b[0] - nx, b[1] - ny), (b[0] + nx, b[1] + ny)])
    for p in line[1:-1]:
        h = half * 0.92
        polys.append([(p[0] - h, p[1] - h), (p[0] + h, p[1] - h), (p[0] + h, p[1] + h), (p[0] - h, p[1] + h)])
    return polys


def ccw(poly):
    a = 0.0
    for i in range(len(poly)):
        x0, y0 = poly[i]
        x1, y1 = poly[(i + 1) % len(poly)]
        a += x0 * y1 - x1 * y0
    return poly if a > 0 else list(reversed(poly))


def build_zones(roads, monorail):
    feats = []
    # Class 2 (mixed residential–commercial) is the scenario's default; class 1 around the quiet
    # residential and hospital area in the west of the ridge; class 4a strips: 35 m on each side
    # of the expressways and arterials (GB/T 15190-2014 next to class 2) and of the monorail.
    quiet = [point_at(x, 0.45, +1) for x in range(300, 1101, 100)] + [point_at(x, 0.45, -1) for x in range(1100, 299, -100)]
    feats.append(feature("Polygon", [ccw(quiet) + [ccw(quiet)[0]]], {"id": "Z-quiet-west", "class": "1"}))
    k = 0
    for rid, _, kind, line, _ in roads:
        if kind not in ("expressway", "arterial"):
            continue
        for poly in strip_polygons(line, 35.0):
            k += 1
            p = ccw(poly)
            feats.append(feature("Polygon", [p + [p[0]]], {"id": f"Z-4a-{k:04d}", "class": "4a"}))
    for poly in strip_polygons(monorail, 35.0):
        k += 1
        p = ccw(poly)
        feats.append(feature("Polygon", [p + [p[0]]], {"id": f"Z-4a-{k:04d}", "class": "4a"}))
    return feats


def build_ground():
    feats = []
    # Eling-like park on the ridge, a riverside green belt on the south bank, and the rivers'
    # soft banks. Everything else is hard (G = 0, the scenario's default); water is G = 0 too.
    park = [(560 + 120 * math.cos(a), ridge_y(560) + 90 * math.sin(a)) for a in [i * math.pi / 8 for i in range(16)]]
    feats.append(feature("Polygon", [park + [park[0]]], {"id": "G-eling-park", "G": 1.0}))
    belt = [point_at(x, 0.97, -1) for x in range(200, 1401, 100)] + [point_at(x, 0.93, -1) for x in range(1400, 199, -100)]
    belt = ccw(belt)
    feats.append(feature("Polygon", [belt + [belt[0]]], {"id": "G-yangtze-green-belt", "G": 0.7}))
    return feats


def monorail_line():
    """Line 2 along the Jialing: on a viaduct between the expressway and the slope."""
    return contour_road(0.82, +1, 0.0, 2300.0, 40.0)


def write_viaduct(path, line, deck_height=9.0, width=6.0, thickness=1.8, pier=2.0):
    """The monorail's viaduct as an OBJ mesh in the local frame (x, y) with absolute altitudes
    (z up): a deck slab swept along the line, its top deck_height above the ground, and square
    piers every other station. The scenario adds (E0, N0) as the mesh offset."""
    verts, faces = [], []

    def quad(a, b, c, d):
        faces.append((a, b, c))
        faces.append((a, c, d))

    n = len(line)
    for i, (x, y) in enumerate(line):
        a = line[max(i - 1, 0)]
        b = line[min(i + 1, n - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        l = math.hypot(dx, dy)
        nx, ny = -dy / l * width / 2.0, dx / l * width / 2.0
        top = altitude(x, y) + deck_height
        for px, py in ((x + nx, y + ny), (x - nx, y - ny)):
            verts.append((px, py, top))
            verts.append((px, py, top - thickness))
    # Station i: 4i+1 left top, 4i+2 left bottom, 4i+3 right top, 4i+4 right bottom (1-based).
    for i in range(n - 1):
        lt, lb, rt, rb = 4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4
        LT, LB, RT, RB = lt + 4, lb + 4, rt + 4, rb + 4
        quad(lt, rt, RT, LT)   # top
        quad(lb, LB, RB, rb)   # bottom
        quad(lt, LT, LB, lb)   # left side
        quad(rt, rb, RB, RT)   # right side
    quad(1, 2, 4, 3)
    last = 4 * (n - 1)
    quad(last + 1, last + 3, last + 4, last + 2)
    for i in range(0, n, 2):
        x, y = line[i]
        ground = altitude(x, y)
        top = ground + deck_height - thickness
        base = len(verts) + 1
        h = pier / 2.0
        for px, py in ((x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h)):
            verts.append((px, py, ground - 1.0))
            verts.append((px, py, top))
        for k in range(4):
            a0, a1 = base + 2 * k, base + 2 * ((k + 1) % 4)
            quad(a0, a1, a1 + 1, a0 + 1)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("# citynoise sample: monorail line 2 viaduct (scripts/synth_yuzhong.py); local x, y (add E0, N0), z absolute\n")
        f.write("o viaduct-line-2\n")
        for x, y, z in verts:
            f.write(f"v {x:.2f} {y:.2f} {z:.2f}\n")
        for a, b, c in faces:
            f.write(f"f {a} {b} {c}\n")
    os.replace(tmp, path)


def plazas():
    """(id, centre, radius) of the two square-dance plazas: the business-centre plaza on the ridge
    and a riverside plaza on the Yangtze bank."""
    return [("plaza-jiefangbei", point_at(2250.0, 0.12, +1), 40.0), ("plaza-riverside", point_at(900.0, 0.78, -1), 35.0)]


def clear_plazas(buildings, extra):
    keep = []
    for b in buildings:
        cx = sum(x for x, _ in b["poly"]) / len(b["poly"])
        cy = sum(y for _, y in b["poly"]) / len(b["poly"])
        blocked = any(math.hypot(cx - c[0], cy - c[1]) < r + 25.0 for _, c, r in extra)
        if not blocked:
            keep.append(b)
    return keep


def construction_site():
    c = point_at(2050.0, 0.35, -1)
    return c, rectangle(c[0], c[1], 90.0, 60.0, 0.1)


def food_street():
    """A night food street: a pedestrian lane along contour r = 0.3 north, 220 m long, 14 m wide."""
    line = contour_road(0.3, +1, 1500.0, 1720.0, 20.0)
    left = [point_at(x, 0.3, +1) for x in range(1500, 1721, 110)]
    poly = [(x, y - 7.0) for x, y in left] + [(x, y + 7.0) for x, y in reversed(left)]
    return line, ccw(poly)


def clear_area(buildings, poly, margin):
    box = bbox(grown(poly, margin))
    out = []
    for b in buildings:
        bb = bbox(b["poly"])
        if bb[2] < box[0] or bb[0] > box[2] or bb[3] < box[1] or bb[1] > box[3]:
            out.append(b)
        elif not polygons_overlap(grown(poly, margin), b["poly"]):
            out.append(b)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", help="output folder (samples/yuzhong/data)")
    ap.add_argument("--buildings", type=int, default=2000, help="target number of buildings")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    rng = random.Random(args.seed)

    roads = build_roads()
    rail = monorail_line()
    site_centre, site = construction_site()
    food_line, food = food_street()
    # The monorail viaduct runs where buildings would otherwise stand: treat it as a road for
    # clearance.
    clearance = roads + [("monorail", "monorail", "arterial", rail, {})]
    buildings = place_buildings(clearance, rng, args.buildings + 150)
    buildings = clear_plazas(buildings, plazas())
    buildings = clear_area(buildings, site, 8.0)
    buildings = clear_area(buildings, food, 1.0)
    buildings = buildings[: args.buildings]
    assign_uses(buildings, rng)

    write_dem(args.folder)
    write_geojson(os.path.join(args.folder, "buildings.geojson"), building_features(buildings, rng))
    write_geojson(os.path.join(args.folder, "roads.geojson"), road_features(roads))
    write_geojson(os.path.join(args.folder, "monorail.geojson"),
                  [feature("LineString", rail, {"id": "line-2", "name": "Monorail line 2 (viaduct)", "deck_height": 9.0})])
    write_viaduct(os.path.join(args.folder, "viaduct.obj"), rail)
    write_geojson(os.path.join(args.folder, "zones.geojson"), build_zones(roads, rail))
    write_geojson(os.path.join(args.folder, "ground.geojson"), build_ground())
    # Positions the scenario file needs (sources given inline): printed for its author.
    summary = {
        "buildings": len(buildings),
        "floors": [min(b["floors"] for b in buildings), max(b["floors"] for b in buildings)],
        "construction_site_centre": to_world(site_centre),
        "construction_site": [to_world(p) for p in ccw(site)],
        "food_street_polygon": [to_world(p) for p in food],
        "plazas": {pid: to_world(c) for pid, c, _ in plazas()},
        "food_street": [to_world(p) for p in (food_line[0], food_line[-1])],
        "altitude_range": [WATER, round(max(ridge_altitude(x) for x in range(0, 3000, 10)), 1)],
    }
    with open(os.path.join(args.folder, "synth_summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
