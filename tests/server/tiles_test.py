#!/usr/bin/env python3
"""3D Tiles of a stored version checked against the 3D Tiles 1.1 and glTF 2.0 layouts and against the
result: `citynoise tiles` writes them, `citynoise serve` serves the same bytes. Checked: tileset.json
(asset 1.1, geometric errors, regions in radians nesting in their parents, the root's transform, every
content file present); each glb (header, chunk lengths and types, accessors inside their buffer views,
attribute counts, POSITION bounds, EXT_mesh_features ids inside the property table, EXT_structural_metadata
schema and string offsets); the features' levels equal the GeoPackage's per floor (float32), façade
colours those of the map palette for the floor's Lden, every floor of every building present; the
triangles' area equals the stored surfaces' area (clipping into floors loses nothing).
Usage: tiles_test.py CITYNOISE STORE VERSION RESULT_GPKG PALETTES WORK"""
import json
import math
import os
import sqlite3
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from service_client import Checks, Service  # noqa: E402

citynoise, store, version, gpkg, palettes, work = sys.argv[1:7]
check = Checks()
# Two buildings per tile at most: a quadtree of several levels, its split cells with coarser content.
out = os.path.join(work, "tiles")
run = subprocess.run([citynoise, "tiles", store, version, "--out", out, "--max-buildings-per-tile", "2"], capture_output=True, text=True)
check(run.returncode == 0, f"citynoise tiles: {run.returncode} {run.stderr}")


def f32(v):
    return struct.unpack("<f", struct.pack("<f", v))[0]


def read_glb(path):
    data = open(path, "rb").read()
    magic, ver, length = struct.unpack_from("<III", data, 0)
    check(magic == 0x46546C67 and ver == 2 and length == len(data), f"{path}: glb header {magic:x} {ver} {length} != {len(data)}")
    jlen, jtype = struct.unpack_from("<II", data, 12)
    check(jtype == 0x4E4F534A and jlen % 4 == 0, f"{path}: JSON chunk")
    doc = json.loads(data[20:20 + jlen])
    blen, btype = struct.unpack_from("<II", data, 20 + jlen)
    check(btype == 0x004E4942 and 28 + jlen + blen == len(data) and doc["buffers"][0]["byteLength"] == blen, f"{path}: BIN chunk")
    return doc, data[28 + jlen:28 + jlen + blen]


def view_bytes(doc, binary, index):
    v = doc["bufferViews"][index]
    check(v["byteOffset"] % 8 == 0 and v["byteOffset"] + v["byteLength"] <= len(binary), f"buffer view {index} outside the buffer")
    return binary[v["byteOffset"]:v["byteOffset"] + v["byteLength"]]


SIZES = {5126: ("f", 4), 5121: ("B", 1), 5125: ("I", 4), 5123: ("H", 2)}


def srgb_of_linear16(v):
    """glTF's COLOR_0 is linear: back to the sRGB byte (IEC 61966-2-1)."""
    x = v / 65535
    s = x * 12.92 if x <= 0.0031308 else 1.055 * x ** (1 / 2.4) - 0.055
    return round(s * 255)
COMPONENTS = {"SCALAR": 1, "VEC3": 3, "VEC4": 4}


def accessor(doc, binary, index):
    a = doc["accessors"][index]
    fmt, size = SIZES[a["componentType"]]
    n = a["count"] * COMPONENTS[a["type"]]
    raw = view_bytes(doc, binary, a["bufferView"])
    check(len(raw) == n * size, f"accessor {index}: {len(raw)} bytes for {n} values")
    values = struct.unpack(f"<{n}{fmt}", raw)
    c = COMPONENTS[a["type"]]
    return [values[i:i + c] for i in range(0, n, c)]


def property_table(doc, binary):
    meta = doc["extensions"]["EXT_structural_metadata"]
    table = meta["propertyTables"][0]
    cls = meta["schema"]["classes"][table["class"]]["properties"]
    check(set(cls) == set(table["properties"]), "the property table's properties are the class's")
    rows = {}
    for name, p in table["properties"].items():
        raw = view_bytes(doc, binary, p["values"])
        if cls[name]["type"] == "STRING":
            offsets = struct.unpack(f"<{table['count'] + 1}I", view_bytes(doc, binary, p["stringOffsets"]))
            check(list(offsets) == sorted(offsets) and offsets[-1] == len(raw), f"string offsets of {name}")
            rows[name] = [raw[offsets[i]:offsets[i + 1]].decode() for i in range(table["count"])]
        else:
            fmt = "i" if cls[name]["componentType"] == "INT32" else "f"
            rows[name] = list(struct.unpack(f"<{table['count']}{fmt}", raw))
    return table["count"], rows


def area(t):
    u = [t[1][k] - t[0][k] for k in range(3)]
    v = [t[2][k] - t[0][k] for k in range(3)]
    c = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
    return 0.5 * math.sqrt(sum(x * x for x in c))


def palette_colour(level):
    for c in json.load(open(palettes))["level"]:
        if (c["from"] is None or level >= c["from"]) and (c["to"] is None or level < c["to"]):
            h = c["colour"].lstrip("#")
            return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def walk(tile, parent, files, coarse):
    """Collects the leaves' contents in `files` and, for a split cell with a coarser content of its
    own, (its uri, the leaves under it) in `coarse`; returns the leaves under `tile`."""
    r = tile["boundingVolume"]["region"]
    check(len(r) == 6 and -math.pi <= r[0] <= r[2] <= math.pi and -math.pi / 2 <= r[1] <= r[3] <= math.pi / 2 and r[4] <= r[5], f"region {r}")
    if parent:
        check(all(parent[k] - 1e-9 <= r[k] for k in (0, 1)) and all(r[k] <= parent[k] + 1e-9 for k in (2, 3)), f"region {r} outside {parent}")
    check(tile["geometricError"] >= 0 and (not parent or tile["geometricError"] <= parent_error[-1] + 1e-9), "geometric error")
    children = tile.get("children", [])
    if not children:
        check("content" in tile and tile["geometricError"] == 0, f"a leaf without content or with an error: {tile}")
        files.append(tile["content"]["uri"])
        return [tile["content"]["uri"]]
    parent_error.append(tile["geometricError"])
    leaves = []
    for child in children:
        leaves += walk(child, r, files, coarse)
    parent_error.pop()
    if "content" in tile:
        check(tile.get("refine") == "REPLACE" and tile["geometricError"] > 0, f"a coarse level must be replaced by its children: {tile.get('refine')}")
        coarse.append((tile["content"]["uri"], leaves))
    return leaves


tileset = json.load(open(os.path.join(out, "tileset.json")))
check(tileset["asset"]["version"] == "1.1" and tileset["geometricError"] > 0, f"asset {tileset['asset']}")
check(len(tileset["root"]["transform"]) == 16 and tileset["root"]["transform"][15] == 1, "root transform")
check(tileset["metadata"]["properties"]["version"] == int(version), "tileset metadata")
parent_error = [tileset["geometricError"]]
uris, coarse = [], []
walk(tileset["root"], None, uris, coarse)
check(coarse, "no coarser level of detail")
check(uris and all(os.path.exists(os.path.join(out, u)) for u in uris), f"content files {uris}")

db = sqlite3.connect(gpkg)
expected = {}
for b, floor, lden, ln in db.execute("SELECT building, floor, Lden, Ln FROM facade_receivers"):
    e = expected.setdefault((b, floor), [-1e9, -1e9])
    e[0], e[1] = max(e[0], lden), max(e[1], ln)
seen, building_area, area_of = set(), 0.0, {}
maxima = {}
for (b, floor), (lden, ln) in expected.items():
    m = maxima.setdefault(b, [-1e9, -1e9])
    m[0], m[1] = max(m[0], lden), max(m[1], ln)


def buildings_area(doc, binary):
    """The area of a glb's building triangles, and (building, colour, Lden) of each coarse feature's triangles."""
    total, coarse_colours = 0.0, []
    if "EXT_structural_metadata" not in doc.get("extensions", {}):
        return total, coarse_colours  # the terrain only
    count, rows = property_table(doc, binary)
    for prim in doc["meshes"][0]["primitives"]:
        at = prim["attributes"]
        if "_FEATURE_ID_0" not in at:
            continue
        index = [i[0] for i in accessor(doc, binary, prim["indices"])]
        pos = [accessor(doc, binary, at["POSITION"])[i] for i in index]
        colours = accessor(doc, binary, at["COLOR_0"])
        fid = [int(x[0]) for x in accessor(doc, binary, at["_FEATURE_ID_0"])]
        for t in range(0, len(index), 3):
            total += area(pos[t:t + 3])
            i = fid[index[t]]
            if rows["floor"][i] == -3:
                coarse_colours.append((rows["building"][i], tuple(srgb_of_linear16(c) for c in colours[index[t]][:3]), rows["Lden"][i], rows["Ln"][i]))
    return total, coarse_colours


for uri, leaves in coarse:
    doc, binary = read_glb(os.path.join(out, uri))
    total, colours = buildings_area(doc, binary)
    under = sum(buildings_area(*read_glb(os.path.join(out, u)))[0] for u in leaves)
    check(abs(total - under) < 0.005 * under, f"{uri}: buildings' area {total:.1f} m² in the coarse level, {under:.1f} m² in its leaves")
    walls = {}  # per building, the colours of its triangles other than the roof's
    for b, rgb, lden, ln in colours:
        m = maxima.get(b)
        if m is None:
            continue  # a building without façade points
        check(lden == f32(m[0]) and ln == f32(m[1]), f"{uri}: {b} coarse Lden {lden}, Ln {ln} != the loudest floor's {m}")
        if rgb != (205, 203, 196):
            walls.setdefault(b, set()).add(rgb)
    for b, wall_colours in walls.items():  # every wall of a building in its loudest floor's class, none missing
        check(wall_colours == {palette_colour(maxima[b][0])}, f"{uri}: {b} coarse walls {wall_colours}, the loudest floor's class {palette_colour(maxima[b][0])}")
    check(set(walls) == {b for b, *_ in colours if b in maxima}, f"{uri}: coarse buildings drawn without walls in their class")
for uri in uris:
    doc, binary = read_glb(os.path.join(out, uri))
    houses = any("_FEATURE_ID_0" in p["attributes"] for p in doc["meshes"][0]["primitives"])
    check("KHR_materials_unlit" in doc.get("extensionsUsed", []), f"{uri}: unlit")
    check(not houses or {"EXT_mesh_features", "EXT_structural_metadata"} <= set(doc.get("extensionsUsed", [])), f"{uri}: extensions")
    count, rows = property_table(doc, binary) if houses else (0, {})
    for prim in doc["meshes"][0]["primitives"]:
        at = prim["attributes"]
        pos = accessor(doc, binary, at["POSITION"])
        a = doc["accessors"][at["POSITION"]]
        check(all(a["min"][k] <= p[k] <= a["max"][k] for p in pos for k in range(3)), f"{uri}: POSITION bounds")
        colours = accessor(doc, binary, at["COLOR_0"])
        index = [i[0] for i in accessor(doc, binary, prim["indices"])]
        check(len(colours) == len(pos) and len(index) % 3 == 0 and all(0 <= i < len(pos) for i in index), f"{uri}: attribute counts, indices")
        pos, colours = [pos[i] for i in index], [colours[i] for i in index]  # the triangles' corners
        if "_FEATURE_ID_0" not in at:
            continue
        fid = [int(x[0]) for x in accessor(doc, binary, at["_FEATURE_ID_0"])]
        fid = [fid[i] for i in index]
        check(prim["extensions"]["EXT_mesh_features"]["featureIds"][0]["featureCount"] == count, f"{uri}: feature count")
        check(all(0 <= i < count for i in fid), f"{uri}: feature ids outside the table")
        for t in range(0, len(pos), 3):
            building_area += area(pos[t:t + 3])
            i = fid[t]
            if rows["floor"][i] >= 0:
                rgb = tuple(srgb_of_linear16(c) for c in colours[t][:3])
                check(rgb == palette_colour(rows["Lden"][i]), f"{uri}: colour {rgb} of {rows['building'][i]} floor {rows['floor'][i]}")
    for i in range(count):
        key = (rows["building"][i], rows["floor"][i])
        if key[1] < 0:
            continue
        seen.add(key)
        e = expected.get(key)
        check(e is not None and rows["Lden"][i] == f32(e[0]) and rows["Ln"][i] == f32(e[1]), f"{key}: Lden {rows['Lden'][i]}, Ln {rows['Ln'][i]} != {e}")
check(seen == set(expected), f"floors in the tiles {len(seen)}, in the GeoPackage {len(expected)}")

stored_area = 0.0
for (blob,) in sqlite3.connect(store).execute("SELECT triangles FROM surfaces WHERE version = ? AND building <> ''", (int(version),)):
    v = struct.unpack(f"<{len(blob) // 8}d", blob)
    for t in range(0, len(v), 9):
        stored_area += area([v[t:t + 3], v[t + 3:t + 6], v[t + 6:t + 9]])
check(abs(building_area - stored_area) < 0.005 * stored_area, f"building area in the tiles {building_area:.1f} m², stored {stored_area:.1f} m²")

def tile_colours(service, base):
    """The sorted colours of the triangles of a one-tile tileset served under `base`."""
    import urllib.request
    with urllib.request.urlopen(service.base + base + "/tileset.json", timeout=60) as r:
        doc = json.loads(r.read())
    check(doc["asset"]["version"] == "1.1" and len(doc["root"]["transform"]) == 16, f"{base}: tileset")
    with urllib.request.urlopen(service.base + base + "/" + doc["root"]["content"]["uri"], timeout=60) as r:
        path = os.path.join(work, "overlay.glb")
        open(path, "wb").write(r.read())
    gdoc, binary = read_glb(path)
    out = []
    for prim in gdoc["meshes"][0]["primitives"]:
        colours = accessor(gdoc, binary, prim["attributes"]["COLOR_0"])
        index = [i[0] for i in accessor(gdoc, binary, prim["indices"])]
        out += [tuple(srgb_of_linear16(c) for c in colours[index[t]][:3]) for t in range(0, len(index), 3)]
    return sorted(out)


service = Service(citynoise, store)
try:
    import urllib.request
    plain = os.path.join(work, "tiles-default")  # what the service makes: the default options
    run = subprocess.run([citynoise, "tiles", store, version, "--out", plain], capture_output=True, text=True)
    check(run.returncode == 0, f"citynoise tiles: {run.returncode} {run.stderr}")
    with urllib.request.urlopen(service.base + f"/tiles/{version}/tileset.json", timeout=60) as r:
        served = json.loads(r.read())
        check(served == json.load(open(os.path.join(plain, "tileset.json"))), "the served tileset.json differs from citynoise tiles'")
    first = served["root"]["content"]["uri"] if "content" in served["root"] else served["root"]["children"][0]["content"]["uri"]
    with urllib.request.urlopen(service.base + f"/tiles/{version}/{first}", timeout=60) as r:
        check(r.headers["Content-Type"] == "model/gltf-binary" and r.read() == open(os.path.join(plain, first), "rb").read(), "the served glb")
    for uri, _ in coarse[:1]:
        status, _, _ = service.get(f"/tiles/{version}/{uri}")
        check(status == 404, f"{uri} of another quadtree served: {status}")
    with urllib.request.urlopen(service.base + f"/tiles/{version}/Ln/tileset.json", timeout=60) as r:
        check(json.loads(r.read())["metadata"]["properties"]["indicator"] == "Ln", "tiles by Ln")
    # The sections and the volume slice: a cell per receiver (per lattice column) in its class colour.
    status, _, layers = service.get(f"/api/versions/{version}/layers")
    names = sorted({i.rsplit("-", 2)[0] for (i,) in db.execute("SELECT id FROM sections")})
    check(status == 200 and sorted(x["name"] for x in layers["sections"]) == names and layers["volume"], f"layers {status} {layers}, sections {names}")
    section_levels = [lden for (lden,) in db.execute("SELECT Lden FROM sections") if lden is not None]
    check(tile_colours(service, f"/tiles/{version}/sections") == sorted(palette_colour(v) for v in section_levels for _ in range(2)),
          "section cells: not one per receiver in its class colour")
    volume = {}
    for i, j, k, lden in db.execute("SELECT i, j, k, Lden FROM volume"):
        volume[(i, j, k)] = lden
    z_min, dz = layers["volume"]["z_min"], layers["volume"]["dz"]
    altitude = math.floor(z_min + 1.4 * dz)
    t = (altitude - z_min) / dz - 1  # between layers 1 and 2
    expected_slice = sorted(palette_colour((1 - t) * volume[(i, j, 1)] + t * volume[(i, j, 2)]) for (i, j, k) in volume
                            if k == 1 and (i, j, 2) in volume for _ in range(2))
    check(expected_slice and tile_colours(service, f"/tiles/{version}/slice/{altitude}") == expected_slice, f"the volume at {altitude} m: not its columns' classes")
    print(f"sections: {len(section_levels)} cells; the volume at {altitude} m: {len(expected_slice) // 2} cells")
    for path, code in [(f"/tiles/{version}/slice/{math.floor(z_min) - 5}/tileset.json", 404), (f"/tiles/{version}/slice/x/tileset.json", 404),
                       (f"/tiles/{version}/Ln/sections/tiles/1-0-0.glb", 404),
                       (f"/tiles/{version}/tiles/9-9-9.glb", 404), (f"/tiles/{version}/Lx/tileset.json", 404), ("/tiles/999/tileset.json", 404),
                       (f"/tiles/{version}/tiles/..%2F..%2Fmaps.sqlite", 404)]:
        status, _, doc = service.get(path)
        check(status == code, f"{path}: {status} {doc}")
finally:
    service.stop()
bad = subprocess.run([citynoise, "tiles", store, version, "--out", out, "--indicator", "Lx"], capture_output=True, text=True)
check(bad.returncode == 2 and "--indicator" in bad.stderr, f"a bad indicator: {bad.returncode} {bad.stderr}")
print(f"3D Tiles: {len(uris)} tiles and {len(coarse)} coarser levels, {len(seen)} floors equal the GeoPackage, {building_area:.0f} m² of buildings")
if check.failures:
    print("\n".join(check.failures))
    sys.exit(1)
