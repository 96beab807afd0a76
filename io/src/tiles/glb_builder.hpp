#pragma once
// A glTF 2.0 binary (.glb) put together from plain arrays (internal to citynoise_io): buffer
// views aligned to 8 bytes (as EXT_structural_metadata asks), accessors with their bounds, and
// the JSON; the caller adds meshes, materials and extensions to json().
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace citynoise::io::tiles {

class GlbBuilder {
 public:
  GlbBuilder();
  /// A buffer view of raw bytes; its index.
  int view(const void* data, std::size_t bytes);
  /// An accessor over `count` elements of `type` ("SCALAR", "VEC3", …) with glTF's component
  /// type code (5126 float, 5121 unsigned byte, …); bounds for float data when `bounds`.
  int accessor(const void* data, std::size_t count, const char* type, int componentType, int components, bool normalized, bool bounds);
  nlohmann::json& json() { return json_; }
  /// The .glb file: header, JSON chunk (padded with spaces), BIN chunk (padded with zeros).
  [[nodiscard]] std::string bytes() const;

 private:
  nlohmann::json json_;
  std::string bin_;
};

}  // namespace citynoise::io::tiles
