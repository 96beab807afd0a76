#include "json_reader.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

namespace citynoise::io {
namespace {
std::string describe(const nlohmann::json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "an array of " + std::to_string(v.size());
  return "an object";
}
}  // namespace

void JsonNode::fail(const std::string& expected) const {
  throw InputError(*file_, path_, "expected " + expected + ", got " + describe(*value_));
}

JsonNode JsonNode::object() const {
  if (!value_->is_object()) fail("an object");
  return *this;
}

JsonNode JsonNode::array() const {
  if (!value_->is_array()) fail("an array");
  return *this;
}

JsonNode JsonNode::field(const char* key) const {
  if (!value_->is_object()) fail("an object");
  const auto it = value_->find(key);
  if (it == value_->end())
    throw InputError(*file_, path_, std::string("missing field \"") + key + "\"");
  return JsonNode(*it, path_ + "." + key, *file_);
}

JsonNode JsonNode::element(std::size_t index) const {
  if (!value_->is_array()) fail("an array");
  if (index >= value_->size()) fail("at least " + std::to_string(index + 1) + " elements");
  return JsonNode((*value_)[index], path_ + "[" + std::to_string(index) + "]", *file_);
}

std::size_t JsonNode::size() const { return array().raw().size(); }

double JsonNode::number() const {
  if (!value_->is_number()) fail("a number");
  const double v = value_->get<double>();
  if (!std::isfinite(v)) fail("a finite number");
  return v;
}

double JsonNode::numberOrNumericString() const {
  if (!value_->is_string()) return number();
  try {
    std::size_t used = 0;
    const std::string text = value_->get<std::string>();
    const double v = std::stod(text, &used);
    if (used == text.size() && std::isfinite(v)) return v;
  } catch (const std::exception&) {
  }
  fail("a number");
}

int JsonNode::integer() const {
  if (!value_->is_number_integer()) fail("an integer");
  return value_->get<int>();
}

bool JsonNode::boolean() const {
  if (!value_->is_boolean()) fail("true or false");
  return value_->get<bool>();
}

std::string JsonNode::string() const {
  if (!value_->is_string()) fail("a string");
  return value_->get<std::string>();
}

BandArray JsonNode::bands() const {
  if (!value_->is_array() || value_->size() != kBandCount) fail("8 numbers (63 Hz to 8 kHz)");
  BandArray out{};
  for (std::size_t i = 0; i < kBandCount; ++i) out[i] = element(i).number();
  return out;
}

Vec3 JsonNode::vec3() const {
  if (!value_->is_array() || value_->size() != 3) fail("[x, y, z]");
  return {element(0).number(), element(1).number(), element(2).number()};
}

Vec2 JsonNode::vec2() const {
  if (!value_->is_array() || value_->size() < 2 || value_->size() > 3) fail("[x, y]");
  return {element(0).number(), element(1).number()};
}

nlohmann::json parseJsonFile(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file, "", "cannot open the file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    return nlohmann::json::parse(buffer.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(file, "", std::string("not valid JSON (") + e.what() + ")");
  }
}

}  // namespace citynoise::io
