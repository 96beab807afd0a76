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
out = os.path.join(work, "tiles")
run = subprocess.run([citynoise, "tiles", store, version, "--out", out], capture_output=True, text=True)
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


def walk(tile, parent, files):
    r = tile["boundingVolume"]["region"]
    check(len(r) == 6 and -math.pi <= r[0] <= r[2] <= math.pi and -math.pi / 2 <= r[1] <= r[3] <= math.pi / 2 and r[4] <= r[5], f"region {r}")
    if parent:
        check(all(parent[k] - 1e-9 <= r[k] for k in (0, 1)) and all(r[k] <= parent[k] + 1e-9 for k in (2, 3)), f"region {r} outside {parent}")
    check(tile["geometricError"] >= 0 and (not parent or tile["geometricError"] <= parent_error[0] + 1e-9), "geometric error")
    if "content" in tile:
        files.append(tile["content"]["uri"])
    for child in tile.get("children", []):
        walk(child, r, files)


tileset = json.load(open(os.path.join(out, "tileset.json")))
check(tileset["asset"]["version"] == "1.1" and tileset["geometricError"] > 0, f"asset {tileset['asset']}")
check(len(tileset["root"]["transform"]) == 16 and tileset["root"]["transform"][15] == 1, "root transform")
check(tileset["metadata"]["properties"]["version"] == int(version), "tileset metadata")
parent_error = [tileset["geometricError"]]
uris = []
walk(tileset["root"], None, uris)
check(uris and all(os.path.exists(os.path.join(out, u)) for u in uris), f"content files {uris}")

db = sqlite3.connect(gpkg)
expected = {}
for b, floor, lden, ln in db.execute("SELECT building, floor, Lden, Ln FROM facade_receivers"):
    e = expected.setdefault((b, floor), [-1e9, -1e9])
    e[0], e[1] = max(e[0], lden), max(e[1], ln)
seen, building_area = set(), 0.0
for uri in uris:
    doc, binary = read_glb(os.path.join(out, uri))
    check({"EXT_mesh_features", "EXT_structural_metadata", "KHR_materials_unlit"} <= set(doc.get("extensionsUsed", [])), f"{uri}: extensions")
    count, rows = property_table(doc, binary)
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

service = Service(citynoise, store)
try:
    import urllib.request
    with urllib.request.urlopen(service.base + f"/tiles/{version}/tileset.json", timeout=60) as r:
        check(json.loads(r.read()) == tileset, "the served tileset.json differs from citynoise tiles'")
    with urllib.request.urlopen(service.base + f"/tiles/{version}/{uris[0]}", timeout=60) as r:
        check(r.headers["Content-Type"] == "model/gltf-binary" and r.read() == open(os.path.join(out, uris[0]), "rb").read(), "the served glb")
    with urllib.request.urlopen(service.base + f"/tiles/{version}/Ln/tileset.json", timeout=60) as r:
        check(json.loads(r.read())["metadata"]["properties"]["indicator"] == "Ln", "tiles by Ln")
    for path, code in [(f"/tiles/{version}/tiles/9-9-9.glb", 404), (f"/tiles/{version}/Lx/tileset.json", 404), ("/tiles/999/tileset.json", 404),
                       (f"/tiles/{version}/tiles/..%2F..%2Fmaps.sqlite", 404)]:
        status, _, doc = service.get(path)
        check(status == code, f"{path}: {status} {doc}")
finally:
    service.stop()
bad = subprocess.run([citynoise, "tiles", store, version, "--out", out, "--indicator", "Lx"], capture_output=True, text=True)
check(bad.returncode == 2 and "--indicator" in bad.stderr, f"a bad indicator: {bad.returncode} {bad.stderr}")
print(f"3D Tiles: {len(uris)} tiles, {len(seen)} floors equal the GeoPackage, {building_area:.0f} m² of buildings")
if check.failures:
    print("\n".join(check.failures))
    sys.exit(1)
