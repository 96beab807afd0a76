#!/usr/bin/env python3
"""The JSON API's reads on a real server: starts `citynoise serve STORE --port 0` on localhost, checks
every building of every public version against the result's GeoPackage (per floor: the loudest
façade point's levels, to the last digit), the versions list, the summary, the building list
(filters, order, pages), the level at points (nearest receiver, volume and grid interpolation,
against the GeoPackage's points), sources in a bbox, the comparison of two versions, a retired
version hidden, and bad requests answered 400/404 as JSON without effect; stops the server.
With a viewer's token the retired version is there; a wrong, revoked or malformed token is 401.
Usage: api_test.py CITYNOISE STORE RESULT_GPKG RETIRED_ID TOKEN REVOKED_TOKEN"""
import json
import os
import sqlite3
import struct
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from gpkg_points import layer_points  # noqa: E402
from service_client import Checks, Service  # noqa: E402

citynoise, store, gpkg, retired, token, revoked = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
service = Service(citynoise, store)
check = Checks()


def get(path, authorization=None):
    return service.get(path, authorization=authorization)


def check_lists(v, db, buildings):
    """The building list: all of them, the largest exceedance first, filters and pages."""
    listed = []
    for offset in range(0, len(buildings) + 1000, 1000):
        status, _, page = get(f"/api/versions/{v}/buildings?limit=1000&offset={offset}")
        check(status == 200 and page["total"] == len(buildings), f"list: {status} {page['total']}")
        listed += page["buildings"]
    check(sorted(b["id"] for b in listed) == sorted(buildings), f"the list holds {len(listed)} buildings, the GeoPackage {len(buildings)}")
    page = {"buildings": listed}
    rows = {r[0]: r[1:] for r in db.execute("SELECT id, use, zone, exceed_day, exceed_night FROM buildings")}

    def larger(b):  # buildings without façade points (no exceedance) last
        values = [x for x in (b["exceed_day"], b["exceed_night"]) if x is not None]
        return max(values) if values else -1e9
    keys = [larger(b) for b in page["buildings"]]
    check(keys == sorted(keys, reverse=True), f"list not sorted by exceedance: {keys}")
    night = [b for b, r in rows.items() if r[3] is not None and r[3] > 0]
    status, _, over = get(f"/api/versions/{v}/buildings?over=night&limit=1000")
    check(over["total"] == len(night) and set(b["id"] for b in over["buildings"]) <= set(night) and
          len(over["buildings"]) == min(1000, len(night)), f"over=night: {over['total']} of {len(night)}")
    keys = [b["exceed_night"] for b in over["buildings"]]
    check(keys == sorted(keys, reverse=True), "over=night not sorted by the night exceedance")
    some = next(b for b, r in rows.items() if r[0] and r[1])  # a building with a use and a zone
    status, _, by_use = get(f"/api/versions/{v}/buildings?use={rows[some][0]}&zone={rows[some][1]}&limit=1000")
    check(all(b["use"] == rows[some][0] and b["zone"] == rows[some][1] for b in by_use["buildings"]) and
          some in [b["id"] for b in by_use["buildings"]], f"use/zone filter: {by_use}")
    pages = [get(f"/api/versions/{v}/buildings?limit=1&offset={k}")[2]["buildings"][0]["id"] for k in range(min(len(buildings), 300))]
    check(pages == [b["id"] for b in page["buildings"]][:len(pages)], f"pages of one: {pages}")
    first = page["buildings"][0]
    c = first["centre"]
    status, _, near = get(f"/api/versions/{v}/buildings?bbox={c['x'] - 1},{c['y'] - 1},{c['x'] + 1},{c['y'] + 1}")
    check(first["id"] in [b["id"] for b in near["buildings"]] and near["total"] < len(buildings), f"bbox: {near}")
    return 4 + len(buildings)


def check_levels(v):
    """The level at points: at a façade point (nearest receiver), at a volume cell's centre and a
    grid cell's centre (the corners' mean in dB), and outside everything (404)."""
    n = 0
    status, _, b = get(f"/api/versions/{v}/buildings/{urllib.request.quote(first_building)}")
    f = b["floors"][0]
    p = f["loudest_point"]
    status, _, lv = get(f"/api/versions/{v}/level?x={p['x']}&y={p['y']}&z={p['z']}")
    check(status == 200 and lv["method"] == "nearest receiver" and lv["receiver"]["id"] == p["id"] and lv["levels"]["Lden"] == f["Lden"],
          f"level at a façade point: {lv}")
    n += 1
    for layer, dims, method in [("volume", 3, "volume interpolation"), ("grid_4", 2, "grid interpolation")]:
        pts = {tuple(int(k) for k in r[0].split("-")[-dims:]): r for r in layer_points(gpkg, layer, ["Lden"])}
        cells = 0
        for ijk in sorted(pts):
            corners = [tuple(ijk[a] + ((c >> a) & 1) for a in range(dims)) for c in range(1 << dims)]
            if not all(c in pts for c in corners):
                continue
            x, y, z = (sum(pts[c][1 + a] for c in corners) / len(corners) for a in range(3))
            if dims == 2:
                z += 1000  # far above: no receiver near, outside the volume, the grid still answers
            status, _, lv = get(f"/api/versions/{v}/level?x={x}&y={y}&z={z}&tolerance=0.5")
            mean = sum(pts[c][4] for c in corners) / len(corners)
            check(status == 200 and lv["method"] == method and abs(lv["levels"]["Lden"] - mean) < 1e-6 and len(lv["corners"]) == len(corners),
                  f"{method} at {x},{y},{z}: {status} {lv}, expected {mean}")
            cells += 1
            if cells == 3:
                break
        check(cells > 0, f"no {layer} cell to interpolate in")
        n += cells
    status, _, lv = get(f"/api/versions/{v}/level?x=0&y=0&z=0")
    check(status == 404 and "error" in lv, f"a point outside: {status} {lv}")
    return n + 1


def check_sources(v, db):
    """Sources with their sound power per period, all (page by page) and in a bbox."""
    listed = []
    for offset in range(0, 100000, 1000):
        status, _, page = get(f"/api/versions/{v}/sources?limit=1000&offset={offset}")
        listed += page["sources"]
        if len(page["sources"]) < 1000:
            break
    count = db.execute("SELECT COUNT(DISTINCT id) FROM sources").fetchone()[0]
    check(status == 200 and len(listed) == page["total"] and len({s["id"] for s in listed}) == count,
          f"sources: {status}, {len(listed)} parts of {len({s['id'] for s in listed})} sources, {count} in the GeoPackage")
    check(all(any(x is not None for x in s["LwA"].values()) for s in listed), "sources without their sound power")
    status, _, none = get(f"/api/versions/{v}/sources?bbox=0,0,10,10")
    check(status == 200 and none["total"] == 0, f"sources far away: {none['total']}")
    return 2


def check_compare(a, b, token):
    """Two versions compared: per floor b − a; the retired one needs a token. A version against
    itself: every building, nothing changed."""
    status, _, doc = get(f"/api/compare/{a}/{b}/buildings")
    check(status == 404, f"compare with a retired version without a token: {status}")
    for va, vb in [(a, b), (b, b)]:
        status, _, doc = get(f"/api/compare/{va}/{vb}/buildings?limit=1000", "Bearer " + token)
        check(status == 200 and len(doc["buildings"]) == min(1000, doc["total"]) and (va != vb or doc["total"] > 0),
              f"compare {va} {vb}: {status}, {len(doc.get('buildings', []))} of {doc.get('total')}")
        for bd in doc["buildings"][:100]:
            _, _, fa = get(f"/api/versions/{va}/buildings/{urllib.request.quote(bd['id'])}", "Bearer " + token)
            _, _, fb = get(f"/api/versions/{vb}/buildings/{urllib.request.quote(bd['id'])}", "Bearer " + token)
            for f in bd["floors"]:
                la = next(x for x in fa["floors"] if x["floor"] == f["floor"])["Lnight"]
                lb = next(x for x in fb["floors"] if x["floor"] == f["floor"])["Lnight"]
                check(f["Lnight"]["a"] == la and f["Lnight"]["b"] == lb and abs(f["Lnight"]["change"] - (lb - la)) < 1e-9,
                      f"compare {bd['id']} floor {f['floor']}: {f['Lnight']} against {la}, {lb}")
                check(va != vb or f["Lnight"]["change"] == 0, f"a version against itself changed: {f}")
            check(bd["people_relieved"] == bd["people_over_limit"]["a"] - bd["people_over_limit"]["b"], f"people relieved: {bd}")
        if doc["total"] <= 1000:
            check(abs(doc["people_relieved"] - sum(bd["people_relieved"] for bd in doc["buildings"])) < 1e-6, "people relieved in all")


def check_bad_parameters(v):
    """Bad parameters: 400 with a JSON message naming the parameter, no internals."""
    for query, word in [("buildings?limit=0", "limit"), ("buildings?limit=5000", "limit"), ("buildings?offset=-1", "offset"),
                        ("buildings?over=noon", "over"), ("buildings?bbox=0,0,1e9,1e9", "bbox"), ("buildings?bbox=a,b,c,d", "bbox"),
                        ("buildings?bbox=1,2,3", "bbox"), ("buildings?bbox=5,5,1,1", "bbox"), ("buildings?zone=2%27%20OR%201%3D1", "zone"),
                        ("buildings?zone=2%27%20OR%201=1", "="),
                        ("buildings?use=x;DROP%20TABLE%20buildings", "use"), ("buildings?colour=red", "colour"),
                        ("buildings?limit=1&limit=2", "limit"), ("level?x=abc&y=1&z=1", "x"), ("level?x=1&y=1", "z"),
                        ("level?x=nan&y=1&z=1", "x"), ("level?x=inf&y=1&z=1", "x"), ("level?x=1&y=1&z=1&tolerance=1000", "tolerance"),
                        ("level?x=1e300&y=1&z=1", "x"), ("sources?bbox=0,0,1e7,1", "bbox"), ("sources?limit=abc", "limit")]:
        status, ctype, doc = get(f"/api/versions/{v}/{query}")
        check(status == 400 and ctype.startswith("application/json") and word in doc.get("error", ""), f"{query}: {status} {doc}")
        check("sqlite" not in json.dumps(doc).lower() and "select" not in json.dumps(doc).lower(), f"{query}: internals in {doc}")


try:
    status, ctype, versions = get("/api/versions")
    check(status == 200 and ctype.startswith("application/json"), "GET /api/versions")
    ids = [v["id"] for v in versions]
    check(retired not in ids and len(ids) >= 1, f"versions {ids}: the retired {retired} must be hidden, others listed")
    check(all(v["counts"]["facade_receivers"] > 0 for v in versions), "counts in the versions list")
    db = sqlite3.connect(gpkg)
    expected = {}
    for b, floor, lden, ln, ed, en in db.execute(
            "SELECT building, floor, Lden, Ln, exceed_day, exceed_night FROM facade_receivers"):
        e = expected.setdefault((b, floor), [None] * 4)
        for k, v in enumerate((lden, ln, ed, en)):
            if v is not None and (e[k] is None or v > e[k]):
                e[k] = v
    # The hours, where the result has them: each floor's hour the loudest of its points' (float32).
    columns = [r[1] for r in db.execute("PRAGMA table_info(facade_receivers)")]
    hours = {}
    if "LAeq_h00" in columns:
        hour_columns = ", ".join(f"LAeq_h{h:02d}" for h in range(24))
        for row in db.execute(f"SELECT building, floor, {hour_columns} FROM facade_receivers"):
            e = hours.setdefault((row[0], row[1]), [None] * 24)
            for h, v in enumerate(row[2:]):
                if v is not None and (e[h] is None or v > e[h]):
                    e[h] = v
    buildings = [r[0] for r in db.execute("SELECT id FROM buildings")]
    first_building = sorted(expected)[0][0]  # one with façade points
    v1 = ids[0]
    compared = 0
    for b in buildings:
        status, _, doc = get(f"/api/versions/{v1}/buildings/{urllib.request.quote(b)}")
        check(status == 200 and doc["id"] == b, f"building {b}: {status}")
        check((doc.get("limits") is not None) == (doc["zone"] != ""), f"building {b}: limits {doc.get('limits')} for zone {doc['zone']!r}")
        for f in doc["floors"]:
            e = expected[(b, f["floor"])]
            got = [f["Lden"], f["Ln"], f["exceed_day"], f["exceed_night"]]
            check(got == e, f"building {b} floor {f['floor']}: {got} != GeoPackage {e}")
            if hours:
                want = [None if v is None else struct.unpack("<f", struct.pack("<f", v))[0] for v in hours[(b, f["floor"])]]
                check(f.get("hourly") == want, f"building {b} floor {f['floor']}: hours {f.get('hourly')} != GeoPackage {want}")
            compared += 1
    check(compared == len(expected), f"floors compared {compared}, in the GeoPackage {len(expected)}")
    check(bool(hours) == next(v for v in versions if v["id"] == v1)["hourly"], f"version {v1}: hourly {bool(hours)} in the GeoPackage")
    status, _, ranking = get(f"/api/versions/{v1}/variants")
    check(status == 200 and ranking["version"] == v1 and isinstance(ranking["variants"], list), f"variants: {status} {ranking}")
    status, _, summary = get(f"/api/versions/{v1}/summary")
    check(status == 200 and "facade_points" in summary, "summary tables")
    for path, code in [(f"/api/versions/{retired}", 404), (f"/api/versions/{retired}/buildings/b1", 404),
                       ("/api/versions/999999", 404), (f"/api/versions/{v1}/buildings/nope", 404),
                       ("/api/versions/1%3B%20DROP%20TABLE%20versions", 404), ("/api/versions/abc", 404),
                       (f"/api/versions/{v1}/buildings/" + "x" * 300, 404), ("/etc/passwd", 404),
                       ("/api/versions/../../etc/passwd", 404)]:
        status, ctype, doc = get(path)
        check(status == code and "error" in doc and ctype.startswith("application/json"), f"{path}: {status} {doc}")
        text = json.dumps(doc).lower()
        check(store.lower() not in text and "sqlite" not in text and "select" not in text,
              f"{path}: an internal message leaked: {doc}")
    # Tokens: a viewer sees the retired version; bad tokens are refused, not taken for the public.
    status, _, listed = get("/api/versions", "Bearer " + token)
    check(status == 200 and retired in [v["id"] for v in listed], f"with a token: {status} {listed}")
    status, _, doc = get(f"/api/versions/{retired}/buildings/b1", "Bearer " + token)
    check(status == 200 and doc["id"] == "b1", f"a retired version's building with a token: {status}")
    for auth in ["Bearer " + revoked, "Bearer cn_" + "0" * 64, "Bearer " + token[:-1] + "x", "Bearer", "Basic YWxpY2U6eA==",
                 "Bearer " + token + "' OR '1'='1"]:
        status, _, doc = get("/api/versions", auth)
        check(status == 401 and "error" in doc, f"Authorization {auth[:20]}…: {status}")
    lists = check_lists(v1, db, buildings)
    points = check_levels(v1)
    sources = check_sources(v1, db)
    check_compare(retired, v1, token)
    check_bad_parameters(v1)
    status, _, after = get("/api/versions")
    check(after == versions, "a bad request changed the store")
    print(f"{compared} floors of {len(buildings)} buildings equal the GeoPackage; {len(ids)} public versions; "
          f"{lists} building lists, {points} point levels, {sources} source pages checked")
finally:
    service.stop()
if check.failures:
    print("\n".join(check.failures))
    sys.exit(1)
