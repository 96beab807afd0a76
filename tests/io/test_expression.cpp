// Attribute expressions of scenario files (io/src/scenario/expression.hpp): precedence,
// associativity, fields (bare and quoted, numbers written as text) and every kind of error.
#include "scenario/expression.hpp"

#include <catch2/catch.hpp>

using namespace citynoise;
using citynoise::io::Expression;

namespace {

io::GisFeature feature() {
  io::GisFeature f;
  f.attributes["TV_D"] = 1200.0;
  f.attributes["HV_D"] = 150.0;
  f.attributes["speed"] = std::string("50");
  f.attributes["road name"] = 3.0;
  f.attributes["label"] = std::string("fast");
  f.attributes["empty"] = std::monostate{};
  f.attributes["zero"] = 0.0;
  return f;
}

double value(const std::string& text) { return Expression::parse(text).evaluate(feature()); }

std::string parseError(const std::string& text) {
  try {
    (void)Expression::parse(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

std::string evaluationError(const std::string& text) {
  try {
    (void)Expression::parse(text).evaluate(feature());
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("Expressions: numbers, precedence, associativity and parentheses", "[io][expression]") {
  CHECK(value("42") == 42.0);
  CHECK(value(" 2.5e1 ") == 25.0);
  CHECK(value(".5") == 0.5);
  CHECK(value("2 + 3 * 4") == 14.0);
  CHECK(value("(2 + 3) * 4") == 20.0);
  CHECK(value("10 - 4 - 3") == 3.0);    // left to right
  CHECK(value("24 / 4 / 2") == 3.0);
  CHECK(value("-3 * -2") == 6.0);
  CHECK(value("--3") == 3.0);
  CHECK(value("2 * -(1 + 2)") == -6.0);
  CHECK(value("((((7))))") == 7.0);
}

TEST_CASE("Expressions: fields, bare and quoted, and numbers written as text", "[io][expression]") {
  CHECK(value("TV_D - HV_D") == 1050.0);
  CHECK(value("(TV_D - HV_D) / 24") == Approx(43.75));
  CHECK(value("speed * 2") == 100.0);  // "50" in the layer
  CHECK(value("\"road name\" + 1") == 4.0);
  const Expression e = Expression::parse("TV_D - HV_D * \"road name\" + TV_D");
  CHECK(e.fields() == std::vector<std::string>{"TV_D", "HV_D", "road name", "TV_D"});
  CHECK(e.text() == "TV_D - HV_D * \"road name\" + TV_D");
  CHECK(Expression::constant(12.5).evaluate(io::GisFeature{}) == 12.5);
  CHECK(Expression::constant(12.5).fields().empty());
}

TEST_CASE("Expressions: syntax errors name the text and the position", "[io][expression][bad-input]") {
  CHECK(parseError("TV_D -") == "in expression \"TV_D -\" at 7: expected a number or a field name");
  CHECK(parseError("(1 + 2") == "in expression \"(1 + 2\" at 7: expected ')'");
  CHECK(parseError("1 + 2)") == "in expression \"1 + 2)\" at 6: unexpected ')'");
  CHECK(parseError("TV_D % 2") == "in expression \"TV_D % 2\" at 6: unexpected '%'");
  CHECK(parseError("\"road name + 1") == "in expression \"\"road name + 1\" at 1: unterminated quoted field name");
  CHECK(parseError("1.5.3") == "in expression \"1.5.3\" at 4: unexpected '.'");
  CHECK(parseError(".") == "in expression \".\" at 1: expected a number");
  CHECK(parseError("") == "in expression \"\" at 1: expected a number or a field name");
  CHECK(parseError("TV_D HV_D") == "in expression \"TV_D HV_D\" at 6: unexpected 'H'");
}

TEST_CASE("Expressions: evaluation errors name the field", "[io][expression][bad-input]") {
  CHECK(evaluationError("LV_D + 1") == "field LV_D: no such field");
  CHECK(evaluationError("label * 2") == "field label: \"fast\" is not a number");
  CHECK(evaluationError("empty + 1") == "field empty: missing value");
  CHECK(evaluationError("TV_D / zero") == "division by zero");
  CHECK(evaluationError("1e308 * 10") == "\"1e308 * 10\" is not a finite number");
}
