// Vertex clustering in plan (see mesh_clustering.hpp).
#include "mesh_clustering.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>

namespace citynoise::io::tiles {
namespace {

using CellKey = std::pair<std::int64_t, std::int64_t>;

CellKey cellOf(const double* p, double cell) {
  return {static_cast<std::int64_t>(std::floor(p[0] / cell)), static_cast<std::int64_t>(std::floor(p[1] / cell))};
}

struct Cluster {
  double sum[3] = {0, 0, 0};
  std::size_t count = 0;
};

}  // namespace

std::vector<double> clusterInPlan(const std::vector<const double*>& triangles, double cell) {
  std::vector<double> out;
  if (!(cell > 0)) {
    for (const double* t : triangles) out.insert(out.end(), t, t + 9);
    return out;
  }
  // Each cell's mean of the corners in it (a corner shared by triangles counts once per triangle:
  // the mean leans towards well-connected corners, which is what a mesh's shape follows).
  std::map<CellKey, Cluster> clusters;
  for (const double* t : triangles)
    for (int k = 0; k < 3; ++k) {
      Cluster& c = clusters[cellOf(t + 3 * k, cell)];
      for (int a = 0; a < 3; ++a) c.sum[a] += t[3 * k + a];
      ++c.count;
    }
  std::set<std::array<CellKey, 3>> seen;
  for (const double* t : triangles) {
    const std::array<CellKey, 3> corners = {cellOf(t, cell), cellOf(t + 3, cell), cellOf(t + 6, cell)};
    if (corners[0] == corners[1] || corners[1] == corners[2] || corners[0] == corners[2]) continue;
    std::array<CellKey, 3> sorted = corners;
    std::sort(sorted.begin(), sorted.end());
    if (!seen.insert(sorted).second) continue;
    for (const CellKey& k : corners) {
      const Cluster& c = clusters[k];
      for (const double s : c.sum) out.push_back(s / static_cast<double>(c.count));
    }
  }
  return out;
}

}  // namespace citynoise::io::tiles
