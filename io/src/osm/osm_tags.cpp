// Parsing OSM tag values (see osm_tags.hpp).
#include <citynoise/io/osm_tags.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace citynoise::io::osm {
namespace {

/// Reads a quoted string at `i` ("…", backslash escapes); false when there is none.
bool quoted(const std::string& s, std::size_t& i, std::string& out) {
  if (i >= s.size() || s[i] != '"') return false;
  out.clear();
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      out += s[++i];
    } else if (s[i] == '"') {
      ++i;
      return true;
    } else {
      out += s[i];
    }
  }
  return false;
}

std::string trimmed(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

/// A leading decimal number (decimal point or comma); the rest after it in `rest`.
std::optional<double> leadingNumber(const std::string& text, std::string& rest) {
  std::string s = trimmed(text);
  std::replace(s.begin(), s.end(), ',', '.');
  if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '.')) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !std::isfinite(v)) return std::nullopt;
  rest = trimmed(std::string(end));
  return v;
}

}  // namespace

Tags parseOtherTags(const std::string& s) {
  Tags tags;
  std::size_t i = 0;
  std::string key, value;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ',' || std::isspace(static_cast<unsigned char>(s[i])))) ++i;
    if (!quoted(s, i, key)) break;
    if (s.compare(i, 2, "=>") != 0) break;
    i += 2;
    if (!quoted(s, i, value)) break;
    tags[key] = value;
  }
  return tags;
}

std::optional<double> parseLength(const std::string& text) {
  std::string rest;
  const auto v = leadingNumber(text, rest);
  if (!v) return std::nullopt;
  if (rest.empty() || rest == "m" || rest == "metre" || rest == "meters" || rest == "metres") return *v;
  if (rest == "ft" || rest == "feet") return *v * 0.3048;
  if (rest[0] == '\'') {  // 12'6"
    std::string inchesRest;
    const std::string afterFeet = rest.substr(1);
    const auto inches = afterFeet.empty() ? std::optional<double>(0.0) : leadingNumber(afterFeet, inchesRest);
    if (!inches || (!afterFeet.empty() && inchesRest != "\"")) return std::nullopt;
    return *v * 0.3048 + *inches * 0.0254;
  }
  return std::nullopt;
}

std::optional<double> parseSpeed(const std::string& text) {
  const std::string t = trimmed(text);
  if (t == "walk") return 5.0;
  std::string rest;
  const auto v = leadingNumber(t, rest);
  if (!v || *v <= 0.0) return std::nullopt;
  if (rest.empty() || rest == "km/h" || rest == "kmh" || rest == "kph") return *v;
  if (rest == "mph") return *v * 1.609344;
  if (rest == "knots") return *v * 1.852;
  return std::nullopt;
}

std::optional<double> parseCount(const std::string& text) {
  std::optional<double> best;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(';', start), text.size());
    std::string rest;
    const auto v = leadingNumber(text.substr(start, end - start), rest);
    if (!v || !rest.empty() || *v < 0.0) return std::nullopt;
    best = best ? std::max(*best, *v) : *v;
    start = end + 1;
  }
  return best;
}

std::string tag(const Tags& tags, const std::string& key) {
  const auto it = tags.find(key);
  return it == tags.end() ? std::string() : it->second;
}

bool isYes(const Tags& tags, const std::string& key) {
  const std::string v = tag(tags, key);
  if (v.empty() || v == "no" || v == "false" || v == "0") return false;
  if (key == "bridge" || key == "tunnel") return true;  // bridge=viaduct, tunnel=building_passage …
  return v == "yes" || v == "true" || v == "1";
}

}  // namespace citynoise::io::osm
