#pragma once
// The level at any point of a stored version: the nearest receiver within a tolerance, or else
// an interpolation in the volume's or the grid's lattice — the answer says which. Built once per
// version from the store (all receivers in memory: ~80 bytes each), then read by any thread.

#include <citynoise/io/store.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace citynoise::io {

struct PointLevel {
  std::string method;        ///< "nearest receiver", "volume interpolation" or "grid interpolation"
  std::string receiver, kind;  ///< the nearest receiver (nearest receiver only)
  double distance = 0;       ///< from the asked point to it, m
  double x = 0, y = 0, z = 0;  ///< where the levels hold (the receiver, or the interpolated point)
  std::array<double, 6> levels{};  ///< Lday, Levening, Lnight, Lden, Ld, Ln (NaN where none)
  std::vector<double> hourly;      ///< LAeq of each hour 0–23 where the version has them, else empty
  /// An indicator by number: 0–5 the levels above, 6 + h the LAeq of hour h (NaN where none).
  [[nodiscard]] double indicator(int which) const;
  std::vector<std::string> corners;  ///< the lattice receivers interpolated between
};

/// An indicator's number as PointLevel::indicator counts them: Lday, Levening, Lnight, Lden, Ld,
/// Ln → 0–5, "h00" … "h23" (the LAeq of an hour) → 6–29. InputError for another name.
int indicatorNumber(const std::string& name);

/// A receiver of a vertical section at its lattice place: `i` along the line, `k` up.
struct SectionPoint {
  std::int64_t i = 0, k = 0;
  double x = 0, y = 0, z = 0;
  double level = 0;  ///< of the asked indicator (NaN where none)
};

/// The volume cut by a horizontal plane: one value per column (i, j) of its lattice, NaN where a
/// corner of the layers around the plane is missing (inside a building, under the terrain).
struct VolumeSlice {
  double altitude = 0;
  double x0 = 0, y0 = 0, dx = 0, dy = 0;  ///< the column (i, j) stands at (x0 + i·dx, y0 + j·dy)
  std::int64_t nx = 0, ny = 0;
  std::vector<double> levels;  ///< of the asked indicator, nx · ny, row j after row j − 1
};

/// The volume's altitudes: its lowest and highest layers and their step (m).
struct VolumeRange {
  double zMin = 0, zMax = 0, dz = 0;
};

class ReceiverIndex {
 public:
  ReceiverIndex(const MapStore& store, std::int64_t version);
  ~ReceiverIndex();
  ReceiverIndex(const ReceiverIndex&) = delete;
  ReceiverIndex& operator=(const ReceiverIndex&) = delete;

  /// The level at (x, y, z) in the version's CRS (z: altitude, m): the nearest receiver within
  /// `tolerance` metres; else trilinear in the volume's lattice where (x, y, z) lies inside one of
  /// its cells; else bilinear in a grid's lattice (the grid whose height is nearest z; the grid's
  /// height above ground holds, not z). Interpolated in dB, as contour maps are. nullopt outside.
  [[nodiscard]] std::optional<PointLevel> levelAt(double x, double y, double z, double tolerance) const;
  /// Only the grid: bilinear at (x, y) in the grid whose height is nearest z; nullopt outside it.
  [[nodiscard]] std::optional<PointLevel> gridLevelAt(double x, double y, double z) const;
  [[nodiscard]] std::size_t size() const;

  /// The vertical sections' receivers by section name (ids "<name>-<i>-<k>"), each by i then k,
  /// with their level of `indicator` (as PointLevel::indicator numbers them).
  [[nodiscard]] std::map<std::string, std::vector<SectionPoint>> sections(int indicator) const;
  /// The volume's layers; nullopt without a volume (or with one layer only).
  [[nodiscard]] std::optional<VolumeRange> volumeRange() const;
  /// The volume at `altitude`, linear in dB between the two layers around it (as levelAt);
  /// nullopt without a volume or outside its altitudes.
  [[nodiscard]] std::optional<VolumeSlice> volumeSlice(double altitude, int indicator) const;

  struct Data;  ///< opaque (receiver_index.cpp)

 private:
  std::unique_ptr<Data> d_;
};

}  // namespace citynoise::io
