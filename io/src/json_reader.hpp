#pragma once
// Reading JSON with errors that say where: every accessor knows its JSON path ($.a.b[2]) and
// throws InputError(file, path, "expected …") when the document does not have what it needs.

#include <citynoise/core/bands.hpp>
#include <citynoise/core/error.hpp>
#include <citynoise/core/vec.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace citynoise::io {

class JsonNode {
 public:
  JsonNode(const nlohmann::json& value, std::string path, const std::string& file)
      : value_(&value), path_(std::move(path)), file_(&file) {}

  [[nodiscard]] const nlohmann::json& raw() const { return *value_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] bool isNull() const { return value_->is_null(); }
  [[nodiscard]] bool has(const char* key) const {
    return value_->is_object() && value_->contains(key) && !(*value_)[key].is_null();
  }

  [[nodiscard]] JsonNode field(const char* key) const;          ///< required member
  [[nodiscard]] JsonNode element(std::size_t index) const;      ///< array element
  [[nodiscard]] std::size_t size() const;                       ///< array size (requires array)
  [[nodiscard]] JsonNode object() const;                        ///< requires an object
  [[nodiscard]] JsonNode array() const;                         ///< requires an array

  [[nodiscard]] double number() const;   ///< finite number
  /// A finite number, also when written as a string ("130"), as some published tables do.
  [[nodiscard]] double numberOrNumericString() const;
  [[nodiscard]] int integer() const;
  [[nodiscard]] bool boolean() const;
  [[nodiscard]] std::string string() const;
  [[nodiscard]] BandArray bands() const;  ///< exactly 8 finite numbers
  [[nodiscard]] Vec3 vec3() const;        ///< [x, y, z]
  [[nodiscard]] Vec2 vec2() const;        ///< [x, y] (a z, if present, is ignored)

  [[noreturn]] void fail(const std::string& expected) const;

 private:
  const nlohmann::json* value_;
  std::string path_;
  const std::string* file_;
};

/// Parses a file; throws InputError when it cannot be read or is not JSON.
nlohmann::json parseJsonFile(const std::string& file);

}  // namespace citynoise::io
