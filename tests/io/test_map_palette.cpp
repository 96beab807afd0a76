// The shipped noise-map colour classes (io/data/palettes.json, read from the build tree's
// share/citynoise): contiguous, ordered, class edges where the maps need them; and the palette
// reader's errors.
#include <citynoise/core/error.hpp>
#include <citynoise/io/data_files.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace citynoise;

namespace {
const MapPalette& shipped() { return io::mapPalette(); }
int mapClassOf(MapScale s, double v) { return shipped().classOf(s, v); }
Rgb mapColour(MapScale s, double v, Rgb nan = {128, 128, 128}) { return shipped().colour(s, v, nan); }
const std::vector<ColourClass>& mapClasses(MapScale s) { return shipped().classes(s); }
}  // namespace

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

TEST_CASE("the shipped level colours are the map colours of the earlier compiled table", "[palette]") {
  // 55–60 dB yellow and ≥ 80 dB violet: glTF façade colours depend on these exact bytes.
  CHECK(mapColour(MapScale::Level, 57.0) == Rgb{255, 240, 60});
  CHECK(mapColour(MapScale::Level, 85.0) == Rgb{70, 40, 160});
  CHECK(mapClasses(MapScale::Difference).size() == 11);
}

namespace {
std::string paletteText(const std::string& levelClasses) {
  const std::string one = R"([{"from": null, "to": null, "colour": "#000000", "label": "all"}])";
  return R"({"level": )" + levelClasses + R"(, "difference": )" + one + R"(, "exceedance": )" + one + "}";
}
std::string errorOf(const std::string& text) {
  try {
    (void)io::readMapPalette(text, "palettes.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a palettes file is read with its class edges, colours and labels", "[palette]") {
  const MapPalette p = io::readMapPalette(
      paletteText(R"([{"from": null, "to": 50, "colour": "#0a0B0c", "label": "quiet"},
                      {"from": 50, "to": null, "colour": "#ff0000", "label": "loud"}])"),
      "palettes.json");
  REQUIRE(p.classes(MapScale::Level).size() == 2);
  CHECK(p.classOf(MapScale::Level, 49.9) == 0);
  CHECK(p.classOf(MapScale::Level, 50.0) == 1);
  CHECK(p.colour(MapScale::Level, 10.0) == Rgb{10, 11, 12});
  CHECK(p.classes(MapScale::Level)[1].label == "loud");
  CHECK(p.classOf(MapScale::Exceedance, 3.0) == 0);
}

TEST_CASE("a palettes file with a gap, a bad colour or a missing scale names the file and the field", "[palette]") {
  const std::string gap = errorOf(paletteText(R"([{"from": null, "to": 50, "colour": "#000000", "label": "a"},
                                                   {"from": 55, "to": null, "colour": "#ffffff", "label": "b"}])"));
  CHECK(gap.find("palettes.json: $.level: class 1 does not start where class 0 ends") != std::string::npos);
  const std::string colour = errorOf(paletteText(R"([{"from": null, "to": null, "colour": "red", "label": "a"}])"));
  CHECK(colour.find("$.level[0].colour: expected a colour \"#rrggbb\"") != std::string::npos);
  const std::string open = errorOf(paletteText(R"([{"from": 0, "to": null, "colour": "#000000", "label": "a"}])"));
  CHECK(open.find("-infinity") != std::string::npos);
  CHECK(errorOf(R"({"level": []})").find("palettes.json: $.level: no classes") != std::string::npos);
  CHECK(errorOf(paletteText("[]").substr(0, 10) + "}").find("palettes.json") != std::string::npos);
  CHECK(errorOf("{").find("not valid JSON") != std::string::npos);
}

TEST_CASE("the data folder is the build tree's share/citynoise, holding every shipped file", "[data]") {
  const auto& dir = io::dataDirectory();
  CHECK(dir.filename() == "citynoise");
  CHECK(dir.parent_path().filename() == "share");
  for (const char* f : {"palettes.json", "sources/equipment.csv", "cnossos/RoadCnossos_2015.json",
                        "cnossos/RailwayEmissionCnossos.json", "cnossos/outdated/RailwayCnossosEU_2020.json"})
    CHECK_FALSE(io::readDataFile(f).empty());
  CHECK_THROWS_AS(io::readDataFile("no/such/file.json"), InputError);
}
