// The page's build: src/main.js bundled by esbuild into OUT/app.js (+ app.css), index.html copied,
// and CesiumJS's static parts (workers, assets, widgets, third-party) copied under OUT/cesium/ —
// the page fetches nothing from outside the service.
//   node build.mjs OUT
import * as esbuild from "esbuild";
import { cpSync, mkdirSync, rmSync, copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error("usage: node build.mjs OUT");
  process.exit(2);
}
const staging = out + ".tmp";
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
await esbuild.build({
  entryPoints: [join(here, "src/main.js")],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "esm",
  target: "es2020",
  outfile: join(staging, "app.js"),
  loader: { ".png": "file", ".svg": "file", ".woff": "file", ".woff2": "file" },
  logLevel: "warning",
});
copyFileSync(join(here, "index.html"), join(staging, "index.html"));
const cesium = join(here, "node_modules/cesium/Build/Cesium");
for (const part of ["Workers", "ThirdParty", "Assets", "Widgets"]) cpSync(join(cesium, part), join(staging, "cesium", part), { recursive: true });
rmSync(out, { recursive: true, force: true });
cpSync(staging, out, { recursive: true });
rmSync(staging, { recursive: true, force: true });
console.log(`web page built into ${out}`);
