// The 3D map: CesiumJS with no online service (no imagery, no Ion, no terrain server: the city's
// own terrain and buildings are the map), the version's 3D Tiles from the service, feature picks,
// difference colours for a comparison, and flights to buildings.
import {
  Cartesian2, Cartesian3, Cesium3DTileColorBlendMode, Cesium3DTileset, Color, EllipsoidTerrainProvider, HeadingPitchRange, Math as CesiumMath,
  Resource, SceneTransforms, ScreenSpaceEventHandler, ScreenSpaceEventType, Viewer, defined,
} from "cesium";
import { authHeaders } from "./api.js";
import { cesiumColour } from "./palette.js";

export class CityMap {
  constructor(element) {
    this.viewer = new Viewer(element, {
      baseLayer: false, baseLayerPicker: false, geocoder: false, timeline: false, animation: false, sceneModePicker: false,
      navigationHelpButton: false, fullscreenButton: false, infoBox: false, selectionIndicator: false, homeButton: true,
      terrainProvider: new EllipsoidTerrainProvider(), requestRenderMode: true, maximumRenderTimeChange: Infinity,
    });
    const scene = this.viewer.scene;
    scene.globe.baseColor = Color.fromCssColorString("#30353a");
    scene.skyAtmosphere.show = false;
    scene.skyBox.show = false;
    scene.sun.show = false;
    scene.moon.show = false;
    scene.backgroundColor = Color.fromCssColorString("#1d2126");
    scene.globe.depthTestAgainstTerrain = false;
    this.tileset = null;
    this.differences = null;  // "building|floor" → dB, when comparing
    this.selected = null;
    this.onPick = () => {};
    const handler = new ScreenSpaceEventHandler(scene.canvas);
    handler.setInputAction((e) => this.pickAt(e.position), ScreenSpaceEventType.LEFT_CLICK);
  }

  /// Shows a version's tiles coloured by an indicator; resolves when every tile in view is loaded.
  async show(version, indicator, fly) {
    const resource = new Resource({ url: `tiles/${version}/${indicator}/tileset.json`, headers: authHeaders() });
    const tileset = await Cesium3DTileset.fromUrl(resource, { maximumScreenSpaceError: 4 });
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

  /// Resolves once every tile the view needs is loaded and drawn: after a rendered frame in which
  /// the tileset has nothing left to load (frames are asked for until then).
  loaded() {
    return new Promise((resolve) => {
      const scene = this.viewer.scene;
      const remove = scene.postRender.addEventListener(() => {
        if (this.tileset && this.tileset.tilesLoaded) {
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
      const d = floor >= 0 ? this.differences.get(building + "|" + floor) : undefined;
      colour = d === undefined ? Color.fromCssColorString("#cdcbc4") : cesiumColour("difference", d);
    }
    if (building === this.selected && floor === this.selectedFloor) colour = Color.YELLOW;
    f.color = colour;
  }

  forEachFeature(visit) {
    const walk = (tile) => {
      if (tile.content && tile.content.featuresLength) for (let i = 0; i < tile.content.featuresLength; ++i) visit(tile.content.getFeature(i));
      for (const c of tile.children) walk(c);
    };
    if (this.tileset) walk(this.tileset.root);
  }

  pickAt(position) {
    const picked = this.viewer.scene.pick(position);
    if (!defined(picked) || typeof picked.getProperty !== "function") return;
    const building = picked.getProperty("building");
    if (!building) return;
    const floor = picked.getProperty("floor");
    // The answer first, the highlight (a new frame, slow on software GL) after it.
    Promise.resolve(this.onPick(building, floor)).finally(() => this.select(building, floor));
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
