// The version's CRS on the WGS 84 ellipsoid (see earth_frame.hpp).
#include "earth_frame.hpp"

#include <citynoise/core/error.hpp>

#include "../gdal_support.hpp"

#include <citynoise/io/tiles.hpp>

#include <cmath>
#include <limits>
#include <mutex>

namespace citynoise::io::tiles {
namespace {

constexpr double kA = 6378137.0;               // WGS 84 semi-major axis, m
constexpr double kF = 1.0 / 298.257223563;     // flattening
constexpr double kE2 = kF * (2.0 - kF);        // first eccentricity squared
constexpr double kDegree = 3.14159265358979323846 / 180.0;

}  // namespace

std::array<double, 3> ecefOf(const Geodetic& g) {
  const double s = std::sin(g.lat), c = std::cos(g.lat);
  const double n = kA / std::sqrt(1.0 - kE2 * s * s);
  return {(n + g.h) * c * std::cos(g.lon), (n + g.h) * c * std::sin(g.lon), (n * (1.0 - kE2) + g.h) * s};
}

struct EarthFrame::Impl {
  gdal::Srs source, target;
  gdal::Transform transform;
};

EarthFrame::EarthFrame(const std::string& crs, double x0, double y0, double z0) : EarthFrame(crs) {
  origin_ = geodetic({x0, y0, z0}).at(0);
  originEcef_ = ecefOf(origin_);
}

EarthFrame::EarthFrame(const std::string& crs) : impl_(std::make_unique<Impl>()) {
  gdal::ensureGdal();
  impl_->source = gdal::srsFromUserInput(crs);
  impl_->target = gdal::srsFromUserInput("EPSG:4979");
  if (!impl_->source || !impl_->target)
    throw InputError(crs, "crs", "not a coordinate reference system PROJ knows: 3D Tiles need the version's place on the Earth");
  impl_->transform.reset(OCTNewCoordinateTransformation(impl_->source.get(), impl_->target.get()));
  if (!impl_->transform) throw InputError(crs, "crs", "no transformation to WGS 84");
}

EarthFrame::~EarthFrame() = default;

std::vector<Geodetic> EarthFrame::geodetic(const std::vector<double>& xyz) const {
  const std::size_t n = xyz.size() / 3;
  std::vector<double> x(n), y(n), z(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = xyz[3 * i], y[i] = xyz[3 * i + 1], z[i] = xyz[3 * i + 2];
  std::vector<int> ok(n, 0);
  if (n > 0 && !OCTTransformEx(impl_->transform.get(), static_cast<int>(n), x.data(), y.data(), z.data(), ok.data()))
    throw InputError("crs", "", "PROJ could not place the city's points on the Earth");
  std::vector<Geodetic> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!ok[i]) throw InputError("crs", "", "a point of the city lies outside its CRS's area");
    out[i] = {x[i] * kDegree, y[i] * kDegree, z[i]};  // EPSG:4979 in GIS order (srsFromUserInput): lon, lat, h
  }
  return out;
}

std::array<double, 3> EarthFrame::local(const Geodetic& g) const {
  const auto p = ecefOf(g);
  const double dx = p[0] - originEcef_[0], dy = p[1] - originEcef_[1], dz = p[2] - originEcef_[2];
  const double sl = std::sin(origin_.lon), cl = std::cos(origin_.lon), sp = std::sin(origin_.lat), cp = std::cos(origin_.lat);
  return {-sl * dx + cl * dy, -sp * cl * dx - sp * sl * dy + cp * dz, cp * cl * dx + cp * sl * dy + sp * dz};
}

std::array<double, 16> EarthFrame::toEcef() const {
  const double sl = std::sin(origin_.lon), cl = std::cos(origin_.lon), sp = std::sin(origin_.lat), cp = std::cos(origin_.lat);
  return {-sl, cl, 0, 0,                 // east
          -sp * cl, -sp * sl, cp, 0,     // north
          cp * cl, cp * sl, sp, 0,       // up
          originEcef_[0], originEcef_[1], originEcef_[2], 1};
}

}  // namespace citynoise::io::tiles

namespace citynoise::io {

struct LonLatConverter::Impl {
  std::unique_ptr<tiles::EarthFrame> frame;  // null for a CRS PROJ does not know
  std::mutex mutex;                          // an OGR transformation is not to be used by two threads at once
  explicit Impl(const std::string& crs) {
    try {
      frame = std::make_unique<tiles::EarthFrame>(crs);
    } catch (const InputError&) {
    }
  }
};

LonLatConverter::LonLatConverter(const std::string& crs) : impl_(std::make_unique<Impl>(crs)) {}
LonLatConverter::~LonLatConverter() = default;

bool LonLatConverter::known() const { return impl_->frame != nullptr; }

std::array<double, 2> LonLatConverter::operator()(double x, double y) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  try {
    if (!impl_->frame) throw InputError("crs", "", "unknown");
    const tiles::Geodetic g = impl_->frame->geodetic({x, y, 0.0}).at(0);
    return {g.lon / tiles::kDegree, g.lat / tiles::kDegree};
  } catch (const InputError&) {
    return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  }
}

}  // namespace citynoise::io
