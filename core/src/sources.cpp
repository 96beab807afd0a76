#include <citynoise/core/sources.hpp>

#include <citynoise/core/decibel.hpp>
#include <citynoise/core/geometry2d.hpp>

#include <cmath>

namespace citynoise {

const char* toString(SourceClass c) {
  static const char* names[] = {"road", "rail", "construction", "square_dance", "commercial"};
  return names[static_cast<std::size_t>(c)];
}

const char* toString(SourceShape s) {
  static const char* names[] = {"point", "line", "area"};
  return names[static_cast<std::size_t>(s)];
}

double planLength(const std::vector<Vec3>& polyline) {
  double l = 0.0;
  for (std::size_t i = 0; i + 1 < polyline.size(); ++i) l += planDistance(polyline[i], polyline[i + 1]);
  return l;
}

double planArea(const std::vector<Vec3>& ring) {
  std::vector<Vec2> r;
  for (const Vec3& p : ring) r.push_back(plan(p));
  return std::abs(signedArea(r));
}

SourceShape reportedShape(const SourceObject& object) {
  if (object.elements.empty()) return SourceShape::Point;
  const SourceShape first = object.elements.front().shape;
  for (const SourceElement& e : object.elements)
    if (e.shape != first) return SourceShape::Point;  // mixed: the object's total power
  return first;
}

BandArray periodEmission(const SourceObject& object, const Period& period) {
  if (object.elements.empty()) return filled(kSilenceDb);
  const SourceShape shape = reportedShape(object);
  BandArray energy{};
  double weight = 0.0;
  for (const SourceElement& e : object.elements) {
    // Each element's size: 1 for a point, its length or area otherwise.
    const double size = e.shape == SourceShape::Line ? planLength(e.geometry) : e.shape == SourceShape::Area ? planArea(e.geometry) : 1.0;
    const BandArray lw = periodSpectrum(e.power, period);
    for (std::size_t i = 0; i < kBandCount; ++i) energy[i] += size * dbToEnergy(lw[i]);
    weight += size;
  }
  if (shape != SourceShape::Point && weight > 0.0)
    for (double& e : energy) e /= weight;
  return energyToDb(energy);
}

}  // namespace citynoise
