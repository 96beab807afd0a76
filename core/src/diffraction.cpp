#include <citynoise/core/diffraction.hpp>

#include <algorithm>
#include <cmath>

namespace citynoise {

double multipleEdgeFactor(double wavelength, double edgeSpan) {
  if (edgeSpan <= kSingleEdgeSpan) return 1.0;
  const double q = 5.0 * wavelength / edgeSpan;
  const double q2 = q * q;
  return (1.0 + q2) / (1.0 / 3.0 + q2);
}

double deltaDif(double pathDifference, double wavelength, double cDoublePrime) {
  const double x = 40.0 / wavelength * cDoublePrime * pathDifference;
  if (x < -2.0) return 0.0;
  return 10.0 * std::log10(3.0 + x);
}

BandArray deltaDif(double pathDifference, double edgeSpan) {
  BandArray out{};
  for (std::size_t i = 0; i < kBandCount; ++i)
    out[i] = deltaDif(pathDifference, kWavelengths[i], multipleEdgeFactor(kWavelengths[i], edgeSpan));
  return out;
}

double deltaGround(double aGround, double deltaDifImage, double deltaDifDirect) {
  return -20.0 * std::log10(1.0 + (std::pow(10.0, -aGround / 20.0) - 1.0) *
                                      std::pow(10.0, -(deltaDifImage - deltaDifDirect) / 20.0));
}

double curvedRayRadius(double distance) { return std::max(1000.0, 8.0 * distance); }

double arcLength(double chord, double radius) {
  return 2.0 * radius * std::asin(std::min(1.0, chord / (2.0 * radius)));
}

double favourablePassingDifference(const Point2& a, const Point2& b, const Point2& o, double radius) {
  auto arc = [radius](const Point2& u, const Point2& v) { return arcLength(distance(u, v), radius); };
  const Point2 c{o.s, a.z + (o.s - a.s) / (b.s - a.s) * (b.z - a.z)};
  if (o.z >= c.z) return arc(a, o) + arc(o, b) - arc(a, b);
  return 2.0 * arc(a, c) + 2.0 * arc(c, b) - arc(a, o) - arc(o, b) - arc(a, b);
}

}  // namespace citynoise
