#!/usr/bin/env python3
"""The JSON API's writes on a real server (started on a free localhost port, stopped after):
refused without a token (401), with a wrong or revoked one (401), with a viewer's on any write and an
editor's on a delete (403), each refusal without effect; an editor uploads a result archive
(.tar.gz, .zip) and measurement batches (validated, duplicates kept once, overlaps refused whole),
retires a version; an admin deletes one; archives that climb out of their folder or are not results
are refused and write nothing; a body over the upload limit is 413. Then the same store over HTTPS
with a self-signed certificate made for the test.
Usage: api_write_test.py CITYNOISE STORE RESULT_DIR WORK VIEWER EDITOR ADMIN REVOKED"""
import io
import os
import subprocess
import sys
import tarfile
import zipfile

sys.path.insert(0, os.path.dirname(__file__))
from service_client import Checks, Service  # noqa: E402

citynoise, store, result, work, viewer, editor, admin, revoked = sys.argv[1:9]
check = Checks()


def archive(kind, entries):
    """An archive in memory of (name, bytes) entries."""
    buffer = io.BytesIO()
    if kind == "zip":
        with zipfile.ZipFile(buffer, "w") as z:
            for name, data in entries:
                z.writestr(name, data)
    else:
        with tarfile.open(fileobj=buffer, mode="w:gz") as t:
            for name, data in entries:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def result_entries(prefix=""):
    out = []
    for root, _, files in os.walk(result):
        for f in sorted(files):
            path = os.path.join(root, f)
            with open(path, "rb") as h:
                out.append((prefix + os.path.relpath(path, result), h.read()))
    return out


def versions(service):
    return [v["id"] for v in service.get("/api/versions", admin)[2]]


def check_refusals(service):
    """Every write refused without the right token, and nothing changed."""
    before = versions(service)
    body = archive("tar.gz", result_entries())
    batch = {"measurements": [{"station": "s1", "start": "2026-12-01T22:00:00+08:00", "end": "2026-12-01T22:15:00+08:00", "laeq": 55.0}]}
    for who, expected in [(None, 401), (revoked, 401), ("cn_" + "1" * 64, 401), (viewer, 403)]:
        status, _, doc = service.ask("POST", "/api/versions?label=x", who, body, "application/gzip")
        check(status == expected and "error" in doc, f"upload as {who and who[:8]}: {status} {doc}")
        status, _, doc = service.post_json("/api/measurements", batch, who)
        check(status == expected, f"measurements as {who and who[:8]}: {status} {doc}")
        status, _, doc = service.ask("DELETE", f"/api/versions/{before[0]}", who)
        check(status == expected, f"delete as {who and who[:8]}: {status} {doc}")
        status, _, doc = service.ask("POST", f"/api/versions/{before[0]}/retire", who)
        check(status == (404 if who is None else expected) or status == expected, f"retire as {who and who[:8]}: {status} {doc}")
    status, _, doc = service.ask("DELETE", f"/api/versions/{before[0]}", editor)
    check(status == 403, f"delete as an editor: {status} {doc}")
    check(versions(service) == before, "a refused write changed the versions")
    status, _, doc = service.get("/api/measurements", admin)
    check(doc["measurements"] == [], f"a refused write stored measurements: {doc}")


def check_uploads(service):
    """Archives: a stored result again (200), removed and uploaded (201), bad ones refused."""
    before = versions(service)
    status, _, doc = service.ask("POST", "/api/versions?label=again", editor, archive("tar.gz", result_entries()), "application/gzip")
    check(status == 200 and all(v["already_stored"] for v in doc.get("versions", [{}])), f"the same result again: {status} {doc}")
    if status != 200:
        return before
    stored = doc["versions"][0]["id"]
    status, _, doc = service.ask("DELETE", f"/api/versions/{stored}", admin)
    check(status == 200 and doc["deleted"] == stored and stored not in versions(service), f"delete: {status} {doc}")
    status, _, doc = service.get(f"/api/versions/{stored}/buildings/b1", admin)
    check(status == 404, f"a deleted version's building: {status}")
    status, _, doc = service.ask("POST", "/api/versions?label=uploaded%202026", editor, archive("zip", result_entries("run/")), "application/zip")
    check(status == 201 and doc["versions"][0]["label"] == "uploaded 2026" and not doc["versions"][0]["already_stored"], f"upload: {status} {doc}")
    new = doc["versions"][0]["id"]
    status, _, b = service.get(f"/api/versions/{new}/buildings/b1")
    check(status == 200 and b["floors"], f"the uploaded version's building: {status}")
    count = len(versions(service))
    bad = [("tar.gz", [("../evil.txt", b"x")] + result_entries(), "climbs out"),
           ("zip", [("/etc/evil.txt", b"x")], "absolute"),
           ("tar.gz", [("readme.txt", b"no result")], "citynoise-result.json"),
           ("zip", [(n, d.replace(b"{", b"[") if n == "citynoise-result.json" else d) for n, d in result_entries()], "manifest")]
    for kind, entries, word in bad:
        status, _, doc = service.ask("POST", "/api/versions?label=bad", editor, archive(kind, entries), "application/octet-stream")
        check(status == 400 and "error" in doc and "/tmp" not in doc["error"], f"a bad archive ({word}): {status} {doc}")
    status, _, doc = service.ask("POST", "/api/versions?label=bad", editor, b"plain text, not an archive", "application/octet-stream")
    check(status == 400, f"not an archive: {status} {doc}")
    status, _, doc = service.ask("POST", "/api/versions", editor, archive("zip", result_entries()), "application/zip")
    check(status == 400 and "label" in doc["error"], f"an upload without a label: {status} {doc}")
    status, _, doc = service.ask("POST", "/api/versions?label=big", editor, b"\0" * (3 << 20), "application/octet-stream")
    check(status == 413, f"a body over the limit: {status} {doc}")
    check(len(versions(service)) == count and not os.path.exists("/tmp/evil.txt") and not os.path.exists("/etc/evil.txt"),
          "a refused upload wrote something")
    status, _, doc = service.ask("POST", f"/api/versions/{new}/retire", editor)
    check(status == 200 and new not in [v["id"] for v in service.get("/api/versions")[2]], f"retire: {status} {doc}")
    return before


def interval(station, start, end, laeq, **more):
    return {"station": station, "start": start, "end": end, "laeq": laeq, **more}


def check_measurements(service):
    """Batches checked whole: added, duplicates counted, overlaps and bad values refused."""
    batch = [interval("display-7", f"2026-12-01T22:{m:02d}:00+08:00", f"2026-12-01T22:{m + 1:02d}:00+08:00", 60 + m / 10, lmax=75.0)
             for m in range(0, 15)]
    status, _, doc = service.post_json("/api/measurements", {"measurements": batch}, editor)
    check(status == 201 and doc == {"added": 15, "duplicates": 0}, f"a batch: {status} {doc}")
    status, _, doc = service.post_json("/api/measurements", batch, editor)
    check(status == 200 and doc == {"added": 0, "duplicates": 15}, f"the batch again: {status} {doc}")
    bad = [([interval("display-7", "2026-12-01T22:05:30+08:00", "2026-12-01T22:20:00+08:00", 61)], "overlaps"),
           ([interval("display-7", "2026-12-01T22:00:00+08:00", "2026-12-01T22:01:00+08:00", 70)], "other values"),
           ([interval("s2", "2026-12-01T23:00:00+08:00", "2026-12-01T22:00:00+08:00", 60)], "not after"),
           ([interval("s2", "2026-12-01T23:00:00", "2026-12-01T23:15:00", 60)], "offset"),
           ([interval("s2", "2026-13-01T23:00:00Z", "2026-13-01T23:15:00Z", 60)], "ISO 8601"),
           ([interval("s2", "2026-12-01T23:00:00Z", "2026-12-01T23:15:00Z", 160)], "impossible"),
           ([interval("s2", "2026-12-01T23:00:00Z", "2026-12-01T23:15:00Z", 5)], "impossible"),
           ([interval("s2", "2026-12-01T23:00:00Z", "2026-12-01T23:15:00Z", "loud")], "number"),
           ([interval("s 2; DROP", "2026-12-01T23:00:00Z", "2026-12-01T23:15:00Z", 60)], "station"),
           ([interval("s9", "2026-12-01T23:00:00Z", "2026-12-01T23:15:00Z", 60)], "unknown station"),
           ([interval("s2", "2026-12-01T23:00:00Z", "2026-12-01T23:15:00Z", 60, colour="red")], "unknown field"),
           ([interval("s2", "2026-12-01T23:00:00Z", "2026-12-01T23:15:00Z", 60),
             interval("s2", "2026-12-01T23:10:00Z", "2026-12-01T23:25:00Z", 60)], "overlaps"),
           ([], "1 to"), ({"measurements": "many"}, "1 to")]
    for entries, word in bad:
        status, _, doc = service.post_json("/api/measurements", entries, editor)
        check(status == 400 and word in doc.get("error", ""), f"a bad batch ({word}): {status} {doc}")
    status, _, doc = service.ask("POST", "/api/measurements", editor, b"{not json", "application/json")
    check(status == 400, f"not JSON: {status}")
    status, _, doc = service.get("/api/measurements", admin)
    stored = doc["measurements"]
    check(len(stored) == 15 and stored[0]["station"] == "display-7" and stored[0]["lmax"] == 75.0, f"stored: {len(stored)} {stored[:1]}")
    return len(stored)


def check_https():
    key, cert = os.path.join(work, "key.pem"), os.path.join(work, "cert.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                    "-subj", "/CN=localhost"], check=True, capture_output=True)
    service = Service(citynoise, store, "--tls-cert", cert, "--tls-key", key)
    try:
        check(service.base.startswith("https://"), f"HTTPS announced: {service.base}")
        status, _, doc = service.get("/api/versions")
        check(status == 200 and doc, f"over HTTPS: {status}")
    finally:
        service.stop()
    bad = subprocess.run([citynoise, "serve", store, "--port", "0", "--tls-cert", cert], capture_output=True, text=True, timeout=20)
    check(bad.returncode == 2 and "needs both" in bad.stderr, f"a certificate without its key: {bad.returncode} {bad.stderr}")


def check_stations(service):
    """Stations: declared by an editor (refused without a token or with bad fields), listed for all with lon/lat."""
    new = {"crs": "EPSG:32648", "stations": [{"station": "display-9", "x": 650010, "y": 3270060, "z": 3.5, "kind": "display"}]}
    status, _, doc = service.post_json("/api/stations", new)
    check(status == 401, f"stations without a token: {status} {doc}")
    status, _, doc = service.post_json("/api/stations", new, editor)
    check(status == 201 and doc == {"added": 1, "declared": 1}, f"a station declared: {status} {doc}")
    status, _, doc = service.post_json("/api/stations", new, editor)
    check(status == 200 and doc["added"] == 0, f"declared again: {status} {doc}")
    for body, word in [({"stations": new["stations"]}, "crs"), ({"crs": "EPSG:32648", "stations": []}, "1 to"),
                       ({"crs": "EPSG:32648", "stations": [{**new["stations"][0], "z": 500}]}, "above the ground"),
                       ({"crs": "EPSG:32648", "stations": [{**new["stations"][0], "kind": "phone"}]}, "kind"),
                       ({"crs": "EPSG:32648", "stations": [{**new["stations"][0], "colour": "red"}]}, "unknown field"),
                       ({"crs": "EPSG:32648", "stations": [{**new["stations"][0], "station": "a b"}]}, "station"),
                       ({"crs": "EPSG:32648", "stations": new["stations"] * 2}, "twice")]:
        status, _, doc = service.post_json("/api/stations", body, editor)
        check(status == 400 and word in doc.get("error", ""), f"a bad station ({word}): {status} {doc}")
    status, _, doc = service.get("/api/stations")
    listed = {s["station"]: s for s in doc.get("stations", [])}
    s9 = listed.get("display-9", {})
    check(status == 200 and {"display-7", "s1", "s2", "display-9"} <= set(listed) and s9.get("kind") == "display" and s9.get("z") == 3.5
          and 106.4 < (s9.get("lon") or 0) < 106.6 and 29.5 < (s9.get("lat") or 0) < 29.6, f"stations listed: {status} {s9}")
    return len(listed)


service = Service(citynoise, store, "--max-upload-mb", "2")
try:
    check_refusals(service)
    check_uploads(service)
    n = check_measurements(service)
    stations = check_stations(service)
finally:
    log = service.stop()
check("internal error" not in log, f"the server logged: {log}")
check_https()
print(f"writes: refusals, uploads, {n} measurements, {stations} stations and HTTPS checked")
if check.failures:
    print("\n".join(check.failures))
    sys.exit(1)
