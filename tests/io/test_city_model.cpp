// Buildings from 3D city models: CityGML 2.0 (tests/data/citymodel/gable_houses.gml, made by
// make_gml.py: houses with known eaves, ridges and footprints), CityJSON Delft LoD1 and Zurich
// LoD2 (the shared real models), and a model without geometry.
#include <citynoise/core/error.hpp>
#include <citynoise/core/geometry2d.hpp>
#include <citynoise/io/city_model.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace citynoise;
using namespace citynoise::io;

namespace {

const std::string kData = std::string(CITYNOISE_TEST_DATA_DIR) + "/citymodel/";

std::map<std::string, ModelBuilding> byId(const std::vector<ModelBuilding>& buildings) {
  std::map<std::string, ModelBuilding> out;
  for (const ModelBuilding& b : buildings) out[b.building.id] = b;
  return out;
}

double area(const Building& b) {
  double a = std::abs(signedArea(b.footprint));
  for (const Ring2& h : b.holes) a -= std::abs(signedArea(h));
  return a;
}

}  // namespace

TEST_CASE("CityGML 2.0: footprints from the ground and roofs, the eaves for a gable roof, parts with their building's attributes") {
  const CityModel model = readCityModel(kData + "gable_houses.gml", "");
  CHECK(model.crs == "EPSG:2056");
  REQUIRE(model.buildings.size() == 3);  // house-2 is described by its two parts
  std::vector<Repair> repairs;
  const auto b = byId(modelBuildings(model, repairs, false));
  CHECK(repairs.empty());
  REQUIRE(b.size() == 3);
  const ModelBuilding& h1 = b.at("house-1");
  CHECK(area(h1.building) == Approx(80.0).epsilon(1e-6));  // 10 × 8 m
  CHECK(h1.baseAltitude == Approx(400.0));
  CHECK(h1.building.roofAltitude == Approx(406.0));        // the eaves, not the 409 m ridge
  CHECK(h1.ridgeAltitude == Approx(409.0));
  // The shape above the eaves kept for the 3D outputs: the two roof planes (10 m × 5 m each) and
  // the two gable triangles above the eaves (8 m × 3 m / 2 each): 124 m².
  double shapeArea = 0.0, top = 0.0;
  for (const auto& tri : h1.building.roofShape) {
    shapeArea += 0.5 * length(cross(tri[1] - tri[0], tri[2] - tri[0]));
    for (const Vec3& p : tri) {
      CHECK(p.z >= 406.0 - 1e-9);
      top = std::max(top, p.z);
    }
  }
  CHECK(shapeArea == Approx(124.0).epsilon(1e-9));
  CHECK(top == Approx(409.0));
  CHECK(area(b.at("house-2-main").building) == Approx(120.0).epsilon(1e-6));
  CHECK(b.at("house-2-main").building.roofAltitude == Approx(409.0));
  CHECK(b.at("house-2-annex").building.roofAltitude == Approx(406.0));
  for (const CityObject& o : model.buildings)
    if (o.id == "house-2-annex") {
      CHECK(o.parent == "house-2");
      CHECK(std::get<std::string>(o.attributes.at("use")) == "school");  // inherited
    }
}

TEST_CASE("CityJSON 2.0, Delft LoD1: every building with a footprint and a flat roof above its base") {
  const CityModel model = readCityModel(kData + "delft.city.json", "");
  CHECK(model.crs == "EPSG:7415");
  CHECK(model.buildings.size() == 160);
  CHECK(model.otherObjects.at("Road") == 143);
  std::vector<Repair> repairs;
  const std::vector<ModelBuilding> b = modelBuildings(model, repairs, false);
  CHECK(repairs.empty());
  CHECK(b.size() == 160);  // each footprint in one piece
  for (const ModelBuilding& mb : b) {
    CHECK(area(mb.building) > 0.5);
    CHECK(mb.building.roofAltitude > mb.baseAltitude);
    CHECK(mb.building.roofAltitude <= mb.ridgeAltitude + 1e-9);
    CHECK(mb.building.footprint.front().x == Approx(84900).margin(400));
  }
}

TEST_CASE("CityJSON 1.1, Zurich LoD2 on sloping ground: parts as buildings, eaves below the ridges, reprojection") {
  const CityModel model = readCityModel(kData + "zurich_subset_lod2.city.json", "");
  CHECK(model.crs == "EPSG:2056");
  CHECK(model.buildings.size() == 161);  // the 161 parts; their 49 buildings carry no geometry
  std::vector<Repair> repairs;
  const std::vector<ModelBuilding> b = modelBuildings(model, repairs, false);
  // Four parts are slivers (a chimney-sized piece): dropped, each with its repair record.
  CHECK(b.size() == 157);
  REQUIRE(repairs.size() == 4);
  for (const Repair& r : repairs) CHECK(r.defect == Defect::Sliver);
  int pitched = 0;
  std::size_t onGround = 0;
  for (const ModelBuilding& mb : b) {
    for (const Vec3& g : mb.groundPoints) CHECK((g.z > 395.0 && g.z < 606.0));  // the README's ground altitudes
    onGround += !mb.groundPoints.empty();
    CHECK(mb.building.roofAltitude > mb.baseAltitude);
    pitched += mb.ridgeAltitude > mb.building.roofAltitude + 1.0;
  }
  CHECK(pitched > 20);  // LoD2: many roofs rise above their eaves
  CHECK(onGround >= 45);  // about one ground part per building (the others stand on it)
  // Into UTM 32N: the same building, moved by the projection.
  const CityModel utm = readCityModel(kData + "zurich_subset_lod2.city.json", "EPSG:32632");
  const Vec3 p = utm.buildings.front().surfaces.front().ring.front();
  CHECK(p.x == Approx(465000).margin(15000));
  CHECK(p.y == Approx(5247000).margin(15000));
}

TEST_CASE("city models: which files they are, and a model without geometry refused") {
  CHECK(isCityModel(kData + "delft.city.json"));
  CHECK(isCityModel(kData + "gable_houses.gml"));
  CHECK_FALSE(isCityModel(std::string(CITYNOISE_SOURCE_DIR) + "/tests/cli/run_cases/data/buildings.geojson"));
  CHECK_THROWS_WITH(readCityModel(kData + "no_geometry.city.json", ""),
                    Catch::Contains("no_geometry.city.json: no building geometry: 1 buildings without surfaces"));
  CHECK_THROWS_WITH(readCityModel(kData + "nowhere.city.json", ""), Catch::Contains("nowhere.city.json: cannot open the file"));
}
