#include <citynoise/core/surface_kind.hpp>

namespace citynoise {

const char* toString(SurfaceKind k) {
  switch (k) {
    case SurfaceKind::Terrain: return "terrain";
    case SurfaceKind::Facade: return "facade";
    case SurfaceKind::Roof: return "roof";
    case SurfaceKind::Wall: return "wall";
    case SurfaceKind::Structure: return "structure";
  }
  return "?";
}

}  // namespace citynoise
