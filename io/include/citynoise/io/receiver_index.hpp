#pragma once
// The level at any point of a stored version: the nearest receiver within a tolerance, or else
// an interpolation in the volume's or the grid's lattice — the answer says which. Built once per
// version from the store (all receivers in memory: ~80 bytes each), then read by any thread.

#include <citynoise/io/store.hpp>

#include <array>
#include <cstdint>
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
  std::vector<std::string> corners;  ///< the lattice receivers interpolated between
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

  struct Data;  ///< opaque (receiver_index.cpp)

 private:
  std::unique_ptr<Data> d_;
};

}  // namespace citynoise::io
