// libFuzzer harness: attribute expressions ("TV_D - HV_D", "\"小型车\" * 1.1"), parsed and
// evaluated on a feature. Errors are std::invalid_argument with the text and the position.
#include <citynoise/io/gis.hpp>

#include "scenario/expression.hpp"

#include "fuzz_support.hpp"

#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  citynoise::io::GisFeature f;
  f.attributes["TV_D"] = 1200.0;
  f.attributes["HV_D"] = 80.0;
  f.attributes["小型车"] = 900.0;
  f.attributes["name"] = std::string("rue de Lyon");
  f.attributes["empty"] = std::monostate{};
  try {
    const citynoise::io::Expression e = citynoise::io::Expression::parse(text);
    (void)e.fields();
    (void)e.evaluate(f);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
