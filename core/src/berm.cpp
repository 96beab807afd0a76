#include <citynoise/core/scene_description.hpp>

namespace citynoise {

std::array<Vec2, 4> bermOutline(const Berm& berm, double width) {
  const Vec2 d = berm.b - berm.a;
  const Vec2 u = d * (1.0 / length(d)), n{-u.y, u.x};
  const double half = 0.5 * width, run = 0.5 * (width - berm.crestWidth);
  const Vec2 a = berm.a - u * run, b = berm.b + u * run;
  return {a + n * half, b + n * half, b - n * half, a - n * half};
}

}  // namespace citynoise
