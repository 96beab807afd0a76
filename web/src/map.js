// The 3D map: CesiumJS with no online service (no imagery, no Ion, no terrain server: the city's
// own terrain and buildings are the map), the version's 3D Tiles from the service, feature picks,
// difference colours for a comparison, and flights to buildings.
import {
  Cartesian2, Cartesian3, Cesium3DTileColorBlendMode, Cesium3DTileset, Color, EllipsoidTerrainProvider, HeadingPitchRange, Math as CesiumMath, Matrix4,
  Resource, SceneTransforms, ScreenSpaceEventType, Viewer, defined,
} from "cesium";
import { api, authHeaders } from "./api.js";
import { cesiumColour } from "./palette.js";

export class CityMap {
  constructor(element) {
    this.viewer = new Viewer(element, {
      baseLayer: false, baseLayerPicker: false, geocoder: false, timeline: false, animation: false, sceneModePicker: false,
      navigationHelpButton: false, fullscreenButton: false, infoBox: false, selectionIndicator: false, homeButton: true,
      terrainProvider: new EllipsoidTerrainProvider(), requestRenderMode: true, maximumRenderTimeChange: Infinity,
      // Flat class colours need neither multisampling nor translucency passes; without them a
      // frame costs about half on software GL (the browsers of offices without a GPU).
      msaaSamples: 1, orderIndependentTranslucency: false,
    });
    const scene = this.viewer.scene;
    // No globe: the city's own terrain (in the tiles) is the ground, and an imagery-less globe
    // keeps asking for frames (two a second while idle, each a second of CPU on software GL).
    scene.globe.show = false;
    scene.postProcessStages.fxaa.enabled = false;
    scene.globe.baseColor = Color.fromCssColorString("#30353a");
    scene.skyAtmosphere.show = false;
    scene.skyBox.show = false;
    scene.sun.show = false;
    scene.moon.show = false;
    scene.backgroundColor = Color.fromCssColorString("#1d2126");
    scene.globe.depthTestAgainstTerrain = false;
    this.tileset = null;
    this.overlays = {};  // key → the tileset of the sections or the volume slice
    this.overlayTickets = {};
    this.differences = null;  // "building|floor" → dB, when comparing
    this.selected = null;
    this.onPick = () => {};
    // The Viewer's own click handlers pick entities with a render pass (a second or more on
    // software GL) before anything else may answer: the page has no entities to select.
    this.viewer.screenSpaceEventHandler.removeInputAction(ScreenSpaceEventType.LEFT_CLICK);
    this.viewer.screenSpaceEventHandler.removeInputAction(ScreenSpaceEventType.LEFT_DOUBLE_CLICK);
    // A click: a press and a release within a few pixels (the DOM's own events).
    const canvas = scene.canvas;
    canvas.addEventListener("pointerdown", (e) => (this.press = { x: e.clientX, y: e.clientY, at: performance.now(), button: e.button }));
    canvas.addEventListener("pointerup", (e) => {
      const p = this.press;
      this.press = null;
      if (!p || p.button !== 0 || Math.hypot(e.clientX - p.x, e.clientY - p.y) > 5) return;
      const r = canvas.getBoundingClientRect();
      this.pickAt(new Cartesian2(e.clientX - r.left, e.clientY - r.top), p.at);
    });
  }

  /// Shows a version's tiles coloured by an indicator; resolves when every tile in view is loaded.
  async show(version, indicator, fly) {
    this.version = version;
    this.indicator = indicator;
    const resource = new Resource({ url: `tiles/${version}/${indicator}/tileset.json`, headers: authHeaders() });
    // Cesium's default screen-space error (16 px): distant views draw the coarser levels, whose
    // geometric error states what they leave out (the floors, the terrain's detail).
    const tileset = await Cesium3DTileset.fromUrl(resource, { maximumScreenSpaceError: 16 });
    if (this.tileset) this.viewer.scene.primitives.remove(this.tileset);
    this.tileset = tileset;
    tileset.colorBlendMode = this.differences ? Cesium3DTileColorBlendMode.REPLACE : Cesium3DTileColorBlendMode.HIGHLIGHT;
    tileset.tileVisible.addEventListener((tile) => this.colourTile(tile));
    // The first view: CesiumJS's initialTilesLoaded (raised once, when the view's tiles are in).
    const initial = new Promise((resolve) => {
      const done = tileset.initialTilesLoaded.addEventListener(() => {
        done();
        resolve();
      });
    });
    this.viewer.scene.primitives.add(tileset);
    if (fly) await this.viewer.zoomTo(tileset, new HeadingPitchRange(0.3, -0.6, tileset.boundingSphere.radius * 2.2));
    this.viewer.scene.requestRender();
    await initial;
    return this.loaded();
  }

  /// Shows (url) or hides (null) an overlay tileset — the sections, the volume slice — with the
  /// map's frame of its own; resolves when it is drawn. A later call for the same key wins.
  async overlay(key, url) {
    const ticket = (this.overlayTickets[key] = (this.overlayTickets[key] || 0) + 1);
    const tileset = url ? await Cesium3DTileset.fromUrl(new Resource({ url, headers: authHeaders() })) : null;
    if (ticket !== this.overlayTickets[key]) return;  // overtaken while loading
    if (this.overlays[key]) this.viewer.scene.primitives.remove(this.overlays[key]);
    this.overlays[key] = tileset;
    if (!tileset) return this.viewer.scene.requestRender();
    this.viewer.scene.primitives.add(tileset);
    return this.loaded();
  }

  /// Looks at an overlay from above at an angle, all of it in view; resolves when drawn.
  async viewOverlay(key) {
    const o = this.overlays[key];
    if (!o) return;
    await this.viewer.zoomTo(o, new HeadingPitchRange(0.3, -1.1, o.boundingSphere.radius * 2.6));
    return this.loaded();
  }

  /// Resolves once every tile the view needs is loaded and drawn: after a rendered frame in which
  /// the tilesets have nothing left to load (frames are asked for until then).
  loaded() {
    return new Promise((resolve) => {
      const scene = this.viewer.scene;
      const remove = scene.postRender.addEventListener(() => {
        if (this.tileset && this.tileset.tilesLoaded && Object.values(this.overlays).every((o) => !o || o.tilesLoaded)) {
          remove();
          resolve();
        } else {
          scene.requestRender();
        }
      });
      scene.requestRender();
    });
  }

  /// Difference colours (b − a per building and floor) over the façades, or none (null).
  compare(differences) {
    this.differences = differences;
    if (!this.tileset) return;
    this.tileset.colorBlendMode = differences ? Cesium3DTileColorBlendMode.REPLACE : Cesium3DTileColorBlendMode.HIGHLIGHT;
    this.forEachFeature((f) => this.colourFeature(f));
    this.viewer.scene.requestRender();
  }

  colourTile(tile) {
    const content = tile.content;
    for (let i = 0; i < content.featuresLength; ++i) this.colourFeature(content.getFeature(i));
  }

  /// A feature's colour: its own (white in HIGHLIGHT blending), or the difference class of its
  /// floor when comparing (REPLACE blending; roofs neutral); the picked floor yellow.
  colourFeature(f) {
    const building = f.getProperty("building"), floor = f.getProperty("floor");
    let colour = Color.WHITE;
    if (this.differences) {
      const d = floor >= 0 || floor === -3 ? this.differences.get(building + "|" + floor) : undefined;
      colour = d === undefined ? Color.fromCssColorString("#cdcbc4") : cesiumColour("difference", d);
    }
    // The picked floor, or the whole building where a coarse level shows it as one (floor -3).
    if (building === this.selected && (floor === this.selectedFloor || floor === -3 || this.selectedFloor === -3)) colour = Color.YELLOW;
    // Only a change: a colour set asks for a frame, whose visible tiles would be coloured again.
    if (!Color.equals(f.color, colour)) f.color = colour;
  }

  forEachFeature(visit) {
    const walk = (tile) => {
      if (tile.content && tile.content.featuresLength) for (let i = 0; i < tile.content.featuresLength; ++i) visit(tile.content.getFeature(i));
      for (const c of tile.children) walk(c);
    };
    if (this.tileset) walk(this.tileset.root);
  }

  /// A click: the service intersects the camera's ray with the full-detail tiles (a few ms; a
  /// pick render pass takes seconds on software GL), whatever level of detail is drawn.
  async pickAt(position, pressed) {
    const start = performance.now();
    pressed = pressed ?? start;
    const hit = await this.pickRay(position);
    const ray = performance.now();
    if (!hit || !hit.building) return;
    // The answer first, the highlight (a new frame, slow on software GL) after it.
    await Promise.resolve(this.onPick(hit.building, hit.floor));
    // For the browser test's figures: from the button press, and from the click handler's start.
    this.lastPick = { ray_ms: ray - start, answer_ms: performance.now() - start, from_press_ms: performance.now() - pressed };
    this.select(hit.building, hit.floor);
  }

  /// The building and floor under a canvas position (CSS pixels), asked of the service.
  async pickRay(position) {
    if (!this.tileset) return null;
    const ray = this.viewer.camera.getPickRay(position);
    if (!ray) return null;
    const toLocal = Matrix4.inverseTransformation(this.tileset.root.computedTransform, new Matrix4());
    const o = Matrix4.multiplyByPoint(toLocal, ray.origin, new Cartesian3());
    const d = Matrix4.multiplyByPointAsVector(toLocal, ray.direction, new Cartesian3());
    const q = `ox=${o.x}&oy=${o.y}&oz=${o.z}&dx=${d.x}&dy=${d.y}&dz=${d.z}`;
    return api(`tiles/${this.version}/${this.indicator}/pick?${q}`);
  }

  select(building, floor) {
    this.selected = building;
    this.selectedFloor = floor;
    this.forEachFeature((f) => this.colourFeature(f));
    this.viewer.scene.requestRender();
  }

  flyTo(lon, lat, height) {
    return new Promise((resolve) => {
      this.viewer.camera.flyTo({
        destination: Cartesian3.fromDegrees(lon, lat - 0.0028, height + 260),
        orientation: { heading: 0, pitch: CesiumMath.toRadians(-35), roll: 0 },
        duration: 0.8,
        complete: resolve,
      });
    });
  }

  /// Where a point (degrees, metres) is on the canvas (CSS pixels), or null when not in view.
  screenOf(lon, lat, height) {
    const p = SceneTransforms.worldToWindowCoordinates(this.viewer.scene, Cartesian3.fromDegrees(lon, lat, height));
    return p ? { x: p.x, y: p.y } : null;
  }

  pickInfo(x, y) {
    const picked = this.viewer.scene.pick(new Cartesian2(x, y));
    return defined(picked) && typeof picked.getProperty === "function"
      ? { building: picked.getProperty("building"), floor: picked.getProperty("floor") } : null;
  }
}
