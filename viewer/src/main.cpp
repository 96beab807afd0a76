// citynoise-view RESULT_FOLDER [--compare OTHER] [--indicator NAME] [--camera SPEC]
//                [--screenshot out.png] [--size WxH] [--iso 55,60,65,70] [--slice Z] [--probe ID]
#include <citynoise/viewer/viewer.hpp>

#include <CLI/CLI.hpp>

#include <sstream>

int main(int argc, char** argv) {
  citynoise::viewer::ViewerOptions o;
  CLI::App app{"citynoise-view: the 3D noise map of a citynoise result folder (façades per floor, grids, sections, volume, sources)"};
  std::string folder, compare, screenshot, size, iso;
  std::optional<double> slice;
  app.add_option("RESULT_FOLDER", folder, "output folder of citynoise run")->required();
  app.add_option("--compare", compare, "a second result folder: colour by the difference (it − RESULT_FOLDER), dB");
  app.add_option("--indicator", o.indicator, "Lden, Lday, Levening, Lnight, Ld, Ln, h00…h23 (LAeq of an hour), exceed_night, exceed_day")
      ->capture_default_str();
  app.add_option("--camera", o.camera, "overview, top, north, south, east, west, street, facade:RECEIVER, or x,y,z,fx,fy,fz")
      ->capture_default_str();
  app.add_option("--screenshot", screenshot, "render once into this PNG without a window (use xvfb-run -a on a server)");
  app.add_option("--size", size, "image or window size WIDTHxHEIGHT (default 1600x1000)");
  app.add_option("--iso", iso, "volume isosurface levels, dB (default 55,60,65,70)");
  app.add_option("--slice", slice, "show the volume as a horizontal slice at this altitude, m");
  app.add_option("--probe", o.probe, "print where a façade receiver lands in the screenshot (pixel from the top left) and its value");
  app.add_option("--max-terrain-triangles", o.maxTerrainTriangles, "decimate a larger terrain to this many triangles (level of detail)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_flag("--quiet", o.quiet, "no progress lines");
  app.footer(
      "Keys in the window: 1-6 indicators, 7/8 over the night/day limit, [ ] hours, v volume mode, Up/Down slice,\n"
      "b f g s o t layers, c cameras, r overview, x screenshot, h help, q quit; click a façade or a grid cell for its levels.");
  CLI11_PARSE(app, argc, argv);
  o.folder = folder;
  o.compareWith = compare;
  o.screenshot = screenshot;
  o.sliceAltitude = slice;
  if (!size.empty()) {
    char x = 0;
    std::istringstream in(size);
    if (!(in >> o.width >> x >> o.height) || x != 'x') {
      std::cerr << "citynoise-view: --size " << size << ": expected WIDTHxHEIGHT, e.g. 1600x1000\n";
      return 2;
    }
  }
  if (!iso.empty()) {
    o.isoLevels.clear();
    std::istringstream in(iso);
    std::string item;
    while (std::getline(in, item, ',')) {
      try {
        o.isoLevels.push_back(std::stod(item));
      } catch (const std::exception&) {
        std::cerr << "citynoise-view: --iso " << iso << ": expected levels in dB separated by commas\n";
        return 2;
      }
    }
  }
  return citynoise::viewer::runViewer(o);
}
