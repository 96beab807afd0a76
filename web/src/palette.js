// The map palette of the whole project (io/data/palettes.json, served at /api/palette): the 5 dB
// level classes and the 1 dB difference classes, as CSS colours and Cesium colours.
import { Color } from "cesium";

let palette = null;

export async function loadPalette(api) {
  palette = await api("/api/palette");
  return palette;
}

function classOf(scale, value) {
  if (!palette || value === null || value === undefined || Number.isNaN(value)) return null;
  return palette[scale].find((c) => (c.from === null || value >= c.from) && (c.to === null || value < c.to)) || null;
}

export function levelClasses() {
  return palette ? palette.level : [];
}

export function cssColour(scale, value) {
  const c = classOf(scale, value);
  return c ? c.colour : "#a0a0a0";
}

export function cesiumColour(scale, value) {
  return Color.fromCssColorString(cssColour(scale, value));
}
