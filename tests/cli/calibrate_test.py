#!/usr/bin/env python3
"""`citynoise calibrate` on synthetic truth (issue 16): the tiny district (tests/cli/run_cases) with
a construction site by day and another that works only 01:00-03:00; a "truth" scenario is the same
with known gains on the emissions (roads +3 dB through their flows, the loudspeaker -4 dB and the
day site +6 dB through their sound powers) computed in full by `citynoise run` at 12 stations
(point receivers, hourly levels). Measurements are its hours 06-23 plus 1.5 dB of noise (and
with none). The fit must recover each gain within 1 dB with its sigma covering the error, a
leave-one-out RMSE <= 2 dB; with no noise within 0.05 dB (the calibrated model then equals the full
recomputation, and `citynoise run --gains` gives the calibrated model's levels to 0.01 dB); the
night site, which no measured hour hears, keeps its prior and says so.
Bad stations and measurements are refused naming the row and the field.
Usage: calibrate_test.py CITYNOISE BASE_TOML_IN DATA WORK"""
import json
import math
import os
import random
import shutil
import sqlite3
import subprocess
import sys

citynoise, base, data, work = sys.argv[1:5]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


text = open(base).read().replace("@DATA@", data)
text = text[:text.index("[receivers.facades]")]  # the district and its sources; receivers below
stations = [("s01", 650000, 3270056), ("s02", 650100, 3270060), ("s03", 650050, 3270002), ("s04", 650046, 3270012),
            ("s05", 650120, 3270100), ("s06", 650132, 3270122), ("s07", 650000, 3270100), ("s08", 650090, 3270090),
            ("s09", 650000, 3270000), ("s10", 650150, 3270030), ("s11", 650050, 3270120), ("s12", 650110, 3270020)]


def scenario(name, road_factor, speaker_lwa, site_lwa):
    t = text.replace('light = "lv"', f'light = "lv * {road_factor}"').replace('heavy = "hv"', f'heavy = "hv * {road_factor}"')
    t = t.replace('light = "lv / 4"', f'light = "lv / 4 * {road_factor}"').replace('heavy = "hv / 4"', f'heavy = "hv / 4 * {road_factor}"')
    t = t.replace('source = "square_dance_speaker"', f'lwa = {speaker_lwa}\nspectrum = "music"')
    t = t.replace('name = "tiny"', f'name = "{name}"')
    t += f"""
[[construction]]
id = "site-day"
schedule = {{ windows = ["07:00-19:00"] }}
[[construction.equipment]]
lwa = {site_lwa}
spectrum = "engine"
position = [650125, 3270110]

[[construction]]
id = "site-night"
schedule = {{ windows = ["01:00-03:00"] }}
[[construction.equipment]]
lwa = 110
spectrum = "impact"
position = [650000, 3270130]

[outputs]
hourly = true
"""
    for sid, x, y in stations:
        t += f'\n[[receivers.points]]\nid = "{sid}"\nposition = [{x}, {y}]\nheight = 4.0\n'
    path = os.path.join(work, name + ".toml")
    open(path, "w").write(t)
    return path


gains = {"road": 3.0, "square_dance": -4.0, "construction:site-day": 6.0}
model = scenario("model", 1.0, 100.0, 105.0)
truth = scenario("truth", 10 ** (gains["road"] / 10), 100.0 + gains["square_dance"], 105.0 + gains["construction:site-day"])
run = subprocess.run([citynoise, "run", truth, "--out", os.path.join(work, "truth"), "--quiet"], capture_output=True, text=True)
check(run.returncode == 0, f"truth run: {run.returncode} {run.stderr}")
db = sqlite3.connect(os.path.join(work, "truth", [f for f in os.listdir(os.path.join(work, "truth")) if f.endswith(".gpkg")][0]))
hours = {r[0]: r[1:] for r in db.execute("SELECT id, " + ", ".join(f"LAeq_h{h:02d}" for h in range(24)) + " FROM points")}
check(sorted(hours) == [s[0] for s in stations], f"truth stations {sorted(hours)}")
with open(os.path.join(work, "stations.csv"), "w") as f:
    f.write("station,x,y,z,kind\n" + "".join(f"{sid},{x},{y},4.0,{'display' if k % 3 else 'fixed'}\n" for k, (sid, x, y) in enumerate(stations)))


def measurements(name, noise, seed):
    rnd = random.Random(seed)
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write("station,start,end,laeq\n")
        for sid, _, _ in stations:
            for h in range(6, 23):
                level = hours[sid][h] + rnd.gauss(0, noise)
                f.write(f"{sid},2026-12-01T{h:02d}:00:00+08:00,2026-12-01T{h + 1:02d}:00:00+08:00,{level:.2f}\n")
    return path


def calibrate(measured, out):
    r = subprocess.run([citynoise, "calibrate", model, "--stations", os.path.join(work, "stations.csv"), "--measurements", measured, "--out", out, "--quiet"],
                       capture_output=True, text=True)
    check(r.returncode == 0, f"calibrate {measured}: {r.returncode} {r.stderr}")
    print(r.stdout.strip())
    return json.load(open(os.path.join(out, "calibration.json"))) if r.returncode == 0 else None


exact = calibrate(measurements("exact.csv", 0.0, 1), os.path.join(work, "exact"))
if exact:
    for g, want in gains.items():
        got = exact["groups"][g]["gain_db"]
        check(abs(got - want) <= 0.05, f"no noise: {g} gain {got:.3f}, truth {want}")
    check(exact["rmse_after_db"] < 0.05, f"no noise: RMSE after {exact['rmse_after_db']}")
noisy = calibrate(measurements("noisy.csv", 1.5, 7), os.path.join(work, "noisy"))
if noisy:
    for g, want in gains.items():
        got, sigma = noisy["groups"][g]["gain_db"], noisy["groups"][g]["sigma_db"]
        check(abs(got - want) <= 1.0, f"1.5 dB noise: {g} gain {got:.2f}, truth {want}")
        check(abs(got - want) <= 3 * sigma, f"1.5 dB noise: {g} error {got - want:.2f} dB not covered by 3 sigma ({sigma:.2f})")
    check(noisy["loo_rmse_db"] <= 2.0, f"leave-one-out RMSE {noisy['loo_rmse_db']}")
    check(noisy["rmse_before_db"] > noisy["rmse_after_db"], f"RMSE before {noisy['rmse_before_db']} after {noisy['rmse_after_db']}")
    night = noisy["groups"]["construction:site-night"]
    check(night["stations_informing"] == 0 and abs(night["gain_db"]) < 1e-6 and abs(night["sigma_db"] - 6.0) < 1e-3 and "prior" in night.get("note", ""),
          f"the unseen site: {night}")
    check(os.path.getsize(os.path.join(work, "noisy", "calibration.png")) > 1000, "no plot")
    check("leaving each station out" in open(os.path.join(work, "noisy", "calibration.md")).read(), "the report")
    print("gains, 1.5 dB noise: " + ", ".join(f"{g} {noisy['groups'][g]['gain_db']:+.2f} ± {noisy['groups'][g]['sigma_db']:.2f}" for g in gains) +
          f"; RMSE {noisy['rmse_before_db']:.2f} -> {noisy['rmse_after_db']:.2f}, left out {noisy['loo_rmse_db']:.2f} dB")

# The calibrated model at the stations (gains on each group's transfers) equals a full run with the
# gains put on the emissions (citynoise run --gains), which the manifest records.
if noisy:
    out = os.path.join(work, "calibrated")
    r = subprocess.run([citynoise, "run", model, "--gains", os.path.join(work, "noisy", "calibration.json"), "--out", out, "--quiet"], capture_output=True, text=True)
    check(r.returncode == 0, f"run --gains: {r.returncode} {r.stderr}")
    if r.returncode == 0:
        gpkg = [f for f in os.listdir(out) if f.endswith(".gpkg")][0]
        cal = {row[0]: row[1:] for row in sqlite3.connect(os.path.join(out, gpkg)).execute(
            "SELECT id, " + ", ".join(f"LAeq_h{h:02d}" for h in range(24)) + " FROM points")}
        worst = 0.0
        for st in noisy["stations"]:
            full = 10 * math.log10(sum(10 ** (cal[st["id"]][h] / 10) for h in range(6, 23)) / 17)
            worst = max(worst, abs(full - st["model_after_db"]))
        check(worst <= 0.01, f"calibrated model vs a full run with the gains: {worst:.4f} dB apart")
        print(f"calibrated model = full recomputation with the gains on the emissions within {worst:.4f} dB")
        manifest = json.load(open(os.path.join(out, "citynoise-result.json")))
        recorded = manifest["run"].get("emission_gains", {}).get("gains_db", {})
        check(all(abs(recorded.get(g, 99) - noisy["groups"][g]["gain_db"]) < 1e-9 for g in gains), f"the manifest's gains {recorded}")
    bad_gains = os.path.join(work, "bad-gains.json")
    open(bad_gains, "w").write('{"groups": {"tram": {"gain_db": 2}}}')
    r = subprocess.run([citynoise, "run", model, "--gains", bad_gains, "--out", os.path.join(work, "bad")], capture_output=True, text=True)
    check(r.returncode == 2 and "groups.tram" in r.stderr, f"a gain for a group the scenario lacks: {r.returncode} {r.stderr}")

# One barking dog: a station's hour 40 dB too loud moves no gain by more than 0.3 dB.
lines = open(os.path.join(work, "noisy.csv")).read().splitlines()
sid, start, end, level = lines[5].split(",")
lines[5] = ",".join([sid, start, end, f"{float(level) + 40:.2f}"])
open(os.path.join(work, "dog.csv"), "w").write("\n".join(lines) + "\n")
dog = calibrate(os.path.join(work, "dog.csv"), os.path.join(work, "dog"))
if dog and noisy:
    for g in gains:
        check(abs(dog["groups"][g]["gain_db"] - noisy["groups"][g]["gain_db"]) <= 0.3, f"one outlier moved {g}: {dog['groups'][g]} vs {noisy['groups'][g]}")

# Bad input: refused with the file, the row and the field.
good = "station,start,end,laeq\ns01,2026-12-01T06:00:00+08:00,2026-12-01T07:00:00+08:00,60\n"
bad = {
    "unknown station": ("s99,2026-12-01T06:00:00+08:00,2026-12-01T07:00:00+08:00,60", "station"),
    "end before start": ("s01,2026-12-01T08:00:00+08:00,2026-12-01T07:00:00+08:00,60", "end"),
    "no offset": ("s01,2026-12-01T08:00:00,2026-12-01T09:00:00+08:00,60", "start"),
    "overlap": ("s01,2026-12-01T06:30:00+08:00,2026-12-01T07:30:00+08:00,60", "start"),
    "impossible level": ("s01,2026-12-01T09:00:00+08:00,2026-12-01T10:00:00+08:00,150", "laeq"),
    "too quiet": ("s01,2026-12-01T09:00:00+08:00,2026-12-01T10:00:00+08:00,5", "laeq"),
}
for what, (row, field) in bad.items():
    path = os.path.join(work, "bad.csv")
    open(path, "w").write(good + row + "\n")
    r = subprocess.run([citynoise, "calibrate", model, "--stations", os.path.join(work, "stations.csv"), "--measurements", path, "--out", os.path.join(work, "bad")],
                       capture_output=True, text=True)
    check(r.returncode == 2 and "bad.csv row 3" in r.stderr and field in r.stderr, f"{what}: {r.returncode} {r.stderr.strip()}")
open(os.path.join(work, "twice.csv"), "w").write(good + good.splitlines()[1] + "\n")
r = subprocess.run([citynoise, "calibrate", model, "--stations", os.path.join(work, "stations.csv"), "--measurements", os.path.join(work, "twice.csv"),
                    "--out", os.path.join(work, "twice")], capture_output=True, text=True)
check(r.returncode == 0 and "1 repeated measurement(s) kept once" in r.stderr, f"a repeated row: {r.returncode} {r.stderr}")
for what, content, field in [("a station in a building", "station,x,y,z\ns01,650030,3270030,4\n", ""),
                             ("a bad kind", "station,x,y,z,kind\ns01,650000,3270056,4,phone\n", "kind"),
                             ("twice", "station,x,y,z\ns01,650000,3270056,4\ns01,650000,3270056,4\n", "station")]:
    path = os.path.join(work, "bad-stations.csv")
    open(path, "w").write(content)
    r = subprocess.run([citynoise, "calibrate", model, "--stations", path, "--measurements", os.path.join(work, "exact.csv"), "--out", os.path.join(work, "bad")],
                       capture_output=True, text=True)
    check(r.returncode == 2 and "bad-stations.csv" in r.stderr and field in r.stderr, f"stations, {what}: {r.returncode} {r.stderr.strip()}")
check(not os.path.exists(os.path.join(work, "bad")), "a refused calibration left an output folder")
if failures:
    print("\n".join(failures))
    sys.exit(1)
