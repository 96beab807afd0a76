#pragma once
// Numbers in the text outputs (summary, comparison): fixed decimals, "-" for NaN and infinity.

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

}  // namespace citynoise::io
