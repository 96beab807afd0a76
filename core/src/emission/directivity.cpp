#include <citynoise/core/emission/directivity.hpp>

#include <citynoise/core/decibel.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace citynoise::emission {

Directivity Directivity::piston(double radiusM, double rearDb) {
  if (!(radiusM > 0.0)) throw std::invalid_argument("loudspeaker radius must be positive");
  Directivity d;
  d.kind_ = Kind::Piston;
  d.radius_ = radiusM;
  d.rear_ = rearDb;
  d.normalise();
  return d;
}

Directivity Directivity::table(std::vector<double> anglesDeg, std::vector<BandArray> levels) {
  if (anglesDeg.size() < 2 || anglesDeg.size() != levels.size())
    throw std::invalid_argument("a directivity table needs at least two angles, each with 8 band levels");
  for (std::size_t i = 1; i < anglesDeg.size(); ++i)
    if (!(anglesDeg[i] > anglesDeg[i - 1])) throw std::invalid_argument("directivity angles must increase");
  if (anglesDeg.front() < 0.0 || anglesDeg.back() > 180.0) throw std::invalid_argument("directivity angles must lie in 0…180°");
  Directivity d;
  d.kind_ = Kind::Table;
  d.angles_ = std::move(anglesDeg);
  d.levels_ = std::move(levels);
  d.normalise();
  return d;
}

BandArray Directivity::raw(double angle) const {
  BandArray out{};
  if (kind_ == Kind::Piston) {
    for (std::size_t i = 0; i < kBandCount; ++i) {
      if (angle > std::numbers::pi / 2) {
        out[i] = rear_;
        continue;
      }
      const double x = 2.0 * std::numbers::pi * kNominalFrequencies[i] / kSoundSpeed * radius_ * std::sin(angle);
      const double p = x < 1e-6 ? 1.0 : 2.0 * std::cyl_bessel_j(1.0, x) / x;
      out[i] = std::max(10.0 * std::log10(std::max(p * p, 1e-30)), rear_);
    }
  } else if (kind_ == Kind::Table) {
    const double deg = std::clamp(angle * 180.0 / std::numbers::pi, angles_.front(), angles_.back());
    std::size_t k = 0;
    while (k + 2 < angles_.size() && angles_[k + 1] < deg) ++k;
    const double t = (deg - angles_[k]) / (angles_[k + 1] - angles_[k]);
    for (std::size_t i = 0; i < kBandCount; ++i) out[i] = levels_[k][i] + t * (levels_[k + 1][i] - levels_[k][i]);
  }
  return out;
}

void Directivity::normalise() {
  // Mean over the sphere of an axisymmetric pattern: ½∫₀^π 10^(D(θ)/10) sin θ dθ (midpoint rule).
  constexpr int steps = 720;
  BandArray mean{};
  for (int k = 0; k < steps; ++k) {
    const double theta = (k + 0.5) * std::numbers::pi / steps;
    const BandArray d = raw(theta);
    for (std::size_t i = 0; i < kBandCount; ++i) mean[i] += dbToEnergy(d[i]) * std::sin(theta) * std::numbers::pi / steps / 2.0;
  }
  for (std::size_t i = 0; i < kBandCount; ++i) offset_[i] = -energyToDb(mean[i]);
}

BandArray Directivity::correction(double angleRad) const {
  if (kind_ == Kind::Omni) return BandArray{};
  return raw(angleRad) + offset_;
}

BandArray Directivity::correction(const Vec3& axis, const Vec3& direction) const {
  if (kind_ == Kind::Omni) return BandArray{};
  const double la = length(axis), ld = length(direction);
  const double c = (la > 0.0 && ld > 0.0) ? std::clamp(dot(axis, direction) / (la * ld), -1.0, 1.0) : 1.0;
  return correction(std::acos(c));
}

}  // namespace citynoise::emission
