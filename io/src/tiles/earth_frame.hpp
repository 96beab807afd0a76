#pragma once
// Where a version's coordinates lie on the Earth, for 3D Tiles (internal to citynoise_io): its
// CRS to WGS 84 longitude, latitude, ellipsoidal height (PROJ through GDAL), then to Earth-centred
// (EPSG:4978) and to a local east-north-up frame at the tileset's origin.
#include <array>
#include <memory>
#include <string>
#include <vector>

namespace citynoise::io::tiles {

struct Geodetic {
  double lon = 0, lat = 0, h = 0;  ///< radians, radians, m
};

/// WGS 84 geodetic → Earth-centred, Earth-fixed (m): X = (N + h) cos φ cos λ, Y = (N + h) cos φ
/// sin λ, Z = (N (1 − e²) + h) sin φ with N = a / √(1 − e² sin² φ).
std::array<double, 3> ecefOf(const Geodetic& g);

class EarthFrame {
 public:
  /// InputError naming `crs` when PROJ does not know it. The local frame's origin is (x0, y0, z0)
  /// of the CRS. Heights are taken as ellipsoidal (the geoid's undulation, tens of metres, only
  /// lifts the whole city).
  EarthFrame(const std::string& crs, double x0, double y0, double z0);
  /// Geodetic coordinates only (the local frame's origin at the Earth's centre).
  explicit EarthFrame(const std::string& crs);
  ~EarthFrame();
  EarthFrame(const EarthFrame&) = delete;
  EarthFrame& operator=(const EarthFrame&) = delete;

  /// x y z triples of the CRS → one Geodetic per point.
  [[nodiscard]] std::vector<Geodetic> geodetic(const std::vector<double>& xyz) const;
  /// A geodetic point in the local frame (east, north, up; m).
  [[nodiscard]] std::array<double, 3> local(const Geodetic& g) const;
  /// The local frame to Earth-centred, a 4×4 matrix in column order (3D Tiles' tile transform).
  [[nodiscard]] std::array<double, 16> toEcef() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  Geodetic origin_;
  std::array<double, 3> originEcef_{};
};

}  // namespace citynoise::io::tiles
