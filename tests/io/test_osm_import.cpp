// `citynoise osm` on tests/data/osm/district.osm (made by make_district.py): one example of each
// rule — heights from tags, levels and defaults, uses, building parts, roofs and raised parts
// left out, traffic from the class with tagged lanes and speeds, tunnels, one-way carriageways,
// bridges, rail kinds, ground G — read back from the city.gpkg it writes.
#include <citynoise/core/error.hpp>
#include <citynoise/io/gis.hpp>
#include <citynoise/io/osm_import.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

using namespace citynoise;
using namespace citynoise::io;

namespace {

const std::filesystem::path kData = std::filesystem::path(CITYNOISE_TEST_DATA_DIR) / "osm";

std::map<std::string, GisFeature> byId(const GisLayer& layer) {
  std::map<std::string, GisFeature> out;
  for (const GisFeature& f : layer.features) out[featureName(f, "osm_id")] = f;
  return out;
}

double number(const GisFeature& f, const std::string& field) { return std::get<double>(f.attributes.at(field)); }
std::string text(const GisFeature& f, const std::string& field) { return attributeText(f.attributes.at(field)); }

struct Imported {
  test::TempFile marker{"marker"};
  std::filesystem::path dir = marker.path().parent_path() / "city";
  OsmImportReport report;
  explicit Imported(OsmImportOptions o = {}) {
    o.input = kData / "district.osm";
    o.outDir = dir;
    report = importOsm(o);
  }
  [[nodiscard]] GisLayer layer(const std::string& name) const { return readVectorLayer((dir / "city.gpkg").string(), name); }
};

}  // namespace

TEST_CASE("osm: buildings get their height from the tag, the levels or the type's default, and a use") {
  const Imported city;
  CHECK(city.report.crs == "EPSG:32632");  // the UTM zone of Geneva, chosen without --crs
  const auto b = byId(city.layer("buildings"));
  REQUIRE(b.size() == 6);  // 9 building areas: a roof and a raised block left out, an outline replaced by 2 parts
  CHECK(number(b.at("way/1"), "height") == Approx(18.0));  // 5 levels + 1 roof level, × 3 m
  CHECK(text(b.at("way/1"), "use") == "residential");      // building=apartments
  CHECK(number(b.at("way/2"), "height") == Approx(12.0));  // height = "12 m"
  CHECK(text(b.at("way/2"), "use") == "school");
  CHECK(number(b.at("way/3"), "height") == Approx(9.0));   // building=yes: 3 floors by default
  CHECK(text(b.at("way/3"), "use_source") == "inside landuse=residential");
  CHECK(text(b.at("way/5"), "use") == "hospital");          // amenity=hospital
  CHECK(number(b.at("way/7"), "height") == Approx(30.0));  // parts: 10 and 2 levels
  CHECK(number(b.at("way/8"), "height") == Approx(6.0));
  CHECK(text(b.at("way/7"), "use") == "residential");       // the outline's use, in residential land
  CHECK_FALSE(b.count("way/4"));                            // building=roof: no walls
  CHECK_FALSE(b.count("way/9"));                            // building:min_level = 1: raised
  CHECK_FALSE(b.count("way/6"));                            // the outline its parts cover
  // A residential building's people: gross floor area × 0.8 / 40 m² (20 × 15 m, 5 floors → 30).
  CHECK(number(b.at("way/1"), "population") == Approx(30.0).epsilon(0.02));
  CHECK(number(b.at("way/2"), "population") == 0.0);
  CHECK(city.report.heightFrom.at("height tag") == 1);
  CHECK(city.report.heightFrom.at("default floors for building=yes") == 2);
  CHECK(city.report.partsReplacingOutline == 2);
  CHECK(city.report.raisedParts == 1);
}

TEST_CASE("osm: road traffic from the class, scaled by tagged lanes, halved on one carriageway, tunnels and footways left out") {
  const Imported city;
  const auto r = byId(city.layer("roads"));
  REQUIRE(r.size() == 2);
  const GisFeature& primary = r.at("way/20");
  CHECK(number(primary, "speed") == Approx(48.28032));  // maxspeed = 30 mph
  CHECK(number(primary, "lanes") == 4.0);
  // highways.csv primary: 18 000 veh/day on 2 lanes; 4 lanes → 36 000; day hour share 0.0575;
  // 3 % medium, 5 % heavy.
  CHECK(number(primary, "light_d") == Approx(36000 * 0.0575 * 0.92));
  CHECK(number(primary, "heavy_n") == Approx(36000 * 0.016 * 0.05));
  const GisFeature& residential = r.at("way/23");
  CHECK(number(residential, "oneway") == 1.0);
  CHECK(number(residential, "bridge") == 1.0);
  CHECK(number(residential, "light_d") == Approx(800 * 0.5 * 0.0575 * 0.98));
  CHECK(city.report.leftOut.at("road in a tunnel (tunnel=yes)") == 1);
  CHECK(city.report.leftOut.at("highway=footway (not a motor road class)") == 1);
}

TEST_CASE("osm: rail of the running kinds above ground, ground G from land cover") {
  const Imported city;
  const auto rail = byId(city.layer("rail"));
  REQUIRE(rail.size() == 1);
  CHECK(text(rail.at("way/30"), "railway") == "tram");
  CHECK(city.report.leftOut.at("railway=subway underground (tunnel or layer < 0)") == 1);
  CHECK(city.report.leftOut.at("railway=abandoned (not a running line kind)") == 1);
  const auto ground = byId(city.layer("ground"));
  REQUIRE(ground.size() == 2);
  CHECK(number(ground.at("way/11"), "G") == 0.7);  // a park: compacted lawns (Table 2.5.a)
  CHECK(number(ground.at("way/12"), "G") == 0.0);  // water
}

TEST_CASE("osm: the scenario written beside the city names its layers and the CRS") {
  OsmImportOptions o;
  o.crs = "EPSG:2056";
  const Imported city(o);
  std::ifstream in(city.dir / "scenario.toml");
  std::stringstream s;
  s << in.rdbuf();
  CHECK(s.str().find("crs = \"EPSG:2056\"") != std::string::npos);
  CHECK(s.str().find("where = \"railway = 'tram'\"") != std::string::npos);
  CHECK(s.str().find("where = \"bridge = 1\"") != std::string::npos);
  CHECK(std::filesystem::exists(city.dir / "osm_summary.md"));
  CHECK(std::filesystem::exists(city.dir / "repairs.csv"));
  // Coordinates in LV95: Geneva lies near E 2 500 000, N 1 117 000.
  const GisLayer b = city.layer("buildings");
  const Vec3 p = b.features.front().polygons.front().front().front();
  CHECK(p.x == Approx(2.5e6).margin(2e4));
  CHECK(p.y == Approx(1.117e6).margin(2e4));
}

TEST_CASE("osm: bad input is refused naming it") {
  test::TempFile marker("marker");
  OsmImportOptions o;
  o.outDir = marker.path().parent_path() / "out";
  o.input = kData / "no_buildings.osm";
  CHECK_THROWS_WITH(importOsm(o), Catch::Contains("no_buildings.osm: multipolygons: no buildings"));
  o.input = kData / "district.osm";
  o.crs = "EPSG:999999";
  CHECK_THROWS_WITH(importOsm(o), Catch::Contains("--crs: EPSG:999999: not a CRS GDAL knows"));
  o.crs = "EPSG:4326";
  CHECK_THROWS_WITH(importOsm(o), Catch::Contains("a geographic CRS"));
  o.crs.clear();
  o.input = kData / "nowhere.osm.pbf";
  CHECK_THROWS_WITH(importOsm(o), Catch::Contains("nowhere.osm.pbf: no such file"));
}
