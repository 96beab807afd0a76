#include <citynoise/core/ground.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace citynoise {
namespace {

constexpr double kA0 = 2e-4;  // a_0 of the favourable height correction, 1/m

struct BandPowers {
  BandArray f25{}, f15{}, f075{}, k{};
};
const BandPowers& bandPowers() {
  static const BandPowers p = [] {
    BandPowers b;
    for (std::size_t i = 0; i < kBandCount; ++i) {
      const double f = kNominalFrequencies[i];
      b.f25[i] = std::pow(f, 2.5);
      b.f15[i] = std::pow(f, 1.5);
      b.f075[i] = std::pow(f, 0.75);
      b.k[i] = 2.0 * std::numbers::pi * f / kSoundSpeed;
    }
    return b;
  }();
  return p;
}

/// −10 lg[(4k²/d_p²)(z_s² − √(2C_f/k) z_s + C_f/k)(z_r² − √(2C_f/k) z_r + C_f/k)]
double groundFormula(double k, double cf, double zs, double zr, double dp) {
  const double a = std::sqrt(2.0 * cf / k);
  const double c = cf / k;
  const double termS = zs * zs - a * zs + c;
  const double termR = zr * zr - a * zr + c;
  return -10.0 * std::log10(4.0 * k * k / (dp * dp) * termS * termR);
}

}  // namespace

double groundFactorPrime(const GroundGeometry& g) {
  const double limit = 30.0 * (g.zs + g.zr);
  if (g.dp <= limit && limit > 0.0) {
    const double share = g.dp / limit;
    return g.gPath * share + g.gSource * (1.0 - share);
  }
  return g.gPath;
}

BandArray groundW(double gw) {
  const BandPowers& p = bandPowers();
  const double g26 = std::pow(gw, 2.6);
  const double g13 = std::pow(gw, 1.3);
  BandArray w{};
  for (std::size_t i = 0; i < kBandCount; ++i)
    w[i] = 0.0185 * p.f25[i] * g26 / (p.f15[i] * g26 + 1.3e3 * p.f075[i] * g13 + 1.16e6);
  return w;
}

double groundCf(double w, double dp) {
  const double wd = w * dp;
  return dp * (1.0 + 3.0 * wd * std::exp(-std::sqrt(wd))) / (1.0 + wd);
}

GroundTerms groundAttenuation(const GroundGeometry& given, Condition condition) {
  // An end point below the mean plane (a diffraction edge under the plane of the ground behind
  // it, a source in a cutting) stands on it: height 0 (the reference software's convention).
  GroundGeometry g = given;
  g.zs = std::max(0.0, g.zs);
  g.zr = std::max(0.0, g.zr);
  const BandPowers& p = bandPowers();
  const double gPrime = groundFactorPrime(g);
  const bool favourable = condition == Condition::Favourable;
  const double gw = favourable ? g.gPath : gPrime;
  const double gm = gPrime;

  GroundTerms out;
  out.w = groundW(gw);
  for (std::size_t i = 0; i < kBandCount; ++i) out.cf[i] = groundCf(out.w[i], g.dp);

  double zs = g.zs, zr = g.zr, bound = -3.0 * (1.0 - gm);
  if (favourable) {
    // Both end points on the mean plane would divide by zero; a floor of 1 mm keeps the correction
    // finite and changes nothing measurable elsewhere.
    const double sum = std::max(g.zs + g.zr, 1e-3);
    const double ratioS = g.zs / sum, ratioR = g.zr / sum;
    const double dzT = 6e-3 * g.dp / sum;
    zs = g.zs + kA0 * ratioS * ratioS * g.dp * g.dp / 2.0 + dzT;
    zr = g.zr + kA0 * ratioR * ratioR * g.dp * g.dp / 2.0 + dzT;
    if (g.dp > 30.0 * sum) bound *= 1.0 + 2.0 * (1.0 - 30.0 * sum / g.dp);
  }
  if (g.gPath == 0.0) {
    out.aGround = filled(favourable ? bound : -3.0);
    return out;
  }
  for (std::size_t i = 0; i < kBandCount; ++i)
    out.aGround[i] = std::max(groundFormula(p.k[i], out.cf[i], zs, zr, g.dp), bound);
  return out;
}

}  // namespace citynoise
