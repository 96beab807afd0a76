#include <citynoise/raytrace/synthetic_city.hpp>

#include <algorithm>
#include <cmath>

namespace citynoise::raytrace {
namespace {

double hills(double x, double y, double relief) {
  return relief * (0.5 + 0.3 * std::sin(x / 170.0) * std::cos(y / 230.0) + 0.2 * std::sin((x + 0.7 * y) / 95.0));
}

}  // namespace

SceneDescription makeSyntheticCity(const SyntheticCityOptions& o) {
  Random rng(o.seed);
  SceneDescription d;
  ElevationGrid dem;
  dem.columns = dem.rows = static_cast<int>(std::ceil(o.size / o.demCell)) + 3;
  dem.cellSizeX = dem.cellSizeY = o.demCell;
  dem.originX = -o.demCell;
  dem.originY = o.size + o.demCell;
  for (int r = 0; r < dem.rows; ++r)
    for (int c = 0; c < dem.columns; ++c)
      dem.values.push_back(hills(dem.originX + (c + 0.5) * o.demCell, dem.originY - (r + 0.5) * o.demCell, o.relief));
  d.dem = dem;
  d.defaultG = 0.0;

  // Blocks between streets 16 m wide; buildings on a sub-grid of plots inside each block.
  const double street = 16.0;
  const int blocks = static_cast<int>(o.size / o.streetSpacing);
  const double blockSize = o.streetSpacing - street;
  const int plotsPerBlock = std::max(1, static_cast<int>(std::ceil(static_cast<double>(o.buildings) / (blocks * blocks))));
  const int plotsPerSide = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(plotsPerBlock)))));
  const double plot = blockSize / plotsPerSide;
  int id = 0;
  for (int by = 0; by < blocks; ++by)
    for (int bx = 0; bx < blocks; ++bx) {
      const double x0 = bx * o.streetSpacing + street / 2, y0 = by * o.streetSpacing + street / 2;
      if (rng.uniform(0, 1) < 0.08) {  // a park
        std::string name = "park-";  // built in steps: GCC 12 warns falsely on a + chain
        name.append(std::to_string(bx)).append("-").append(std::to_string(by));
        d.groundAreas.push_back({name,
                                 {{x0, y0}, {x0 + blockSize, y0}, {x0 + blockSize, y0 + blockSize}, {x0, y0 + blockSize}},
                                 1.0, {}});
        continue;
      }
      for (int py = 0; py < plotsPerSide; ++py)
        for (int px = 0; px < plotsPerSide && id < o.buildings; ++px) {
          const double cx = x0 + (px + 0.5) * plot, cy = y0 + (py + 0.5) * plot;
          const double w = rng.uniform(0.45, 0.85) * plot, h = rng.uniform(0.45, 0.85) * plot;
          const double angle = rng.uniform(-0.15, 0.15);
          const double ca = std::cos(angle), sa = std::sin(angle);
          Building b;
          b.id = std::string("b").append(std::to_string(id++));
          for (const auto& [u, v] : {std::pair{-0.5, -0.5}, {0.5, -0.5}, {0.5, 0.5}, {-0.5, 0.5}})
            b.footprint.push_back({cx + ca * u * w - sa * v * h, cy + sa * u * w + ca * v * h});
          double ground = 1e300;
          for (const Vec2& p : b.footprint) ground = std::min(ground, hills(p.x, p.y, o.relief));
          const double floors = std::floor(rng.uniform(2, 1 + 30 * rng.uniform(0, 1) * rng.uniform(0, 1) + 2));
          b.roofAltitude = ground + 3.0 * floors;
          d.buildings.push_back(std::move(b));
        }
    }
  for (int w = 0; w < o.walls; ++w) {
    const double x = (1 + static_cast<int>(rng.uniform(0, blocks - 1))) * o.streetSpacing - street / 2 + 2.0;
    const double y = rng.uniform(0, o.size - 80);
    const double top = 3.0 + rng.uniform(0, 2);
    d.walls.push_back({std::string("wall").append(std::to_string(w)),
                       {{x, y, hills(x, y, o.relief) + top}, {x, y + 60, hills(x, y + 60, o.relief) + top}},
                       std::nullopt, false, {}});
  }
  return d;
}

}  // namespace citynoise::raytrace
