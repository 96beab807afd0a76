#pragma once
// SHA-256 checksums (OpenSSL) of the files a result was made from and of results themselves: what
// the store records to tell versions apart and to know an input changed.

#include <cstddef>
#include <filesystem>
#include <string>

namespace citynoise::io {

/// The SHA-256 of a file's bytes as 64 lowercase hex digits; InputError naming the file when it
/// cannot be read.
std::string sha256File(const std::filesystem::path& file);

/// The SHA-256 of a text.
std::string sha256Text(const std::string& text);

/// Bytes as lowercase hex digits (two per byte).
std::string hexDigits(const unsigned char* bytes, std::size_t n);

}  // namespace citynoise::io
