#include <citynoise/core/error.hpp>
#include <citynoise/io/case_file.hpp>
#include <citynoise/io/conformance.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace citynoise;
using nlohmann::json;

namespace {

std::filesystem::path caseFile(const std::string& id) {
  return std::filesystem::path(CITYNOISE_SOURCE_DIR) / "tests/conformance/iso17534-4" / (id + ".json");
}

json loadCase(const std::string& id) {
  std::ifstream in(caseFile(id));
  return json::parse(in);
}

/// The message of the InputError that reading `doc` raises (empty when it reads fine).
std::string readError(const std::string& content) {
  test::TempFile f("case.json", content);
  try {
    io::readCase(f.path());
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("case.json") != std::string::npos);  // names the file
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("A case file reads into profiles and paths", "[io][case]") {
  const io::ConformanceCase c = io::readCase(caseFile("TC08"));
  CHECK(c.id == "TC08");
  CHECK(c.air.temperatureC == 10.0);
  CHECK(c.favourableProbability == 0.5);
  CHECK(c.sourcePower[0] == 93.0);
  CHECK(c.profiles.size() == 5);
  const std::vector<Path3> paths = io::pathsFromProfiles(c);
  REQUIRE(paths.size() == 3);
  CHECK(paths[0].type == PathType::Direct);
  CHECK(paths[0].vertices[3].kind == ProfilePointKind::Wall);
  CHECK(paths[1].favourableVertices.has_value());
  CHECK(paths[1].hasFavourable);
}

TEST_CASE("A lateral path without a curved profile has no favourable contribution", "[io][case]") {
  const std::vector<Path3> paths = io::pathsFromProfiles(io::readCase(caseFile("TC21")));
  REQUIRE(paths.size() == 3);
  CHECK_FALSE(paths[1].hasFavourable);
}

TEST_CASE("Bad case files are refused with the file, the JSON path and what was expected", "[io][case]") {
  const json good = loadCase("TC08");
  CHECK(readError(good.dump()).empty());

  CHECK(readError("{ not json").find("not valid JSON") != std::string::npos);

  json missing = good;
  missing["source"].erase("lw_db");
  CHECK(readError(missing.dump()).find("$.source: missing field \"lw_db\"") != std::string::npos);

  json sevenBands = good;
  sevenBands["source"]["lw_db"].erase(7);
  CHECK(readError(sevenBands.dump()).find("$.source.lw_db: expected 8 numbers") != std::string::npos);

  json notANumber = good;
  notANumber["receiver"]["xyz"][2] = "NaN";
  CHECK(readError(notANumber.dump()).find("$.receiver.xyz[2]: expected a number") != std::string::npos);

  std::string nanLiteral = good.dump();
  nanLiteral.replace(nanLiteral.find("93.0"), 4, "NaN");
  CHECK(readError(nanLiteral).find("not valid JSON") != std::string::npos);

  json onePoint = good;
  onePoint["profiles"]["direct"]["points"] = json::array({good["profiles"]["direct"]["points"][0]});
  CHECK(readError(onePoint.dump()).find("$.profiles.direct.points: expected at least two points") != std::string::npos);

  json below = good;
  auto& pts = below["profiles"]["direct"]["points"];
  pts[pts.size() - 1]["xyz"][2] = -1.0;
  CHECK(readError(below.dump()).find("receiver below ground") != std::string::npos);

  json badKind = good;
  badKind["profiles"]["direct"]["points"][1]["kind"] = "tree";
  CHECK(readError(badKind.dump()).find("$.profiles.direct.points[1].kind") != std::string::npos);

  json badG = good;
  badG["profiles"]["direct"]["points"][1]["g"] = 1.5;
  CHECK(readError(badG.dump()).find("ground factor between 0 and 1") != std::string::npos);

  json badProfile = good;
  badProfile["profiles"]["diagonal"] = good["profiles"]["direct"];
  CHECK(readError(badProfile.dump()).find("unknown profile name") != std::string::npos);
}

TEST_CASE("The conformance check fails on a band out of tolerance and on missing levels", "[io][conformance]") {
  const json c = loadCase("TC01");
  const json& e = c["expected"]["paths"]["direct"];
  json answer;
  answer["id"] = "TC01";
  json path{{"type", "direct"}};
  for (const char* cond : {"H", "F", "HF"})
    for (const auto& [q, v] : e[cond].items()) path[cond][q] = v["values"];
  answer["paths"] = json::array({path});
  CHECK(io::checkAnswer(caseFile("TC01"), answer.dump()).passed());

  json off = answer;
  off["paths"][0]["H"]["L"][2] = off["paths"][0]["H"]["L"][2].get<double>() + 0.2;
  const io::CaseCheck bad = io::checkAnswer(caseFile("TC01"), off.dump());
  CHECK_FALSE(bad.passed());
  CHECK(bad.failures.at(0).find("direct/H L band 2") != std::string::npos);

  json noLevel = answer;
  noLevel["paths"][0]["F"].erase("L");
  CHECK_FALSE(io::checkAnswer(caseFile("TC01"), noLevel.dump()).passed());

  json noW = answer;
  noW["paths"][0]["H"].erase("w");
  const io::CaseCheck unreported = io::checkAnswer(caseFile("TC01"), noW.dump());
  CHECK(unreported.passed());
  CHECK(unreported.unreported == 1);
}

TEST_CASE("Conformance cases are counted per family, failing ids listed", "[io][conformance]") {
  CHECK(io::caseFamily("TC08") == "iso17534-4");
  CHECK(io::caseFamily("JRC-screen_193") == "jrc-screen");
  CHECK(io::caseFamily("JRC-scr+bldg_308") == "jrc-scr+bldg");
  CHECK(io::caseFamily("JRC-meteo_370_from_bldg_274") == "jrc-meteo");
  CHECK(io::caseFamily("mine") == "other");
  std::vector<io::CaseCheck> checks(3);
  checks[0].id = "JRC-screen_1", checks[0].compared = 4;
  checks[1].id = "JRC-screen_2", checks[1].compared = 4, checks[1].failures = {"L band 0"};
  checks[2].id = "TC01", checks[2].compared = 4;
  std::vector<io::FamilyCount> counts;
  for (const io::CaseCheck& c : checks) io::countByFamily(c, counts);
  REQUIRE(counts.size() == 2);
  CHECK(counts[0].family == "jrc-screen");
  CHECK(counts[0].passed == 1);
  CHECK(counts[0].failed == 1);
  CHECK(counts[1].passed == 1);
  const std::string table = io::formatFamilyTable(counts, checks);
  CHECK(table.find("JRC-screen_2") != std::string::npos);
  CHECK(table.find("JRC-screen_1") == std::string::npos);
}
