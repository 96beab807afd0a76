// Unpacking an uploaded result archive (see result_archive.hpp) through GDAL's /vsitar/ and
// /vsizip/: each entry's name checked before anything is written, sizes counted as they are.
#include <citynoise/io/result_archive.hpp>

#include <citynoise/core/error.hpp>

#include "../gdal_support.hpp"

#include <cpl_vsi.h>

#include <array>
#include <fstream>
#include <regex>
#include <vector>

namespace citynoise::io {
namespace {

constexpr int kMaxEntries = 10000;

enum class Kind { Tar, TarGz, Zip, Unknown };

Kind kindOf(const std::filesystem::path& file) {
  std::array<unsigned char, 262> head{};
  std::ifstream in(file, std::ios::binary);
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  const auto n = in.gcount();
  if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return Kind::Zip;
  if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) return Kind::TarGz;
  if (n >= 262 && std::string(reinterpret_cast<const char*>(head.data()) + 257, 5) == "ustar") return Kind::Tar;
  return Kind::Unknown;
}

/// A name an archive may hold: relative, no "..", plain characters, at most 4 levels deep.
bool safeName(const std::string& name) {
  static const std::regex plain(R"(([A-Za-z0-9_][A-Za-z0-9_.\-]{0,127}/){0,3}[A-Za-z0-9_][A-Za-z0-9_.\-]{0,127}/?)");
  return std::regex_match(name, plain) && name.find("..") == std::string::npos;
}

struct VsiFile {
  VSILFILE* f;
  explicit VsiFile(const std::string& path) : f(VSIFOpenL(path.c_str(), "rb")) {}
  ~VsiFile() {
    if (f) VSIFCloseL(f);
  }
  VsiFile(const VsiFile&) = delete;
  VsiFile& operator=(const VsiFile&) = delete;
};

std::uint64_t copyEntry(const std::string& from, const std::filesystem::path& to, std::uint64_t budget, const std::string& archive, const std::string& name) {
  const VsiFile in(from);
  if (!in.f) throw InputError(archive, name, "cannot read this entry");
  std::filesystem::create_directories(to.parent_path());
  std::ofstream out(to, std::ios::binary);
  std::vector<char> buffer(1 << 16);
  std::uint64_t total = 0;
  for (std::size_t got; (got = VSIFReadL(buffer.data(), 1, buffer.size(), in.f)) > 0;) {
    total += got;
    if (total > budget) throw InputError(archive, name, "the archive unpacks to more than the upload limit allows");
    out.write(buffer.data(), static_cast<std::streamsize>(got));
  }
  if (!out) throw InputError(archive, name, "cannot write the unpacked entry");
  return total;
}

}  // namespace

std::filesystem::path unpackResultArchive(const std::filesystem::path& archive, const std::filesystem::path& into, std::uint64_t maxBytes) {
  gdal::ensureGdal();
  const std::string shown = archive.filename().string();
  const Kind kind = kindOf(archive);
  if (kind == Kind::Unknown) throw InputError(shown, "", "not a .tar, .tar.gz or .zip archive");
  // GDAL tells a gzipped tar by its name: give it one.
  const std::filesystem::path named = into / (kind == Kind::Zip ? ".archive.zip" : kind == Kind::TarGz ? ".archive.tar.gz" : ".archive.tar");
  std::filesystem::create_directories(into);
  std::filesystem::copy_file(archive, named, std::filesystem::copy_options::overwrite_existing);
  const std::string root = (kind == Kind::Zip ? "/vsizip/" : "/vsitar/") + named.string();
  char** entries = VSIReadDirRecursive(root.c_str());
  const gdal::StringList owner(entries);
  const int count = CSLCount(entries);
  if (count == 0) throw InputError(shown, "", "an empty or unreadable archive");
  if (count > kMaxEntries) throw InputError(shown, "", "more than " + std::to_string(kMaxEntries) + " entries");
  const std::filesystem::path files = into / "result";
  std::uint64_t used = 0;
  for (int i = 0; i < count; ++i) {
    const std::string name = entries[i];
    if (!safeName(name)) throw InputError(shown, name, "an entry name that is absolute, climbs out or has odd characters");
    VSIStatBufL st;
    if (VSIStatL((root + "/" + name).c_str(), &st) != 0) throw InputError(shown, name, "cannot read this entry");
    if (VSI_ISDIR(st.st_mode)) continue;
    used += copyEntry(root + "/" + name, files / name, maxBytes - used, shown, name);
  }
  std::filesystem::remove(named);
  if (std::filesystem::exists(files / "manifest.json")) return files;
  std::vector<std::filesystem::path> tops;
  for (const auto& e : std::filesystem::directory_iterator(files)) tops.push_back(e.path());
  if (tops.size() == 1 && std::filesystem::exists(tops[0] / "manifest.json")) return tops[0];
  throw InputError(shown, "manifest.json", "no citynoise result in the archive (manifest.json at its top or under one folder)");
}

}  // namespace citynoise::io
