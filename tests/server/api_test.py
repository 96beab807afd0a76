#!/usr/bin/env python3
"""The JSON API on a real server: starts `citynoise serve STORE --port 0` on localhost, checks every
building of every public version against the result's GeoPackage (per floor: the loudest façade
point's levels, to the last digit), the versions list, the summary, a retired version hidden, and
bad requests answered 400/404 as JSON; stops the server.
With a viewer's token the retired version is there; a wrong, revoked or malformed token is 401.
Usage: api_test.py CITYNOISE STORE RESULT_GPKG RETIRED_ID TOKEN REVOKED_TOKEN"""
import json
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request

citynoise, store, gpkg, retired, token, revoked = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
server = subprocess.Popen([citynoise, "serve", store, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def get(path, authorization=None):
    request = urllib.request.Request(base + path)
    if authorization:
        request.add_header("Authorization", authorization)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, r.headers.get("Content-Type"), json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), json.loads(e.read())


try:
    line = server.stdout.readline()
    port = int(line.split(":")[-1].split("/")[0])
    base = f"http://127.0.0.1:{port}"
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
    buildings = [r[0] for r in db.execute("SELECT id FROM buildings")]
    v1 = ids[0]
    compared = 0
    for b in buildings:
        status, _, doc = get(f"/api/versions/{v1}/buildings/{urllib.request.quote(b)}")
        check(status == 200 and doc["id"] == b, f"building {b}: {status}")
        check(doc.get("limits") is not None, f"building {b}: limits")
        for f in doc["floors"]:
            e = expected[(b, f["floor"])]
            got = [f["Lden"], f["Ln"], f["exceed_day"], f["exceed_night"]]
            check(got == e, f"building {b} floor {f['floor']}: {got} != GeoPackage {e}")
            compared += 1
    check(compared == len(expected), f"floors compared {compared}, in the GeoPackage {len(expected)}")
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
    status, _, after = get("/api/versions")
    check(after == versions, "a bad request changed the store")
    print(f"{compared} floors of {len(buildings)} buildings equal the GeoPackage; {len(ids)} public versions")
finally:
    server.terminate()
    server.wait(timeout=10)
if failures:
    print("\n".join(failures))
    sys.exit(1)
