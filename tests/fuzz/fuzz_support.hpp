#pragma once
// What the harnesses share: a scratch folder for inputs that readers take as files, and the rule
// that bad input may only end in InputError.
#include <citynoise/core/error.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace citynoise::fuzz {

class Scratch {
 public:
  explicit Scratch(const std::string& name)
      : dir_(std::filesystem::temp_directory_path() / ("citynoise-fuzz-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(dir_);
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  [[nodiscard]] std::filesystem::path write(const std::string& file, const std::uint8_t* data, std::size_t size) const {
    const std::filesystem::path p = dir_ / file;
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return p;
  }

 private:
  std::filesystem::path dir_;
};

/// Runs `f`; an InputError is the expected answer to bad input, anything else thrown is a
/// finding (it would reach the user as an unexplained error) and aborts for libFuzzer to keep.
template <class F>
void expectInputErrorOnly(F&& f) {
  try {
    f();
  } catch (const InputError&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "not an InputError: %s\n", e.what());
    std::abort();
  }
}

}  // namespace citynoise::fuzz
