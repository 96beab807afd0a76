"""Terrain, geometry helpers and writers for scripts/synth_yuzhong.py (which see).

The local frame is shifted by (E0, N0) from WGS 84 / UTM zone 48N (EPSG:32648). Only the Python
standard library is used.
"""

import json
import math
import os

E0, N0 = 650000.0, 3270000.0  # local origin in EPSG:32648 (the real Yuzhong lies near 653 km E, 3 271 km N)
WIDTH, HEIGHT = 3000.0, 1800.0
WATER = 160.0                  # river level, m
BANK = 175.0                   # top of the river banks, m
TIP_START, TIP_END = 2350.0, 2970.0
DEM_CELL = 20.0
STOREY = 3.1                   # m per floor in the height attribute (the scenario's fallback uses 3 m)

CRS_JSON = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32648"}}
ESRI_WKT = ('PROJCS["WGS_1984_UTM_Zone_48N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",'
            'SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],'
            'UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
            'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],'
            'PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9996],'
            'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]')


# ---------------------------------------------------------------------------------------------
# Terrain: the ridge line, the peninsula's half width, the altitude.

def ridge_y(x):
    """The ridge meanders a little along the peninsula."""
    return 900.0 + 110.0 * math.sin(x / 700.0)


def half_width(x):
    """Distance from the ridge to either bank; the peninsula narrows and ends in a round tip."""
    w = 700.0 - 0.05 * x
    if x > TIP_START:
        w *= math.sqrt(max(0.0, 1.0 - ((x - TIP_START) / (TIP_END - TIP_START)) ** 2))
    return w


def ridge_altitude(x):
    return 395.0 - 55.0 * ((x - 900.0) / 2000.0) ** 2


def across(x, y):
    """0 on the ridge, 1 on the banks, > 1 over the water (inf beyond the tip)."""
    w = half_width(x)
    return abs(y - ridge_y(x)) / w if w > 1.0 else math.inf


def altitude(x, y):
    r = across(x, y)
    if r >= 1.0:
        # The bank drops 15 m to the water within about 25 m.
        w = max(half_width(x), 1.0)
        beyond = (r - 1.0) * w if math.isfinite(r) else math.inf
        return max(WATER, BANK - 0.6 * beyond)
    top = ridge_altitude(x)
    # Steep near the rivers, flatter on the top (Yuzhong's profile), with gentle undulations.
    shape = 1.0 - r ** 2.2
    wiggle = 6.0 * math.sin(x / 130.0) * math.cos(y / 170.0) * (1.0 - r)
    return BANK + (top - BANK) * shape + wiggle


def on_land(x, y, margin=0.0):
    w = half_width(x)
    return w > margin and abs(y - ridge_y(x)) < w - margin and 0.0 <= x <= WIDTH


def point_at(x, r, side):
    """The point at fraction r of the half width, on the north (+1) or south (−1) side."""
    return (x, ridge_y(x) + side * r * half_width(x))


# ---------------------------------------------------------------------------------------------
# Small geometry helpers.

def dist_point_segment(p, a, b):
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    l2 = dx * dx + dy * dy
    t = 0.0 if l2 == 0.0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / l2))
    return math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy)


def polyline_length(line):
    return sum(math.dist(line[i], line[i + 1]) for i in range(len(line) - 1))


def rectangle(cx, cy, length, depth, angle):
    """Counter-clockwise rectangle centred at (cx, cy), its long side along `angle`."""
    c, s = math.cos(angle), math.sin(angle)
    hl, hd = length / 2.0, depth / 2.0
    corners = [(-hl, -hd), (hl, -hd), (hl, hd), (-hl, hd)]
    return [(cx + u * c - v * s, cy + u * s + v * c) for u, v in corners]


def l_shape(cx, cy, length, depth, wing, angle):
    """An L-shaped footprint (common for slab blocks on slopes), counter-clockwise."""
    c, s = math.cos(angle), math.sin(angle)
    hl, hd = length / 2.0, depth / 2.0
    pts = [(-hl, -hd), (hl, -hd), (hl, hd), (-hl + wing, hd), (-hl + wing, hd + wing * 0.8), (-hl, hd + wing * 0.8)]
    return [(cx + u * c - v * s, cy + u * s + v * c) for u, v in pts]


def polygons_overlap(p, q):
    """Separating-axis test for two convex-or-L polygons, using each polygon's bounding rectangle
    axes (conservative for L shapes: may report an overlap where there is none)."""
    for poly in (p, q):
        for i in range(len(poly)):
            ax, ay = poly[i]
            bx, by = poly[(i + 1) % len(poly)]
            nx, ny = by - ay, ax - bx
            pa = [nx * x + ny * y for x, y in p]
            qa = [nx * x + ny * y for x, y in q]
            if max(pa) < min(qa) or max(qa) < min(pa):
                return False
    return True


def grown(poly, d):
    """The polygon pushed out by d from its centroid (a cheap clearance margin)."""
    cx = sum(x for x, _ in poly) / len(poly)
    cy = sum(y for _, y in poly) / len(poly)
    out = []
    for x, y in poly:
        l = math.hypot(x - cx, y - cy) or 1.0
        out.append((x + (x - cx) / l * d, y + (y - cy) / l * d))
    return out


class SpatialHash:
    def __init__(self, cell):
        self.cell = cell
        self.cells = {}

    def keys(self, box):
        c = self.cell
        for i in range(int(math.floor(box[0] / c)), int(math.floor(box[2] / c)) + 1):
            for j in range(int(math.floor(box[1] / c)), int(math.floor(box[3] / c)) + 1):
                yield (i, j)

    def add(self, box, item):
        for k in self.keys(box):
            self.cells.setdefault(k, []).append(item)

    def near(self, box):
        seen = set()
        for k in self.keys(box):
            for item in self.cells.get(k, ()):
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item


def bbox(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


# ---------------------------------------------------------------------------------------------
# Output.

def to_world(p):
    return [round(p[0] + E0, 2), round(p[1] + N0, 2)]


def feature(kind, coords, props):
    if kind == "LineString":
        geom = [to_world(p) for p in coords]
    elif kind == "Polygon":
        geom = [[to_world(p) for p in ring] for ring in coords]
    elif kind == "Point":
        geom = to_world(coords)
    return {"type": "Feature", "properties": props, "geometry": {"type": kind, "coordinates": geom}}


def write_geojson(path, feats):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "crs": CRS_JSON, "features": feats}, f, separators=(",", ":"))
        f.write("\n")
    os.replace(tmp, path)


def write_dem(folder):
    x0, y0 = -200.0, -200.0
    ncols = int((WIDTH + 400.0) / DEM_CELL)
    nrows = int((HEIGHT + 400.0) / DEM_CELL)
    lines = [f"ncols {ncols}", f"nrows {nrows}", f"xllcorner {E0 + x0:.1f}", f"yllcorner {N0 + y0:.1f}",
             f"cellsize {DEM_CELL:.1f}", "NODATA_value -9999"]
    for row in range(nrows):
        y = y0 + (nrows - row - 0.5) * DEM_CELL
        lines.append(" ".join(f"{altitude(x0 + (c + 0.5) * DEM_CELL, y):.1f}" for c in range(ncols)))
    tmp = os.path.join(folder, "dem.asc.tmp")
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, os.path.join(folder, "dem.asc"))
    with open(os.path.join(folder, "dem.prj"), "w") as f:
        f.write(ESRI_WKT + "\n")
