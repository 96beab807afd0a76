// OpenStreetMap tag values as GDAL's OSM driver hands them out (io/osm_tags.hpp), and the UTM
// zone chosen when no CRS is given.
#include <citynoise/io/osm_import.hpp>
#include <citynoise/io/osm_tags.hpp>

#include <catch2/catch.hpp>

using namespace citynoise::io;
using namespace citynoise::io::osm;

TEST_CASE("other_tags: an hstore of quoted pairs, escapes undone, a fault ends the reading") {
  const Tags t = parseOtherTags(R"("building:levels"=>"5","name"=>"Caf\"e \\ bar","roof:levels"=>"1")");
  REQUIRE(t.size() == 3);
  CHECK(t.at("building:levels") == "5");
  CHECK(t.at("name") == "Caf\"e \\ bar");
  CHECK(t.at("roof:levels") == "1");
  CHECK(parseOtherTags("").empty());
  const Tags broken = parseOtherTags(R"("lanes"=>"2","maxspeed"=>)");
  CHECK(broken.size() == 1);
  CHECK(broken.at("lanes") == "2");
}

TEST_CASE("lengths: metres by default, feet and inches converted, words refused") {
  CHECK(*parseLength("12") == Approx(12.0));
  CHECK(*parseLength("12.5 m") == Approx(12.5));
  CHECK(*parseLength("12,5") == Approx(12.5));
  CHECK(*parseLength("40'") == Approx(12.192));
  CHECK(*parseLength("40 ft") == Approx(12.192));
  CHECK(*parseLength("12'6\"") == Approx(12 * 0.3048 + 6 * 0.0254));
  CHECK_FALSE(parseLength("tall"));
  CHECK_FALSE(parseLength(""));
  CHECK_FALSE(parseLength("-3"));
  CHECK_FALSE(parseLength("12 storeys"));
}

TEST_CASE("speeds: km/h by default, mph and knots converted, walk is 5 km/h, zone codes refused") {
  CHECK(*parseSpeed("50") == Approx(50.0));
  CHECK(*parseSpeed("50 km/h") == Approx(50.0));
  CHECK(*parseSpeed("30 mph") == Approx(48.28032));
  CHECK(*parseSpeed("walk") == Approx(5.0));
  CHECK_FALSE(parseSpeed("RU:urban"));
  CHECK_FALSE(parseSpeed("none"));
  CHECK_FALSE(parseSpeed("signals"));
  CHECK_FALSE(parseSpeed("0"));
}

TEST_CASE("counts: the largest of a list, mezzanines kept, negatives and text refused") {
  CHECK(*parseCount("5") == Approx(5.0));
  CHECK(*parseCount("5.5") == Approx(5.5));
  CHECK(*parseCount("3;4") == Approx(4.0));
  CHECK_FALSE(parseCount("-1"));
  CHECK_FALSE(parseCount("many"));
  CHECK_FALSE(parseCount("3;x"));
}

TEST_CASE("yes/no tags: bridge and tunnel take any value but no") {
  const Tags t{{"bridge", "viaduct"}, {"tunnel", "no"}, {"oneway", "yes"}, {"area", "maybe"}};
  CHECK(isYes(t, "bridge"));
  CHECK_FALSE(isYes(t, "tunnel"));
  CHECK(isYes(t, "oneway"));
  CHECK_FALSE(isYes(t, "area"));
  CHECK_FALSE(isYes(t, "layer"));
  CHECK(tag(t, "bridge") == "viaduct");
  CHECK(tag(t, "missing").empty());
}

TEST_CASE("the UTM zone of a place: north and south, the zone edges") {
  CHECK(utmZoneCrs(6.14, 46.20) == "EPSG:32632");    // Geneva
  CHECK(utmZoneCrs(7.42, 43.73) == "EPSG:32632");    // Monaco
  CHECK(utmZoneCrs(106.55, 29.56) == "EPSG:32648");  // Chongqing, Yuzhong
  CHECK(utmZoneCrs(-70.65, -33.45) == "EPSG:32719"); // Santiago de Chile
  CHECK(utmZoneCrs(-180.0, 10.0) == "EPSG:32601");
  CHECK(utmZoneCrs(180.0, 10.0) == "EPSG:32660");
  CHECK(utmZoneCrs(6.0, 0.0) == "EPSG:32632");       // a zone starts at its west edge
}
