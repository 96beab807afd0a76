#pragma once
// Text outputs (summary, comparison, CSV files): numbers with fixed decimals ("-" for NaN and
// infinity), CSV fields quoted where they need it.

#include <cmath>
#include <iomanip>
#include <sstream>
#include <string>

namespace citynoise::io {

inline std::string fixed(double v, int digits = 1) {
  if (!std::isfinite(v)) return "-";
  std::ostringstream o;
  o << std::fixed << std::setprecision(digits) << v;
  return o.str();
}

/// A CSV field (RFC 4180): quoted, with doubled quotes, when it holds a comma, a quote or a newline.
inline std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace citynoise::io
