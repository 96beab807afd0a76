// Unpacking an uploaded result archive (see result_archive.hpp) through GDAL's /vsitar/ and
// /vsizip/: each entry's name checked before anything is written, sizes counted as they are.
#include <citynoise/io/result_archive.hpp>

#include <citynoise/core/error.hpp>

#include "../gdal_support.hpp"

#include <cpl_vsi.h>

#include <algorithm>
#include <array>
#include <cstring>
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

/// A name an archive may hold: relative, no "..", plain characters, at most 4 levels deep (a
/// leading "./", as `tar -C dir .` writes, is the same folder; "./" alone is that folder).
bool safeName(std::string name) {
  while (name.rfind("./", 0) == 0) name.erase(0, 2);
  if (name.empty() || name == ".") return true;
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

/// The entry names as the archive itself holds them (GDAL's listing drops or tidies names such as
/// "../x", so the check reads them raw): tar headers (ustar prefix, GNU long names), or a zip's
/// central directory.
std::vector<std::string> rawNames(const std::filesystem::path& file, Kind kind) {
  std::vector<std::string> names;
  const std::string path = (kind == Kind::TarGz ? "/vsigzip/" : "") + file.string();
  const VsiFile in(path);
  if (!in.f) return names;
  auto field = [](const unsigned char* b, std::size_t n) { return std::string(reinterpret_cast<const char*>(b), strnlen(reinterpret_cast<const char*>(b), n)); };
  if (kind != Kind::Zip) {
    std::array<unsigned char, 512> h{};
    std::string longName;
    while (VSIFReadL(h.data(), 1, 512, in.f) == 512 && h[0] != 0 && names.size() <= kMaxEntries) {
      const std::uint64_t size = std::strtoull(field(h.data() + 124, 12).c_str(), nullptr, 8);
      const std::uint64_t padded = (size + 511) / 512 * 512;
      if (h[156] == 'L') {  // GNU: the next entry's long name is this entry's data
        std::string data(padded, '\0');
        if (VSIFReadL(data.data(), 1, padded, in.f) != padded) break;
        longName = data.substr(0, strnlen(data.data(), size));
        continue;
      }
      const std::string prefix = field(h.data() + 345, 155), name = field(h.data(), 100);
      if (h[156] != 'x' && h[156] != 'g') names.push_back(!longName.empty() ? longName : prefix.empty() ? name : prefix + "/" + name);
      longName.clear();
      VSIFSeekL(in.f, VSIFTellL(in.f) + padded, SEEK_SET);
    }
    return names;
  }
  VSIFSeekL(in.f, 0, SEEK_END);
  const vsi_l_offset end = VSIFTellL(in.f);
  const vsi_l_offset tail = std::min<vsi_l_offset>(end, 65536 + 22);
  std::vector<unsigned char> t(tail);
  VSIFSeekL(in.f, end - tail, SEEK_SET);
  if (VSIFReadL(t.data(), 1, tail, in.f) != tail || tail < 22) return names;
  auto u16 = [](const unsigned char* b) { return static_cast<unsigned>(b[0] | b[1] << 8); };
  auto u32 = [](const unsigned char* b) { return static_cast<std::uint64_t>(b[0] | b[1] << 8 | b[2] << 16) | static_cast<std::uint64_t>(b[3]) << 24; };
  for (std::size_t i = tail - 22 + 1; i-- > 0;) {
    if (u32(&t[i]) != 0x06054b50) continue;  // end of central directory
    const unsigned count = u16(&t[i + 10]);
    VSIFSeekL(in.f, u32(&t[i + 16]), SEEK_SET);
    std::array<unsigned char, 46> h{};
    for (unsigned k = 0; k < count && VSIFReadL(h.data(), 1, 46, in.f) == 46 && u32(h.data()) == 0x02014b50; ++k) {
      std::string name(u16(&h[28]), '\0');
      if (VSIFReadL(name.data(), 1, name.size(), in.f) != name.size()) break;
      names.push_back(name);
      VSIFSeekL(in.f, VSIFTellL(in.f) + u16(&h[30]) + u16(&h[32]), SEEK_SET);
    }
    break;
  }
  return names;
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
  const std::vector<std::string> raw = rawNames(named, kind);
  if (raw.size() > kMaxEntries) throw InputError(shown, "", "more than " + std::to_string(kMaxEntries) + " entries");
  for (const std::string& name : raw)
    if (!safeName(name)) throw InputError(shown, name, "an entry name that is absolute, climbs out or has odd characters");
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
  if (std::filesystem::exists(files / "citynoise-result.json")) return files;
  std::vector<std::filesystem::path> tops;
  for (const auto& e : std::filesystem::directory_iterator(files)) tops.push_back(e.path());
  if (tops.size() == 1 && std::filesystem::exists(tops[0] / "citynoise-result.json")) return tops[0];
  throw InputError(shown, "citynoise-result.json", "no citynoise result in the archive (citynoise-result.json at its top or under one folder)");
}

}  // namespace citynoise::io
