// The .glb container (see glb_builder.hpp; glTF 2.0 §4.4 "Binary glTF Layout").
#include "glb_builder.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace citynoise::io::tiles {

GlbBuilder::GlbBuilder() {
  json_["asset"] = {{"version", "2.0"}, {"generator", "citynoise"}};
  json_["bufferViews"] = nlohmann::json::array();
  json_["accessors"] = nlohmann::json::array();
}

int GlbBuilder::view(const void* data, std::size_t bytes) {
  while (bin_.size() % 8) bin_.push_back('\0');
  const std::size_t offset = bin_.size();
  bin_.append(static_cast<const char*>(data), bytes);
  json_["bufferViews"].push_back({{"buffer", 0}, {"byteOffset", offset}, {"byteLength", bytes}});
  return static_cast<int>(json_["bufferViews"].size()) - 1;
}

int GlbBuilder::accessor(const void* data, std::size_t count, const char* type, int componentType, int components, bool normalized,
                         bool bounds) {
  const std::size_t size = componentType == 5126 || componentType == 5125 ? 4 : componentType == 5123 ? 2 : 1;
  nlohmann::json a = {{"bufferView", view(data, count * components * size)}, {"componentType", componentType}, {"count", count}, {"type", type}};
  if (normalized) a["normalized"] = true;
  if (bounds && componentType == 5126) {
    std::vector<float> lo(static_cast<std::size_t>(components), std::numeric_limits<float>::max()), hi(lo.size(), -std::numeric_limits<float>::max());
    const auto* f = static_cast<const float*>(data);
    for (std::size_t i = 0; i < count; ++i)
      for (std::size_t c = 0; c < lo.size(); ++c) lo[c] = std::min(lo[c], f[i * lo.size() + c]), hi[c] = std::max(hi[c], f[i * lo.size() + c]);
    a["min"] = lo, a["max"] = hi;
  }
  json_["accessors"].push_back(a);
  return static_cast<int>(json_["accessors"].size()) - 1;
}

namespace {

void put32(std::string& out, std::uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);  // little-endian hosts
  out.append(b, 4);
}

}  // namespace

std::string GlbBuilder::bytes() const {
  nlohmann::json j = json_;
  std::string bin = bin_;
  while (bin.size() % 4) bin.push_back('\0');
  j["buffers"] = nlohmann::json::array({{{"byteLength", bin.size()}}});
  std::string text = j.dump();
  while (text.size() % 4) text.push_back(' ');
  std::string out;
  put32(out, 0x46546C67);  // "glTF"
  put32(out, 2);
  put32(out, static_cast<std::uint32_t>(12 + 8 + text.size() + 8 + bin.size()));
  put32(out, static_cast<std::uint32_t>(text.size()));
  put32(out, 0x4E4F534A);  // "JSON"
  out += text;
  put32(out, static_cast<std::uint32_t>(bin.size()));
  put32(out, 0x004E4942);  // "BIN"
  out += bin;
  return out;
}

}  // namespace citynoise::io::tiles
