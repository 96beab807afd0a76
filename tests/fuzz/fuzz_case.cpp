// libFuzzer harness: the conformance case JSON reader (profiles and full scene).
#include <citynoise/core/error.hpp>
#include <citynoise/io/case_file.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const citynoise::fuzz::Scratch scratch("case");
  const std::filesystem::path file = scratch.write("case.json", data, size);
  citynoise::fuzz::expectInputErrorOnly([&] { (void)citynoise::io::readCase(file); });
  citynoise::fuzz::expectInputErrorOnly([&] { (void)citynoise::io::readCaseScene(file); });
  return 0;
}
