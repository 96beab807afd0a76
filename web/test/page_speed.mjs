// How fast the page is on a store (README's figures): the first complete view in headless
// Chromium (software GL) with the service's tiles made on the first request (cold) and again in
// a new page (warm), then clicks on the map's centre (wall time from the press to the building
// panel). Writes OUT/overview.png.
//   node page_speed.mjs CITYNOISE STORE OUT
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const [citynoise, store, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const server = spawn(citynoise, ["serve", store, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((resolve, reject) => {
  server.stdout.on("data", (d) => { const m = String(d).match(/on (http:\/\/[^ ]+:\d+)\//); if (m) resolve(m[1]); });
  server.on("exit", (code) => reject(new Error("citynoise serve exited " + code)));
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"],
});
const figures = {};
try {
  if (process.env.WAIT_S) await new Promise((r) => setTimeout(r, 1000 * Number(process.env.WAIT_S)));  // the service warming up
  for (const run of ["cold", "warm"]) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "en-GB" });
    const t0 = Date.now();
    await page.goto(base + "/");
    await page.waitForSelector("body[data-ready=true]", { timeout: 300000 });
    figures[`first_view_${run}_ms`] = Date.now() - t0;
    figures[`${run}_tiles`] = await page.evaluate(() => window.citynoise.map.tileset.statistics.numberOfTilesWithContentReady);
    figures[`${run}_timing`] = await page.evaluate(() => window.citynoise.state.timing);
    if (run === "warm") {
      await page.screenshot({ path: `${out}/overview.png` });
      const picks = [];
      for (let i = 0; i < 5; ++i) {
        await page.evaluate(() => { window.citynoise.state.building = null; window.citynoise.map.lastPick = null; });
        const t1 = Date.now();
        await page.mouse.click(450 + 20 * i, 470);
        const ok = await page.waitForFunction(() => window.citynoise.map.lastPick, null, { timeout: 20000, polling: 10 }).then(() => true, () => false);
        if (ok) picks.push({ wall_ms: Date.now() - t1, ...(await page.evaluate(() => window.citynoise.map.lastPick)) });
        await page.waitForTimeout(1500);  // the highlight's frame
      }
      figures.picks = picks;
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(JSON.stringify(figures, null, 1));
