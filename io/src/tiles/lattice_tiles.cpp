// The vertical sections and a horizontal slice of the volume as 3D Tiles of one tile each (see
// tiles.hpp): every receiver (section) or lattice column (slice) a flat cell reaching half-way to
// its neighbours, coloured by the indicator's 5 dB class, in a local frame of its own.
#include <citynoise/io/tiles.hpp>

#include <citynoise/core/error.hpp>
#include <citynoise/io/receiver_index.hpp>
#include <citynoise/io/run_outputs.hpp>

#include "tile_content.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace citynoise::io {
namespace {

using Colour = std::array<std::uint8_t, 3>;

struct Cells {
  std::vector<double> triangles;
  std::vector<Colour> colours;
  double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300, minZ = 1e300;

  /// A quad a-b-c-d (x y z each) as two triangles of one colour.
  void quad(const std::array<double, 3>& a, const std::array<double, 3>& b, const std::array<double, 3>& c, const std::array<double, 3>& d, Colour colour) {
    for (const auto* p : {&a, &b, &c, &a, &c, &d}) {
      triangles.insert(triangles.end(), p->begin(), p->end());
      minX = std::min(minX, (*p)[0]), maxX = std::max(maxX, (*p)[0]);
      minY = std::min(minY, (*p)[1]), maxY = std::max(maxY, (*p)[1]);
      minZ = std::min(minZ, (*p)[2]);
    }
    colours.insert(colours.end(), {colour, colour});
  }
};

/// One tile's tileset around `cells`; empty (no files) when there are none.
Tileset oneTile(const MapVersion& v, const std::string& what, const std::string& indicator, const Cells& cells) {
  Tileset out;
  if (cells.triangles.empty()) return out;
  const tiles::EarthFrame frame(v.crs, 0.5 * (cells.minX + cells.maxX), 0.5 * (cells.minY + cells.maxY), cells.minZ);
  tiles::TileContent content = tiles::plainContent(cells.triangles, cells.colours, frame);
  const auto& r = content.region;
  const auto m = frame.toEcef();
  const nlohmann::json root = {{"boundingVolume", {{"region", {r.west, r.south, r.east, r.north, r.low, r.high}}}},
                               {"geometricError", 0.0},
                               {"content", {{"uri", "tiles/0-0-0.glb"}}},
                               {"transform", std::vector<double>(m.begin(), m.end())}};
  const double size = std::max({cells.maxX - cells.minX, cells.maxY - cells.minY, 1.0});
  out.json = nlohmann::json{{"asset", {{"version", "1.1"}, {"generator", "citynoise"}, {"tilesetVersion", std::to_string(v.id)}}},
                            {"properties", {{"content", {{"description", what}}}, {"indicator", {{"description", indicator}}}}},
                            {"geometricError", size / 4},
                            {"root", root}}
                 .dump(1);
  out.triangles = content.triangles;
  out.files.emplace_back("tiles/0-0-0.glb", std::move(content.glb));
  return out;
}

/// Half-way to the neighbour before and after `n` in a row of values (mirrored at the ends).
std::pair<double, double> halfWays(const std::vector<double>& row, std::size_t n) {
  const double before = n > 0 ? row[n - 1] : (row.size() > 1 ? 2 * row[0] - row[1] : row[0] - 0.5);
  const double after = n + 1 < row.size() ? row[n + 1] : (row.size() > 1 ? 2 * row[n] - row[n - 1] : row[n] + 0.5);
  return {0.5 * (before + row[n]), 0.5 * (row[n] + after)};
}

}  // namespace

Tileset makeSectionTiles(const MapStore& store, const ReceiverIndex& index, std::int64_t version, const std::string& indicator) {
  const int which = indicatorNumber(indicator);
  const MapVersion v = store.version(version);
  if (which >= 6 && !v.hourly) throw InputError("version " + std::to_string(version), "indicator " + indicator, "the version has no hourly levels");
  Cells cells;
  for (const auto& [name, points] : index.sections(which)) {
    // The section's columns (one plan position per i) and each column's receivers.
    std::map<std::int64_t, std::vector<const SectionPoint*>> columns;
    for (const SectionPoint& p : points) columns[p.i].push_back(&p);
    std::vector<std::int64_t> is;
    std::vector<std::array<double, 2>> plan;
    for (const auto& [i, column] : columns) is.push_back(i), plan.push_back({column.front()->x, column.front()->y});
    for (std::size_t c = 0; c < is.size(); ++c) {
      // Along the line: half-way to the neighbouring columns (the line's own direction at the ends).
      const auto& here = plan[c];
      const auto& prev = c > 0 ? plan[c - 1] : std::array<double, 2>{2 * here[0] - plan[std::min(c + 1, plan.size() - 1)][0], 2 * here[1] - plan[std::min(c + 1, plan.size() - 1)][1]};
      const auto& next = c + 1 < plan.size() ? plan[c + 1] : std::array<double, 2>{2 * here[0] - prev[0], 2 * here[1] - prev[1]};
      const std::array<double, 2> a = {0.5 * (prev[0] + here[0]), 0.5 * (prev[1] + here[1])}, b = {0.5 * (here[0] + next[0]), 0.5 * (here[1] + next[1])};
      const auto& column = columns[is[c]];
      std::vector<double> z;
      for (const SectionPoint* p : column) z.push_back(p->z);
      for (std::size_t n = 0; n < column.size(); ++n) {
        const double level = column[n]->level;
        if (!std::isfinite(level)) continue;
        const auto [z0, z1] = halfWays(z, n);
        cells.quad({a[0], a[1], z0}, {b[0], b[1], z0}, {b[0], b[1], z1}, {a[0], a[1], z1}, levelColour(level));
      }
    }
  }
  return oneTile(v, "vertical sections", indicator, cells);
}

Tileset makeSliceTiles(const MapStore& store, const ReceiverIndex& index, std::int64_t version, const std::string& indicator, double altitude) {
  const int which = indicatorNumber(indicator);
  const MapVersion v = store.version(version);
  if (which >= 6 && !v.hourly) throw InputError("version " + std::to_string(version), "indicator " + indicator, "the version has no hourly levels");
  const auto slice = index.volumeSlice(altitude, which);
  if (!slice) {
    const auto range = index.volumeRange();
    throw InputError("version " + std::to_string(version), "altitude",
                     range ? "the volume holds " + std::to_string(range->zMin) + " to " + std::to_string(range->zMax) + " m, not " + std::to_string(altitude)
                           : "the version has no volume");
  }
  Cells cells;
  for (std::int64_t j = 0; j < slice->ny; ++j)
    for (std::int64_t i = 0; i < slice->nx; ++i) {
      const double level = slice->levels[static_cast<std::size_t>(j * slice->nx + i)];
      if (!std::isfinite(level)) continue;
      const double x = slice->x0 + static_cast<double>(i) * slice->dx, y = slice->y0 + static_cast<double>(j) * slice->dy;
      const double hx = 0.5 * slice->dx, hy = 0.5 * slice->dy, z = altitude;
      cells.quad({x - hx, y - hy, z}, {x + hx, y - hy, z}, {x + hx, y + hy, z}, {x - hx, y + hy, z}, levelColour(level));
    }
  return oneTile(v, "the volume at " + std::to_string(altitude) + " m", indicator, cells);
}

}  // namespace citynoise::io
