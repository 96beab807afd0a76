// The page: versions, the 3D map by indicator, a picked building's panel, the lists of sensitive
// buildings over a limit, a comparison of two versions, the exposure statistics, sign-in and
// upload for officials, Chinese and English.
import "cesium/Build/Cesium/Widgets/widgets.css";
import "./style.css";
import { api, hasToken, setToken } from "./api.js";
import { currentLanguage, localTime, setLanguage, t } from "./i18n.js";
import { CityMap } from "./map.js";
import { loadPalette } from "./palette.js";
import { hourLabel, hourOf, renderBuilding, renderComparison, renderLegend, renderList, renderStats } from "./panels.js";

const $ = (id) => document.getElementById(id);
const state = { version: null, versions: [], indicator: "Lden", compare: "", building: null, comparison: null, ready: false, errors: [] };
const SENSITIVE = ["school", "kindergarten", "hospital", "elderly_care", "residential"];

let map;

async function loadVersions() {
  state.versions = await api("api/versions");
  const choose = (select, withNone) => {
    const keep = select.value;
    select.replaceChildren();
    if (withNone) select.append(new Option(t("none"), ""));
    for (const v of state.versions)
      select.append(new Option(`${v.id} · ${v.label}${v.variant ? " / " + v.variant : ""}${v.retired ? " (" + t("retired") + ")" : ""} · ${localTime(v.created)}`, v.id));
    if ([...select.options].some((o) => o.value === keep)) select.value = keep;
  };
  choose($("version"), false);
  choose($("compare"), true);
  if (!state.version || !state.versions.some((v) => String(v.id) === String(state.version))) {
    const baselines = state.versions.filter((v) => !v.variant);  // the newest baseline, not one of its variants
    const pick = baselines.length ? baselines : state.versions;
    state.version = pick.length ? pick[pick.length - 1].id : null;
  }
  $("version").value = state.version ?? "";
  indicatorOptions();
}

/// The indicators of the shown version: the six, and the 24 hours where it has hourly levels.
function indicatorOptions() {
  const v = state.versions.find((x) => String(x.id) === String(state.version));
  const select = $("indicator");
  const hours = v && v.hourly ? Array.from({ length: 24 }, (_, h) => "h" + String(h).padStart(2, "0")) : [];
  select.replaceChildren(...["Lden", "Lday", "Levening", "Lnight", "Ld", "Ln"].map((k) => new Option(k, k)),
    ...hours.map((k) => new Option(`LAeq ${hourLabel(hourOf(k))}`, k)));
  if (![...select.options].some((o) => o.value === state.indicator)) state.indicator = "Lden";
  select.value = state.indicator;
}

async function showMap(fly) {
  if (!state.version) return;
  state.ready = false;
  document.body.dataset.ready = "false";
  renderLegend($("legend"), state.indicator);
  // The map and the panels at once: each waits on its own requests.
  const start = performance.now(), since = (t) => Math.round(performance.now() - t);
  const timing = { since_page_ms: Math.round(start) };
  const drawn = map.show(state.version, state.indicator, fly).then(() => (timing.map_ms = since(start)));
  const panels = Promise.all([loadList(), loadStats(), loadComparison()]).then(() => (timing.panels_ms = since(start)));
  await Promise.all([drawn, panels]);
  await loadLayers();  // its overlays after the city, whose first view they would slow
  timing.layers_ms = since(start);
  state.timing = timing;  // for the browser test's figures
  state.ready = true;
  document.body.dataset.ready = "true";
}

async function loadList() {
  const period = $("period").value, use = $("use").value;
  const uses = use ? [use] : SENSITIVE;
  const pages = await Promise.all(uses.map((u) => api(`api/versions/${state.version}/buildings?over=${period}&use=${u}&limit=200`)));
  const rows = pages.flatMap((p) => p.buildings).map((b) => ({ ...b, exceed: period === "night" ? b.exceed_night : b.exceed_day }));
  rows.sort((a, b) => ($("sort").value === "people" ? b.people_over_limit - a.people_over_limit : b.exceed - a.exceed) || a.id.localeCompare(b.id));
  renderList($("list"), rows.slice(0, 100), (b) => chooseBuilding(b.id, true));
}

/// The sections and the volume of the version: the controls enabled where it has them, and the
/// overlays shown that are asked for.
async function loadLayers() {
  const doc = await api(`api/versions/${state.version}/layers`);
  state.layers = doc;
  const sections = $("showSections"), slice = $("showSlice"), altitude = $("sliceAltitude");
  sections.disabled = doc.sections.length === 0;
  slice.disabled = altitude.disabled = !doc.volume;
  if (sections.disabled) sections.checked = false;
  if (slice.disabled) slice.checked = false;
  const notes = [];
  if (!doc.sections.length) notes.push(t("noSections"));
  if (!doc.volume) notes.push(t("noVolume"));
  $("layersNote").textContent = notes.join("; ");
  if (doc.volume) {
    const keep = Number(altitude.value);
    altitude.min = Math.ceil(doc.volume.z_min);
    altitude.max = Math.floor(doc.volume.z_max);
    altitude.step = 1;
    altitude.value = keep >= altitude.min && keep <= altitude.max && keep !== 0 ? keep : Math.round((doc.volume.z_min + doc.volume.z_max) / 2);
  }
  await showLayers();
}

function showLayers() {
  const base = `tiles/${state.version}/${state.indicator}`;
  const altitude = $("sliceAltitude").value;
  $("sliceValue").textContent = state.layers && state.layers.volume ? `${altitude} ${t("m")}` : "";
  return Promise.all([
    map.overlay("sections", $("showSections").checked ? `${base}/sections/tileset.json` : null),
    map.overlay("slice", $("showSlice").checked ? `${base}/slice/${altitude}/tileset.json` : null),
  ]);
}

async function loadStats() {
  renderStats($("stats"), await api(`api/versions/${state.version}/summary`), state.version, state.indicator);
}

async function loadComparison() {
  if (!state.compare) {
    state.comparison = null;
    $("comparison").hidden = true;
    map.compare(null);
    return;
  }
  const doc = await api(`api/compare/${state.version}/${state.compare}/buildings?limit=1000`);
  for (let offset = 1000; offset < doc.total; offset += 1000)
    doc.buildings.push(...(await api(`api/compare/${state.version}/${state.compare}/buildings?limit=1000&offset=${offset}`)).buildings);
  state.comparison = doc;
  const differences = new Map();
  for (const b of doc.buildings) {
    let loudestA = null, loudestB = null;
    for (const f of b.floors) {
      const c = f[state.indicator];
      differences.set(`${b.id}|${f.floor}`, c.change);
      if (c.a !== null && (loudestA === null || c.a > loudestA)) loudestA = c.a;
      if (c.b !== null && (loudestB === null || c.b > loudestB)) loudestB = c.b;
    }
    // The coarse level's whole building (floor -3) shows the change of its loudest floor.
    if (loudestA !== null && loudestB !== null) differences.set(`${b.id}|-3`, loudestB - loudestA);
  }
  map.compare(differences);
  // A variant of the shown baseline: its row of the remedies' ranking (compare.csv).
  const a = state.versions.find((v) => String(v.id) === String(state.version)), b = state.versions.find((v) => String(v.id) === String(state.compare));
  let remedy = null;
  if (a && b && !a.variant && b.variant && (b.scenario === a.scenario || b.scenario.startsWith(a.scenario + " /")))
    remedy = (await api(`api/versions/${a.id}/variants`)).variants.find((r) => r.variant === b.variant) || null;
  renderComparison($("comparison"), doc, remedy);
}

async function chooseBuilding(id, fly, floor) {
  try {
    const b = await api(`api/versions/${state.version}/buildings/${encodeURIComponent(id)}`);
    state.building = b;
    let compared = null;
    if (state.comparison) {
      const c = state.comparison.buildings.find((x) => x.id === id);
      if (c) compared = new Map(c.floors.map((f) => [f.floor, f]));
    }
    renderBuilding($("building"), b, compared, state.indicator);
    if (floor === undefined) map.select(id, b.floors.length ? b.floors[b.floors.length - 1].floor : -1);
    if (fly && b.centre.lon !== null) await map.flyTo(b.centre.lon, b.centre.lat, b.floors.length ? b.floors[b.floors.length - 1].loudest_point.z : 300);
  } catch (e) {
    $("building").hidden = false;
    $("building").textContent = `${t("notFound")}: ${id}`;
  }
}

function wire() {
  $("version").addEventListener("change", async () => {
    state.version = $("version").value;
    indicatorOptions();
    await showMap(true);
  });
  $("indicator").addEventListener("change", async () => {
    state.indicator = $("indicator").value;
    await showMap(false);
    if (state.building) await chooseBuilding(state.building.id, false, -1);  // the hour's column
  });
  $("compare").addEventListener("change", async () => {
    state.compare = $("compare").value;
    await loadComparison();
    if (state.building) await chooseBuilding(state.building.id, false, -1);
  });
  for (const id of ["period", "use", "sort"]) $(id).addEventListener("change", loadList);
  for (const id of ["showSections", "showSlice"]) $(id).addEventListener("change", showLayers);
  $("sliceAltitude").addEventListener("input", () => ($("sliceValue").textContent = `${$("sliceAltitude").value} ${t("m")}`));
  $("sliceAltitude").addEventListener("change", showLayers);
  $("search").addEventListener("submit", (e) => {
    e.preventDefault();
    chooseBuilding($("searchId").value.trim(), true);
  });
  $("language").addEventListener("click", async () => {
    setLanguage(currentLanguage() === "zh" ? "en" : "zh");
    await loadVersions();
    renderLegend($("legend"), state.indicator);
    await Promise.all([loadList(), loadStats()]);
    if (state.building) await chooseBuilding(state.building.id, false, -1);
  });
  $("signin").addEventListener("click", () => $("signinDialog").showModal());
  $("signinDialog").addEventListener("close", async () => {
    setToken($("signinDialog").returnValue === "ok" ? $("token").value.trim() : "");
    $("token").value = "";
    $("official").hidden = !hasToken();
    $("signin").textContent = hasToken() ? t("signedIn") : t("signIn");
    await loadVersions();
  });
  $("upload").addEventListener("submit", async (e) => {
    e.preventDefault();
    const file = $("uploadFile").files[0];
    if (!file) return;
    $("uploadStatus").textContent = t("loading");
    try {
      const doc = await api(`api/versions?label=${encodeURIComponent($("uploadLabel").value || file.name)}`, {
        method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
      $("uploadStatus").textContent = `${t("uploaded")}: ${doc.versions.map((v) => v.id).join(", ")}`;
      await loadVersions();
    } catch (err) {
      $("uploadStatus").textContent = `${t("failed")}: ${err.message}`;
    }
  });
  map.onPick = (building, floor) => chooseBuilding(building, false, floor);
}

async function main() {
  window.addEventListener("error", (e) => state.errors.push(String(e.message)));
  setLanguage(currentLanguage());
  // The palette and the versions are asked for while CesiumJS sets itself up.
  const early = Promise.all([loadPalette(api), loadVersions()]);
  map = new CityMap($("map"));
  window.citynoise = { state, map };  // for the browser test and for debugging in the console
  $("official").hidden = !hasToken();
  await early;
  wire();
  await showMap(true);
}

main().catch((e) => {
  state.errors.push(String(e && e.message));
  console.error("citynoise:", e);
});
