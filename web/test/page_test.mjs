// The page in a real browser (Debian's chromium, headless, software GL) against a real
// `citynoise serve` on a free localhost port: loads without a console error, the tileset loads,
// a real click on the school or hospital with the highest night level shows the API's per-floor
// numbers, switching the indicator changes the façade colours, the sections and the volume at an
// altitude are drawn, the comparison with the
// quiet-pavement variant shows its gain, the language switch relabels the page, a phone gets the
// panel under the map in Chinese (its browser's language); screenshots and
// the page's own positions go to OUT for an independent checker (tests/web/check_page.py).
//   node page_test.mjs CITYNOISE STORE OUT
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [citynoise, store, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const failures = [];
const check = (cond, what) => { if (!cond) failures.push(what); };
const figures = {};

const server = spawn(citynoise, ["serve", store, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((resolve, reject) => {
  server.stdout.on("data", (d) => { const m = String(d).match(/on (http:\/\/[^ ]+:\d+)\//); if (m) resolve(m[1]); });
  server.on("exit", (code) => reject(new Error("citynoise serve exited " + code)));
});
const api = async (path) => (await fetch(base + path)).json();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "en-GB" });
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(e.message));
  const ready = () => page.waitForSelector("body[data-ready=true]", { timeout: 120000 });
  const unready = () => page.evaluate(() => { document.body.dataset.ready = "false"; });

  let t0 = Date.now();
  await page.goto(base + "/");
  await ready();
  figures.first_view_ms = Date.now() - t0;
  const stats = await page.evaluate(() => { const s = window.citynoise.map.tileset.statistics; return { features: s.numberOfFeaturesLoaded, commands: s.numberOfCommands }; });
  check(stats.features > 0 && stats.commands > 0, `tileset not drawn: ${JSON.stringify(stats)}`);
  const versions = await api("/api/versions");
  const baseVersion = versions.find((v) => v.variant === "");
  const quiet = versions.find((v) => v.variant === "quiet-pavement");
  check(baseVersion && quiet, `versions ${versions.map((v) => v.variant)}`);

  // The loudest sensitive building at night (schools and hospitals), found with the search box.
  const candidates = [];
  for (const use of ["school", "hospital"]) candidates.push(...(await api(`/api/versions/${baseVersion.id}/buildings?over=night&use=${use}&limit=1000`)).buildings);
  candidates.sort((a, b) => b.max_Lnight - a.max_Lnight);
  const target = candidates[0];
  check(target, "no school or hospital over the night limit");
  await page.fill("#searchId", target.id);
  await unready();
  await page.click("#search button");
  await page.waitForFunction((id) => window.citynoise.state.building && window.citynoise.state.building.id === id, target.id);
  await page.waitForTimeout(1500);  // the flight
  await page.evaluate(() => window.citynoise.map.loaded());  // and the tiles it asks for: a settled view is clicked
  const expected = await api(`/api/versions/${baseVersion.id}/buildings/${encodeURIComponent(target.id)}`);
  // A real click on the building: its centre at its top floor's height, where the page draws it.
  await page.evaluate(() => { window.citynoise.state.building = null; document.getElementById("building").hidden = true; });
  const top = expected.floors[expected.floors.length - 1];
  const where = await page.evaluate(async ([lon, lat, z]) => {
    const p = window.citynoise.map.screenOf(lon, lat, z);
    const r = window.citynoise.map.viewer.scene.canvas.getBoundingClientRect();
    return p && { x: r.left + p.x, y: r.top + p.y, hit: window.citynoise.map.pickInfo(p.x, p.y), served: await window.citynoise.map.pickRay(p) };
  }, [expected.centre.lon, expected.centre.lat, top.loudest_point.z - 1]);
  // CesiumJS's own pick (a render pass) and the service's ray cast agree on the building.
  check(where && where.hit && where.hit.building === target.id, `the building is not under its centre: ${JSON.stringify(where)}`);
  check(where && where.served && where.served.building === target.id, `the service's pick under the centre: ${JSON.stringify(where)}`);
  t0 = Date.now();
  await page.mouse.click(where.x, where.y);
  await page.waitForFunction((id) => document.querySelector("#building h2") && document.querySelector("#building h2").textContent.startsWith(id) &&
    !document.getElementById("building").hidden, target.id, { timeout: 10000, polling: 20 });
  figures.pick_ms = Date.now() - t0;
  figures.pick_in_page = await page.evaluate(() => window.citynoise.map.lastPick);
  const shown = await page.$$eval("#building table.floors tr[data-floor]", (rows) => rows.map((r) => ({
    floor: Number(r.dataset.floor), Lnight: r.querySelector("[data-indicator=Lnight]").textContent, Lden: r.querySelector("[data-indicator=Lden]").textContent })));
  for (const f of expected.floors) {
    const s = shown.find((x) => x.floor === f.floor);
    check(s && s.Lnight.startsWith(f.Lnight.toFixed(1)) && s.Lden.startsWith(f.Lden.toFixed(1)), `floor ${f.floor}: page ${JSON.stringify(s)}, API ${f.Lnight}, ${f.Lden}`);
  }
  check(shown.length === expected.floors.length, `${shown.length} floors shown, ${expected.floors.length} in the API`);
  await page.screenshot({ path: `${out}/lden.png` });
  const legend = await page.$$eval("#legend .swatch", (s) => s.map((e) => { const r = e.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2, colour: getComputedStyle(e).backgroundColor }; }));
  const facade = await page.evaluate(() => { const r = window.citynoise.map.viewer.scene.canvas.getBoundingClientRect(); return { left: r.left, top: r.top, width: r.width, height: r.height }; });

  // Another indicator: other tiles, other colours.
  await unready();
  await page.selectOption("#indicator", "Ln");
  await ready();
  await page.screenshot({ path: `${out}/ln.png` });
  const url = await page.evaluate(() => window.citynoise.map.tileset.resource.url);
  check(url.includes("/Ln/"), `tileset after the switch: ${url}`);

  // An hour of the night: the version's hourly levels, the panel's column for that hour.
  check(baseVersion.hourly, "the remedies' base has no hourly levels");
  await unready();
  await page.selectOption("#indicator", "h23");
  await ready();
  check((await page.evaluate(() => window.citynoise.map.tileset.resource.url)).includes("/h23/"), "no tiles of the hour 23");
  await page.waitForSelector("#building td[data-indicator=h23]", { timeout: 30000 });
  const hourShown = await page.$$eval("#building tr[data-floor]", (rows) => rows.map((r) => [Number(r.dataset.floor), r.querySelector("[data-indicator=h23]").textContent]));
  for (const f of expected.floors) {
    const s = hourShown.find((x) => x[0] === f.floor);
    check(f.hourly && s && s[1] === f.hourly[23].toFixed(1), `hour 23, floor ${f.floor}: page ${s && s[1]}, API ${f.hourly && f.hourly[23]}`);
  }
  check(await page.$("#building svg.hours rect[data-hour='23']"), "no hour-by-hour chart");
  await page.screenshot({ path: `${out}/hour.png` });

  // The comparison with the quiet pavement.
  await unready();
  await page.selectOption("#indicator", "Lden");
  await ready();

  // The vertical sections and the volume at an altitude, each drawn where the camera looks at it.
  const layers = await api(`/api/versions/${baseVersion.id}/layers`);
  check(layers.sections.length > 0 && layers.volume, `layers ${JSON.stringify(layers)}`);
  check(!(await page.isDisabled("#showSections")) && !(await page.isDisabled("#showSlice")), "the section and volume controls are disabled");
  const drawn = (key) => page.evaluate(async (k) => {
    const m = window.citynoise.map, o = m.overlays[k];
    await m.viewOverlay(k);
    return { commands: o.statistics.numberOfCommands, url: o.resource.url };
  }, key);
  await page.check("#showSections");
  await page.waitForFunction(() => window.citynoise.map.overlays.sections, null, { timeout: 60000 });
  const sections = await drawn("sections");
  check(sections.commands > 0 && sections.url.includes(`tiles/${baseVersion.id}/Lden/sections/`), `sections not drawn: ${JSON.stringify(sections)}`);
  await page.screenshot({ path: `${out}/sections.png` });
  const altitude = Math.round(layers.volume.z_max - 2 * layers.volume.dz);  // above most roofs: a wide sheet
  await page.check("#showSlice");
  await page.$eval("#sliceAltitude", (e, z) => { e.value = z; e.dispatchEvent(new Event("change")); }, altitude);
  await page.waitForFunction((z) => { const o = window.citynoise.map.overlays.slice; return o && o.resource.url.includes(`/slice/${z}/`); }, altitude, { timeout: 60000 });
  const slice = await drawn("slice");
  check(slice.commands > 0, `the volume at ${altitude} m not drawn: ${JSON.stringify(slice)}`);
  check((await page.textContent("#sliceValue")).startsWith(String(altitude)), "the slice's altitude not shown");
  await page.screenshot({ path: `${out}/slice.png` });
  await page.uncheck("#showSlice");
  await page.uncheck("#showSections");
  await page.waitForFunction(() => !window.citynoise.map.overlays.slice && !window.citynoise.map.overlays.sections);
  await page.evaluate(() => window.citynoise.map.loaded());
  await page.screenshot({ path: `${out}/no-slice.png` });  // the same view without the slice
  await page.selectOption("#compare", String(quiet.id));
  await page.waitForSelector("#comparison:not([hidden])", { timeout: 60000 });
  const relieved = await page.textContent("#comparison [data-field=relieved]");
  const cmp = await api(`/api/compare/${baseVersion.id}/${quiet.id}/buildings?limit=1`);
  check(relieved.includes(cmp.people_relieved.toFixed(1)), `relieved on the page '${relieved}', API ${cmp.people_relieved}`);
  check(cmp.people_relieved > 0, `quiet pavement relieves nobody: ${cmp.people_relieved}`);
  const ranking = (await api(`/api/versions/${baseVersion.id}/variants`)).variants.find((r) => r.variant === "quiet-pavement");
  const perPerson = await page.textContent("#comparison [data-field=cost_per_person]").catch(() => "");
  check(ranking && perPerson === ranking.cost_per_person_relieved.toFixed(1), `cost per person on the page '${perPerson}', ranking ${ranking && ranking.cost_per_person_relieved}`);
  await page.evaluate(() => window.citynoise.map.loaded());
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${out}/compare.png` });

  // Chinese.
  await page.click("#language");
  await page.waitForFunction(() => document.documentElement.lang === "zh-CN" && document.querySelector("#legend h2").textContent.includes("声级分级"));
  const title = await page.textContent("h1");
  check(title.includes("三维噪声地图"), `the title in Chinese: ${title}`);
  check((await page.textContent("#legend h2")).includes("声级分级"), "the legend in Chinese");
  await page.screenshot({ path: `${out}/zh.png` });
  // A phone: the panel under the map, the map still drawn, the controls reachable by keyboard.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
  phone.on("pageerror", (e) => errors.push(e.message));
  await phone.goto(base + "/");
  await phone.waitForSelector("body[data-ready=true]", { timeout: 120000 });
  const layout = await phone.evaluate(() => {
    const map = document.getElementById("map").getBoundingClientRect(), side = document.querySelector(".side").getBoundingClientRect();
    return { mapBottom: map.bottom, mapWidth: map.width, sideTop: side.top, lang: document.documentElement.lang };
  });
  check(layout.sideTop >= layout.mapBottom - 1 && layout.mapWidth >= 380 && layout.lang === "zh-CN", `phone layout ${JSON.stringify(layout)}`);
  await phone.keyboard.press("Tab");
  check(await phone.evaluate(() => document.activeElement && document.activeElement.id === "version"), "the first Tab does not reach the version selector");
  await phone.screenshot({ path: `${out}/phone.png` });
  await phone.close();
  check(errors.length === 0, `console errors: ${errors.join(" | ")}`);
  writeFileSync(`${out}/page.json`, JSON.stringify({ figures, legend, canvas: facade, click: where, target: target.id }, null, 1));
} finally {
  await browser.close();
  server.kill();
}
console.log(`page: first view ${figures.first_view_ms} ms, pick ${figures.pick_ms} ms (in the page: ray ${figures.pick_in_page.ray_ms.toFixed(0)} ms, from the press ${figures.pick_in_page.from_press_ms.toFixed(0)} ms, ` +
  `answer ${figures.pick_in_page.answer_ms.toFixed(0)} ms)`);
if (failures.length) {
  console.log(failures.join("\n"));
  process.exit(1);
}
