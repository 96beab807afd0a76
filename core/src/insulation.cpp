#include <citynoise/core/insulation.hpp>

#include <cmath>

namespace citynoise {

double facadeLevelDifference(const FacadeInsulation& f) {
  return f.rwCtr + f.shapeTerm + 10.0 * std::log10(f.roomVolume / (6.0 * kReferenceReverberation * f.facadeArea));
}

double indoorLevel(double outdoor, const FacadeInsulation& f, bool includesFacadeReflection) {
  const double l2m = includesFacadeReflection ? outdoor : outdoor + 3.0;  // pressure doubling at the façade, energy +3 dB
  return l2m - facadeLevelDifference(f);
}

}  // namespace citynoise
