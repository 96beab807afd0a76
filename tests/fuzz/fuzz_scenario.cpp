// libFuzzer harness: the scenario TOML reader. Any input must end in a scenario or an InputError
// (a clear message naming the file and the key) — never a crash, a hang or another exception.
#include <citynoise/core/error.hpp>
#include <citynoise/io/scenario.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const citynoise::fuzz::Scratch scratch("scenario");
  const std::filesystem::path file = scratch.write("scenario.toml", data, size);
  citynoise::fuzz::expectInputErrorOnly([&] { (void)citynoise::io::loadScenario(file); });
  return 0;
}
