// The side panels: the picked building (a chart of its floors against the GB 3096 limits), the
// list of sensitive buildings over a limit, the legend, the exposure statistics, the comparison.
import { t } from "./i18n.js";
import { cssColour, levelClasses } from "./palette.js";

const svgNs = "http://www.w3.org/2000/svg";

function el(tag, attributes = {}, ...children) {
  const e = tag.startsWith("svg:") ? document.createElementNS(svgNs, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

const fmt = (v) => (v === null || v === undefined ? "–" : Number(v).toFixed(1));

/// The legend of the level classes: swatches with their numbers (readable without colour).
export function renderLegend(section, indicator) {
  section.replaceChildren(el("h2", {}, `${t("legend")} — ${indicator}, ${t("dB")}`));
  const list = el("ul", { class: "legend" });
  for (const c of levelClasses()) list.append(el("li", {}, el("span", { class: "swatch", style: `background:${c.colour}` }), c.label));
  section.append(list);
}

/// A bar per floor (Ld and Ln, GB 3096's day and night) with the zone's limits; floors over a limit marked.
function floorChart(b) {
  const floors = b.floors;
  const rowH = 16, left = 54, width = 300, top = 18;
  const maxLevel = Math.max(90, ...floors.map((f) => Math.max(f.Ld || 0, f.Ln || 0)));
  const x = (v) => left + ((v - 30) / (maxLevel - 30)) * (width - left - 8);
  const height = top + rowH * floors.length + 24;
  const svg = el("svg:svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": t("floor") });
  [...floors].reverse().forEach((f, i) => {
    const y = top + i * rowH;
    const over = (f.exceed_day !== null && f.exceed_day > 0) || (f.exceed_night !== null && f.exceed_night > 0);
    svg.append(el("svg:text", { x: 2, y: y + 11, class: over ? "over" : "" }, `${t("floor")} ${f.floor}${over ? " !" : ""}`));
    if (f.Ld !== null) svg.append(el("svg:rect", { x: left, y, width: Math.max(0, x(f.Ld) - left), height: 6, fill: cssColour("level", f.Ld), class: "ld" }));
    if (f.Ln !== null) svg.append(el("svg:rect", { x: left, y: y + 7, width: Math.max(0, x(f.Ln) - left), height: 6, fill: cssColour("level", f.Ln), class: "ln" }));
  });
  if (b.limits) {
    [["dayLimit", b.limits.day, "4 2"], ["nightLimit", b.limits.night, "1 2"]].forEach(([key, v, dash], k) => {
      svg.append(el("svg:line", { x1: x(v), x2: x(v), y1: top - 4, y2: height - 20, stroke: "#fff", "stroke-dasharray": dash }));
      svg.append(el("svg:text", { x: x(v) - 10, y: k === 0 ? height - 6 : top - 6 }, `${t(key)} ${v}`));
    });
  }
  return svg;
}

/// The hour's label of an indicator "h07" ("07:00–08:00"), or null for another indicator.
export function hourOf(indicator) {
  const m = /^h(\d\d)$/.exec(indicator);
  return m ? Number(m[1]) : null;
}

export function hourLabel(h) {
  const two = (n) => String(n).padStart(2, "0");
  return `${two(h)}:00–${two((h + 1) % 24)}:00`;
}

/// The building's loudest floor hour by hour (a bar per hour) against GB 3096's limit of that
/// hour (day 06–22, night 22–06); hours over it marked; the shown hour outlined.
function hourChart(b, shownHour) {
  const hours = Array.from({ length: 24 }, (_, h) => Math.max(...b.floors.map((f) => (f.hourly && f.hourly[h] !== null ? f.hourly[h] : -Infinity))));
  const width = 340, top = 18, height = 120, base = height - 16, x = (h) => 24 + h * 13;
  const low = 30, high = Math.max(90, ...hours.filter(Number.isFinite));
  const y = (v) => base - ((Math.max(low, v) - low) / (high - low)) * (base - top);
  const svg = el("svg:svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": t("hourly"), class: "hours" });
  svg.append(el("svg:text", { x: 0, y: 11 }, `${t("hourly")} (${t("dB")})`));
  hours.forEach((v, h) => {
    if (!Number.isFinite(v)) return;
    const limit = b.limits ? (h >= 6 && h < 22 ? b.limits.day : b.limits.night) : null;
    const over = limit !== null && v > limit;
    svg.append(el("svg:rect", { x: x(h), y: y(v), width: 11, height: base - y(v), fill: cssColour("level", v), stroke: h === shownHour ? "#fff" : "none",
      "data-hour": h, class: over ? "over" : "" }, el("svg:title", {}, `${hourLabel(h)}: ${fmt(v)}${over ? " > " + limit : ""}`)));
    if (limit !== null) svg.append(el("svg:line", { x1: x(h), x2: x(h) + 11, y1: y(limit), y2: y(limit), stroke: "#fff", "stroke-dasharray": "2 1" }));
    if (h % 3 === 0) svg.append(el("svg:text", { x: x(h), y: height - 3 }, String(h).padStart(2, "0")));
  });
  return svg;
}

export function renderBuilding(section, b, compared, indicator) {
  section.hidden = false;
  const limits = b.limits ? `${b.limits.day} / ${b.limits.night} ${t("dB")}` : "–";
  const loudest = b.floors.reduce((best, f) => (best === null || f.Lden > best.Lden ? f : best), null);
  section.replaceChildren(
    el("h2", {}, `${b.id} · ${t(b.use) || b.use}`),
    el("dl", {},
      el("dt", {}, t("zone")), el("dd", { "data-field": "zone" }, b.zone || "–"),
      el("dt", {}, t("limits")), el("dd", { "data-field": "limits" }, limits),
      el("dt", {}, t("population")), el("dd", { "data-field": "population" }, fmt(b.population)),
      el("dt", {}, t("dominant")), el("dd", { "data-field": "dominant" }, loudest ? t(loudest.dominant) : "–"),
      el("dt", {}, t("loudest")), el("dd", { "data-field": "loudest" }, loudest ? `${loudest.loudest_point.id} (${fmt(loudest.Lden)} Lden)` : "–")));
  if (!b.floors.length) {
    section.append(el("p", {}, t("noFloors")));
    return;
  }
  section.append(floorChart(b));
  const hour = hourOf(indicator || "");
  const hourly = b.floors.some((f) => f.hourly);
  if (hourly) section.append(hourChart(b, hour));
  const columns = ["Lden", "Lday", "Levening", "Lnight", "Ld", "Ln"];
  const table = el("table", { class: "floors" }, el("tr", {}, ...["floor", ...columns].map((h) => el("th", {}, h === "floor" ? t("floor") : h)),
    ...(hourly && hour !== null ? [el("th", {}, hourLabel(hour))] : [])));
  for (const f of [...b.floors].reverse()) {
    const over = (f.exceed_day > 0) || (f.exceed_night > 0);
    const row = el("tr", { "data-floor": f.floor, class: over ? "over" : "" }, el("td", {}, f.floor));
    for (const k of ["Lden", "Lday", "Levening", "Lnight", "Ld", "Ln"]) {
      const change = compared && compared.get(f.floor) ? compared.get(f.floor)[k] : null;
      row.append(el("td", { "data-indicator": k }, fmt(f[k]) + (change && change.change !== null ? ` (${change.change >= 0 ? "+" : ""}${fmt(change.change)})` : "")));
    }
    if (hourly && hour !== null) row.append(el("td", { "data-indicator": indicator }, f.hourly ? fmt(f.hourly[hour]) : "–"));
    table.append(row);
  }
  section.append(table);
}

export function renderList(list, buildings, onChoose) {
  list.replaceChildren();
  for (const b of buildings) {
    const button = el("button", { type: "button", "data-building": b.id },
      `${b.id} · ${t(b.use) || b.use} · +${fmt(b.exceed)} ${t("dB")} · ${fmt(b.people_over_limit)} ${t("people")}`);
    button.addEventListener("click", () => onChoose(b));
    list.append(el("li", {}, button));
  }
}

function bars(title, rows, column) {
  const wrap = el("figure", {}, el("figcaption", {}, `${title} (${column})`));
  const max = Math.max(1, ...rows.map((r) => Number(r[column]) || 0));
  const svg = el("svg:svg", { viewBox: `0 0 300 ${rows.length * 14 + 4}`, role: "img", "aria-label": title });
  rows.forEach((r, i) => {
    const v = Number(r[column]) || 0;
    const lower = parseFloat(String(r.class).replace("<", "").split("-")[0]);
    svg.append(el("svg:text", { x: 0, y: i * 14 + 11 }, r.class));
    svg.append(el("svg:rect", { x: 60, y: i * 14 + 2, width: (v / max) * 190, height: 10, fill: cssColour("level", String(r.class).startsWith("<") ? lower - 1 : lower) }));
    svg.append(el("svg:text", { x: 254, y: i * 14 + 11 }, Math.round(v)));
  });
  wrap.append(svg);
  return wrap;
}

export function renderStats(section, summary, versionId, indicator) {
  const column = ["Lden", "Lnight", "Ld", "Ln"].includes(indicator) ? indicator : "Lden";
  section.replaceChildren(el("h2", {}, t("stats")));
  for (const [key, title] of [["people", "peoplePerClass"], ["facade_points", "facadePoints"], ["buildings", "buildingsPerClass"]])
    if (summary[key]) section.append(bars(t(title), summary[key].filter((r) => r.key === "count"), column));
  section.append(el("a", { href: `api/versions/${versionId}/summary.csv`, download: `summary-${versionId}.csv` }, t("downloadCsv")));
}

export function renderComparison(section, doc, remedy) {
  section.hidden = false;
  section.replaceChildren(el("h2", {}, `${t("comparison")}: ${doc.a} → ${doc.b}`),
    el("p", { "data-field": "relieved" }, `${t("relieved")}: ${fmt(doc.people_relieved)}`));
  if (remedy)
    section.append(el("dl", {},
      el("dt", {}, t("cost")), el("dd", { "data-field": "cost" }, Math.round(remedy.cost).toLocaleString()),
      el("dt", {}, t("costPerPerson")), el("dd", { "data-field": "cost_per_person" }, fmt(remedy.cost_per_person_relieved)),
      el("dt", {}, t("rank")), el("dd", { "data-field": "rank" }, remedy.rank)));
  const table = el("table", {}, el("tr", {}, el("th", {}, t("buildingId")), el("th", {}, t("relieved")), el("th", {}, "ΔLn")));
  for (const b of doc.buildings.slice(0, 15)) {
    const d = b.floors.reduce((m, f) => Math.min(m, f.Ln.change ?? 0), 0);
    table.append(el("tr", {}, el("td", {}, b.id), el("td", {}, fmt(b.people_relieved)), el("td", {}, fmt(d))));
  }
  section.append(table);
}
