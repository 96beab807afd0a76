#pragma once
// A result folder sent as one file (an upload to the service): a .tar, .tar.gz or .zip holding
// the folder's files (at the top or under one folder), unpacked through GDAL's virtual file
// systems — no archive format written by hand, no path taken from the archive unchecked.

#include <cstdint>
#include <filesystem>

namespace citynoise::io {

/// Unpacks `archive` into the empty folder `into` and returns the result folder inside it (the
/// one holding citynoise-result.json). InputError naming the archive and the entry for an entry whose
/// name is absolute, climbs out ("..") or has odd characters, for more than `maxBytes` unpacked
/// (an archive bomb), for more than 10 000 entries, or when no citynoise-result.json is found.
std::filesystem::path unpackResultArchive(const std::filesystem::path& archive, const std::filesystem::path& into, std::uint64_t maxBytes);

}  // namespace citynoise::io
