#include <citynoise/io/data_files.hpp>

#include "json_reader.hpp"

#include <citynoise/core/error.hpp>

#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace citynoise::io {
namespace {

namespace fs = std::filesystem;

/// A folder holds the data when it has the files every run reads.
bool holdsData(const fs::path& folder) {
  std::error_code ec;
  return fs::is_regular_file(folder / "sources" / "equipment.csv", ec) &&
         fs::is_regular_file(folder / "palettes.json", ec) &&
         fs::is_regular_file(folder / "cnossos" / "RoadCnossos_2020.json", ec);
}

/// share/citynoise beside the program's folder or one of its parents (bin/ once installed; cli/,
/// viewer/ or tests/<folder>/ in the build tree), nearest first.
std::vector<fs::path> candidatesBesideProgram() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  std::vector<fs::path> out;
  if (ec) return out;
  fs::path folder = exe.parent_path();
  for (int up = 0; up < 3 && !folder.empty(); ++up) {
    out.push_back(folder.parent_path() / "share" / "citynoise");
    if (folder == folder.parent_path()) break;
    folder = folder.parent_path();
  }
  return out;
}

fs::path findDataDirectory() {
  if (const char* env = std::getenv("CITYNOISE_DATA_DIR"); env && *env) {
    if (!holdsData(env))
      throw std::runtime_error(std::string("CITYNOISE_DATA_DIR=") + env +
                               ": not a citynoise data folder (no sources/equipment.csv, palettes.json, cnossos/)");
    return fs::absolute(env);
  }
  std::string searched;
  for (const fs::path& p : candidatesBesideProgram()) {
    if (holdsData(p)) return p.lexically_normal();
    searched += "\n  " + p.lexically_normal().string();
  }
  throw std::runtime_error("citynoise data not found (coefficient tables, equipment library, palettes); searched:" +
                           searched + "\nset CITYNOISE_DATA_DIR to the share/citynoise folder of the installation");
}

double classEdge(const JsonNode& node, double infinity) {
  return node.isNull() ? infinity : node.number();
}

Rgb hexColour(const JsonNode& node) {
  const std::string s = node.string();
  const bool ok = s.size() == 7 && s[0] == '#' &&
                  s.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
  if (!ok) node.fail("a colour \"#rrggbb\"");
  Rgb c{};
  for (int k = 0; k < 3; ++k) c[k] = static_cast<std::uint8_t>(std::stoi(s.substr(1 + 2 * k, 2), nullptr, 16));
  return c;
}

}  // namespace

const fs::path& dataDirectory() {
  static const fs::path folder = findDataDirectory();
  return folder;
}

std::string readDataFile(const std::string& relative) {
  const fs::path path = dataDirectory() / relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), "", "cannot read this data file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

MapPalette readMapPalette(const std::string& text, const std::string& origin) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(origin, "", std::string("not valid JSON: ") + e.what());
  }
  const JsonNode root = JsonNode(doc, "$", origin).object();
  constexpr double inf = std::numeric_limits<double>::infinity();
  MapPalette palette;
  for (std::size_t s = 0; s < kMapScaleCount; ++s) {
    const JsonNode classes = root.field(scaleName(static_cast<MapScale>(s))).array();
    std::vector<ColourClass>& out = palette.scales[s];
    for (std::size_t i = 0; i < classes.size(); ++i) {
      const JsonNode c = classes.element(i).object();
      out.push_back({classEdge(c.field("from"), -inf), classEdge(c.field("to"), inf),
                     hexColour(c.field("colour")), c.field("label").string()});
    }
    if (const std::string problem = paletteProblem(out); !problem.empty())
      throw InputError(origin, classes.path(), problem);
  }
  return palette;
}

const MapPalette& mapPalette() {
  static const MapPalette palette = [] {
    const fs::path path = dataDirectory() / "palettes.json";
    return readMapPalette(readDataFile("palettes.json"), path.string());
  }();
  return palette;
}

}  // namespace citynoise::io
