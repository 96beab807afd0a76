#pragma once
// What a triangle of the city belongs to. One definition for the scene, the writers (city.vtp's
// `kind` cell array, the glTF colours) and the viewer: the values are written into files, so
// they are fixed.

#include <cstdint>

namespace citynoise {

enum class SurfaceKind : std::uint8_t {
  Terrain = 0,
  Facade = 1,    ///< a building's wall
  Roof = 2,
  Wall = 3,      ///< a free-standing barrier or wall
  Structure = 4  ///< a mesh obstacle: viaduct, deck, bridge
};

/// A building's surface (façade or roof), coloured by the building's level in the outputs.
constexpr bool isBuildingSurface(SurfaceKind k) { return k == SurfaceKind::Facade || k == SurfaceKind::Roof; }

/// The value city.vtp stores in its `kind` array.
constexpr int fileCode(SurfaceKind k) { return static_cast<int>(k); }

const char* toString(SurfaceKind k);

}  // namespace citynoise
