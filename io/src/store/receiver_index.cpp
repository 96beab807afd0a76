// The point query's index (see receiver_index.hpp): a 10 m hash of every receiver for the
// nearest one, and the lattices of the grid and the volume, read from their receivers' ids
// ("g<height>-<i>-<j>", "v-<i>-<j>-<k>": raytrace/src/engine/receivers.cpp numbers them so).
#include <citynoise/io/receiver_index.hpp>

#include <citynoise/core/error.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

namespace citynoise::io {
namespace {

constexpr double kCell = 10.0;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::array<float, 24> noHours() {
  std::array<float, 24> none{};
  none.fill(std::numeric_limits<float>::quiet_NaN());
  return none;
}

std::int64_t key(std::int64_t i, std::int64_t j, std::int64_t k = 0) { return (i + (1 << 20)) << 42 | (j + (1 << 20)) << 21 | (k + (1 << 20)); }

/// The trailing "-<int>" numbers of an id: "g4-12-7" → prefix "g4", {12, 7}.
bool latticeIndices(const std::string& id, int count, std::string& prefix, std::int64_t (&out)[3]) {
  std::size_t end = id.size();
  for (int n = count - 1; n >= 0; --n) {
    const std::size_t dash = id.rfind('-', end - 1);
    if (dash == std::string::npos || dash + 1 >= end || end - dash > 8) return false;
    std::int64_t v = 0;
    for (std::size_t c = dash + 1; c < end; ++c) {
      if (id[c] < '0' || id[c] > '9') return false;
      v = v * 10 + (id[c] - '0');
    }
    out[n] = v;
    end = dash;
    if (end == 0) return false;
  }
  prefix = id.substr(0, end);
  return true;
}

/// A regular lattice of one grid height or of the volume: receivers by their indices, and the
/// affine map from indices to coordinates (from the extreme receivers of each axis).
struct Lattice {
  int dims = 2;
  std::unordered_map<std::int64_t, std::uint32_t> at;
  double origin[3] = {0, 0, 0}, step[3] = {0, 0, 0};
  std::int64_t lo[3] = {std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::max()};
  std::int64_t hi[3] = {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::min()};
  double coordLo[3] = {0, 0, 0}, coordHi[3] = {0, 0, 0};
  double meanZ = 0;
  bool usable = false;
};

}  // namespace

struct ReceiverIndex::Data {
  std::vector<std::string> ids, kinds;
  std::vector<std::array<double, 3>> position;
  std::vector<std::array<double, 6>> levels;
  std::vector<std::array<float, 24>> hourly;  ///< per receiver where the version has hourly levels, else empty
  std::unordered_map<std::int64_t, std::vector<std::uint32_t>> cells;
  std::map<std::string, Lattice> grids;  ///< by height prefix ("g4")
  std::map<std::string, std::vector<std::pair<std::array<std::int64_t, 2>, std::uint32_t>>> sections;  ///< by name: (i, k) → receiver
  Lattice volume;

  void addToLattice(Lattice& l, std::uint32_t r, const std::int64_t (&ijk)[3]) {
    l.at[key(ijk[0], ijk[1], l.dims == 3 ? ijk[2] : 0)] = r;
    for (int a = 0; a < l.dims; ++a) {
      const double c = position[r][static_cast<std::size_t>(a)];
      if (ijk[a] < l.lo[a]) l.lo[a] = ijk[a], l.coordLo[a] = c;
      if (ijk[a] > l.hi[a]) l.hi[a] = ijk[a], l.coordHi[a] = c;
    }
    l.meanZ += position[r][2];
  }

  static void finish(Lattice& l) {
    if (l.at.empty()) return;
    l.meanZ /= static_cast<double>(l.at.size());
    l.usable = true;
    for (int a = 0; a < l.dims; ++a) {
      if (l.hi[a] == l.lo[a]) {
        l.usable = false;  // one row only: no cell to interpolate in
        continue;
      }
      l.step[a] = (l.coordHi[a] - l.coordLo[a]) / static_cast<double>(l.hi[a] - l.lo[a]);
      l.origin[a] = l.coordLo[a] - l.step[a] * static_cast<double>(l.lo[a]);
      if (!(std::abs(l.step[a]) > 1e-6)) l.usable = false;
    }
  }
};

ReceiverIndex::ReceiverIndex(const MapStore& store, std::int64_t version) : d_(std::make_unique<Data>()) {
  Data& d = *d_;
  store.forEachReceiver(version, [&](const StoredReceiver& r) {
    const auto n = static_cast<std::uint32_t>(d.ids.size());
    d.ids.push_back(r.id);
    d.kinds.push_back(r.kind);
    d.position.push_back({r.x, r.y, r.z});
    d.levels.push_back({r.levels[0], r.levels[1], r.levels[2], r.levels[3], r.levels[4], r.levels[5]});
    if (r.hourly.size() == 24) {
      d.hourly.resize(n, noHours());  // the receivers before it had none
      d.hourly.emplace_back();
      for (std::size_t h = 0; h < 24; ++h) d.hourly.back()[h] = static_cast<float>(r.hourly[h]);
    }
    d.cells[key(static_cast<std::int64_t>(std::floor(r.x / kCell)), static_cast<std::int64_t>(std::floor(r.y / kCell)))].push_back(n);
    std::string prefix;
    std::int64_t ijk[3] = {0, 0, 0};
    if (r.kind == "grid" && latticeIndices(r.id, 2, prefix, ijk)) d.addToLattice(d.grids[prefix], n, ijk);
    if (r.kind == "section" && latticeIndices(r.id, 2, prefix, ijk)) d.sections[prefix].push_back({{ijk[0], ijk[1]}, n});
    if (r.kind == "volume" && latticeIndices(r.id, 3, prefix, ijk)) {
      d.volume.dims = 3;
      d.addToLattice(d.volume, n, ijk);
    }
  });
  if (!d.hourly.empty()) d.hourly.resize(d.ids.size(), noHours());
  for (auto& [name, l] : d.grids) Data::finish(l);
  Data::finish(d.volume);
}

ReceiverIndex::~ReceiverIndex() = default;

double PointLevel::indicator(int which) const {
  if (which >= 0 && which < 6) return levels[static_cast<std::size_t>(which)];
  const auto h = static_cast<std::size_t>(which - 6);
  return which >= 6 && h < hourly.size() ? hourly[h] : std::nan("");
}

std::size_t ReceiverIndex::size() const { return d_->ids.size(); }

namespace {

/// Interpolates a lattice at `p`: the corners of the cell holding it, their weights; false when a
/// corner is missing (inside a building, under the terrain, outside).
bool interpolate(const ReceiverIndex::Data& d, const Lattice& l, const double (&p)[3], PointLevel& out) {
  if (!l.usable) return false;
  std::int64_t base[3] = {0, 0, 0};
  double t[3] = {0, 0, 0};
  for (int a = 0; a < l.dims; ++a) {
    const double u = (p[a] - l.origin[a]) / l.step[a];
    base[a] = static_cast<std::int64_t>(std::floor(u));
    if (base[a] == l.hi[a] && u - static_cast<double>(base[a]) < 1e-9) --base[a];  // on the last row
    t[a] = u - static_cast<double>(base[a]);
    if (base[a] < l.lo[a] || base[a] + 1 > l.hi[a]) return false;
  }
  out.levels.fill(0.0);
  out.hourly.assign(d.hourly.empty() ? 0 : 24, 0.0);
  out.x = out.y = out.z = 0;
  out.corners.clear();
  const int corners = 1 << l.dims;
  for (int c = 0; c < corners; ++c) {
    double w = 1;
    std::int64_t idx[3] = {base[0], base[1], base[2]};
    for (int a = 0; a < l.dims; ++a) {
      const bool upper = (c >> a) & 1;
      idx[a] += upper;
      w *= upper ? t[a] : 1 - t[a];
    }
    const auto it = l.at.find(key(idx[0], idx[1], l.dims == 3 ? idx[2] : 0));
    if (it == l.at.end()) return false;
    const std::uint32_t r = it->second;
    out.corners.push_back(d.ids[r]);
    for (std::size_t k = 0; k < 6; ++k) out.levels[k] += w * d.levels[r][k];  // NaN stays NaN
    for (std::size_t h = 0; h < out.hourly.size(); ++h) out.hourly[h] += w * d.hourly[r][h];
    out.x += w * d.position[r][0], out.y += w * d.position[r][1], out.z += w * d.position[r][2];
  }
  return true;
}

}  // namespace

std::optional<PointLevel> ReceiverIndex::levelAt(double x, double y, double z, double tolerance) const {
  const Data& d = *d_;
  PointLevel out;
  double best = tolerance;
  std::int64_t bestIndex = -1;
  const auto reach = static_cast<std::int64_t>(std::ceil(tolerance / kCell));
  const auto ci = static_cast<std::int64_t>(std::floor(x / kCell)), cj = static_cast<std::int64_t>(std::floor(y / kCell));
  for (std::int64_t i = ci - reach; i <= ci + reach; ++i)
    for (std::int64_t j = cj - reach; j <= cj + reach; ++j) {
      const auto it = d.cells.find(key(i, j));
      if (it == d.cells.end()) continue;
      for (std::uint32_t r : it->second) {
        const auto& p = d.position[r];
        const double dist = std::hypot(p[0] - x, p[1] - y, p[2] - z);
        if (dist < best || (dist == best && bestIndex >= 0 && d.ids[r] < d.ids[static_cast<std::size_t>(bestIndex)])) best = dist, bestIndex = r;
      }
    }
  if (bestIndex >= 0) {
    const auto r = static_cast<std::size_t>(bestIndex);
    out.method = "nearest receiver";
    out.receiver = d.ids[r], out.kind = d.kinds[r], out.distance = best;
    out.x = d.position[r][0], out.y = d.position[r][1], out.z = d.position[r][2];
    out.levels = d.levels[r];
    if (!d.hourly.empty()) out.hourly.assign(d.hourly[r].begin(), d.hourly[r].end());
    return out;
  }
  const double p[3] = {x, y, z};
  if (interpolate(d, d.volume, p, out)) {
    out.method = "volume interpolation";
    return out;
  }
  return gridLevelAt(x, y, z);
}

std::optional<PointLevel> ReceiverIndex::gridLevelAt(double x, double y, double z) const {
  const Data& d = *d_;
  const Lattice* nearestGrid = nullptr;  // the grid height nearest the asked altitude
  for (const auto& [name, l] : d.grids)
    if (l.usable && (!nearestGrid || std::abs(l.meanZ - z) < std::abs(nearestGrid->meanZ - z))) nearestGrid = &l;
  PointLevel out;
  const double p[3] = {x, y, z};
  if (nearestGrid && interpolate(d, *nearestGrid, p, out)) {
    out.method = "grid interpolation";
    return out;
  }
  return std::nullopt;
}

namespace {

/// A receiver's level of an indicator numbered as PointLevel::indicator.
double levelOf(const ReceiverIndex::Data& d, std::uint32_t r, int which) {
  if (which >= 0 && which < 6) return d.levels[r][static_cast<std::size_t>(which)];
  return which >= 6 && which < 30 && !d.hourly.empty() ? d.hourly[r][static_cast<std::size_t>(which - 6)] : std::nan("");
}

}  // namespace

int indicatorNumber(const std::string& name) {
  const char* names[6] = {"Lday", "Levening", "Lnight", "Lden", "Ld", "Ln"};
  for (int k = 0; k < 6; ++k)
    if (name == names[k]) return k;
  if (name.size() == 3 && name[0] == 'h' && std::isdigit(static_cast<unsigned char>(name[1])) && std::isdigit(static_cast<unsigned char>(name[2]))) {
    const int h = (name[1] - '0') * 10 + (name[2] - '0');
    if (h < 24) return 6 + h;
  }
  throw InputError("--indicator", name, "expected Lday, Levening, Lnight, Lden, Ld, Ln or an hour h00 … h23");
}

std::map<std::string, std::vector<SectionPoint>> ReceiverIndex::sections(int indicator) const {
  std::map<std::string, std::vector<SectionPoint>> out;
  for (auto [name, points] : d_->sections) {
    std::sort(points.begin(), points.end());
    auto& list = out[name];
    for (const auto& [ik, r] : points) {
      const auto& p = d_->position[r];
      list.push_back({ik[0], ik[1], p[0], p[1], p[2], levelOf(*d_, r, indicator)});
    }
  }
  return out;
}

std::optional<VolumeRange> ReceiverIndex::volumeRange() const {
  const Lattice& l = d_->volume;
  if (!l.usable) return std::nullopt;
  return VolumeRange{l.coordLo[2], l.coordHi[2], l.step[2]};
}

std::optional<VolumeSlice> ReceiverIndex::volumeSlice(double altitude, int indicator) const {
  const Lattice& l = d_->volume;
  const auto range = volumeRange();
  if (!range || !(altitude >= range->zMin - 1e-9 && altitude <= range->zMax + 1e-9)) return std::nullopt;
  VolumeSlice s;
  s.altitude = altitude;
  s.nx = l.hi[0] - l.lo[0] + 1, s.ny = l.hi[1] - l.lo[1] + 1;
  s.dx = l.step[0], s.dy = l.step[1];
  s.x0 = l.origin[0] + l.step[0] * static_cast<double>(l.lo[0]), s.y0 = l.origin[1] + l.step[1] * static_cast<double>(l.lo[1]);
  s.levels.assign(static_cast<std::size_t>(s.nx * s.ny), kNaN);
  // Each column on its own (the plane passes through the lattice's columns): linear in z between
  // the layers k and k + 1 around the altitude, in dB as the point query interpolates.
  const double u = (altitude - l.origin[2]) / l.step[2];
  auto k = static_cast<std::int64_t>(std::floor(u));
  k = std::clamp(k, l.lo[2], l.hi[2] - 1);  // the top layer belongs to the cell below it
  const double t = u - static_cast<double>(k);
  for (std::int64_t j = 0; j < s.ny; ++j)
    for (std::int64_t i = 0; i < s.nx; ++i) {
      const auto below = l.at.find(key(l.lo[0] + i, l.lo[1] + j, k)), above = l.at.find(key(l.lo[0] + i, l.lo[1] + j, k + 1));
      if (below == l.at.end() || above == l.at.end()) continue;
      s.levels[static_cast<std::size_t>(j * s.nx + i)] = (1 - t) * levelOf(*d_, below->second, indicator) + t * levelOf(*d_, above->second, indicator);
    }
  return s;
}

}  // namespace citynoise::io
