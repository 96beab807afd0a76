// The page: versions, the 3D map by indicator, a picked building's panel, the lists of sensitive
// buildings over a limit, a comparison of two versions, the exposure statistics, sign-in and
// upload for officials, Chinese and English.
import "cesium/Build/Cesium/Widgets/widgets.css";
import "./style.css";
import { api, hasToken, setToken } from "./api.js";
import { currentLanguage, localTime, setLanguage, t } from "./i18n.js";
import { CityMap } from "./map.js";
import { loadPalette } from "./palette.js";
import { renderBuilding, renderComparison, renderLegend, renderList, renderStats } from "./panels.js";

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
}

async function showMap(fly) {
  if (!state.version) return;
  state.ready = false;
  document.body.dataset.ready = "false";
  renderLegend($("legend"), state.indicator);
  await map.show(state.version, state.indicator, fly);
  await Promise.all([loadList(), loadStats(), loadComparison()]);
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
  for (const b of doc.buildings) for (const f of b.floors) differences.set(`${b.id}|${f.floor}`, f[state.indicator].change);
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
    renderBuilding($("building"), b, compared);
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
    await showMap(true);
  });
  $("indicator").addEventListener("change", async () => {
    state.indicator = $("indicator").value;
    await showMap(false);
  });
  $("compare").addEventListener("change", async () => {
    state.compare = $("compare").value;
    await loadComparison();
    if (state.building) await chooseBuilding(state.building.id, false, -1);
  });
  for (const id of ["period", "use", "sort"]) $(id).addEventListener("change", loadList);
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
  map = new CityMap($("map"));
  window.citynoise = { state, map };  // for the browser test and for debugging in the console
  await loadPalette(api);
  $("official").hidden = !hasToken();
  await loadVersions();
  wire();
  await showMap(true);
}

main().catch((e) => {
  state.errors.push(String(e && e.message));
  console.error("citynoise:", e);
});
