// The noise-map colour classes: contiguous, ordered, class edges where the maps need them.
#include <citynoise/core/map_palette.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace citynoise;

TEST_CASE("every scale's classes tile the real line without gaps, with distinct colours", "[palette]") {
  for (MapScale s : {MapScale::Level, MapScale::Difference, MapScale::Exceedance}) {
    const auto& c = mapClasses(s);
    REQUIRE(c.size() >= 3);
    CHECK(std::isinf(c.front().from));
    CHECK(c.front().from < 0);
    CHECK(std::isinf(c.back().to));
    std::set<Rgb> colours;
    for (std::size_t i = 0; i < c.size(); ++i) {
      CHECK(c[i].from < c[i].to);
      if (i > 0) CHECK(c[i].from == c[i - 1].to);
      CHECK_FALSE(c[i].label.empty());
      colours.insert(c[i].colour);
    }
    CHECK(colours.size() == c.size());
  }
}

TEST_CASE("level classes are 5 dB wide from 45 to 80 dB, lower edge inclusive", "[palette]") {
  CHECK(mapClassOf(MapScale::Level, 44.99) == 0);
  CHECK(mapClassOf(MapScale::Level, 45.0) == 1);
  CHECK(mapClassOf(MapScale::Level, 54.99) == 2);
  CHECK(mapClassOf(MapScale::Level, 55.0) == 3);
  CHECK(mapClassOf(MapScale::Level, 79.99) == 7);
  CHECK(mapClassOf(MapScale::Level, 80.0) == 8);
  CHECK(mapClassOf(MapScale::Level, 140.0) == 8);
  CHECK(mapClassOf(MapScale::Level, -20.0) == 0);
  CHECK(mapClasses(MapScale::Level)[3].label == "55–60");
}

TEST_CASE("difference classes: unchanged is white and centred on zero, quieter blue, louder red", "[palette]") {
  const Rgb white{247, 247, 247};
  CHECK(mapColour(MapScale::Difference, 0.0) == white);
  CHECK(mapColour(MapScale::Difference, 0.49) == white);
  CHECK(mapColour(MapScale::Difference, -0.49) == white);
  CHECK(mapColour(MapScale::Difference, 0.5) != white);
  const Rgb quieter = mapColour(MapScale::Difference, -3.0), louder = mapColour(MapScale::Difference, 3.0);
  CHECK(quieter[2] > quieter[0]);
  CHECK(louder[0] > louder[2]);
  CHECK(mapClassOf(MapScale::Difference, -12.0) == 0);
}

TEST_CASE("exceedance: anything under the limit is one class, 0 dB is already over", "[palette]") {
  CHECK(mapClassOf(MapScale::Exceedance, -7.0) == 0);
  CHECK(mapClassOf(MapScale::Exceedance, -0.01) == 0);
  CHECK(mapClassOf(MapScale::Exceedance, 0.0) == 1);
  CHECK(mapClassOf(MapScale::Exceedance, 20.0) == static_cast<int>(mapClasses(MapScale::Exceedance).size()) - 1);
}

TEST_CASE("NaN has no class and takes the caller's colour", "[palette]") {
  CHECK(mapClassOf(MapScale::Level, std::nan("")) == -1);
  CHECK(mapColour(MapScale::Level, std::nan(""), Rgb{1, 2, 3}) == Rgb{1, 2, 3});
}
