#pragma once
// 3D meshes (OBJ, glTF/GLB, PLY, FBX, … anything Assimp reads) of structures footprints cannot
// describe: viaducts, elevated tracks, bridge decks. Node transforms are applied; every mesh of
// the file goes into one obstacle.

#include <citynoise/core/scene_description.hpp>

#include <filesystem>
#include <string>

namespace citynoise::io {

struct MeshImport {
  std::string id;           ///< the obstacle's id (default: the file name without extension)
  bool yUp = false;         ///< the file's up axis is +y (glTF's convention): (x, y, z) → (x, −z, y)
  double scale = 1.0;       ///< file units to metres
  Vec3 offset{};            ///< added after scaling and axis conversion (a local origin)
};

/// Reads a mesh file into an obstacle with absolute coordinates in the scenario's CRS. Throws
/// InputError(file, id, …) when the file cannot be read or holds no triangles.
MeshObstacle readMesh(const std::filesystem::path& file, const MeshImport& options);

/// Whether the format's convention is y up (glTF).
bool isYUpFormat(const std::filesystem::path& file);

}  // namespace citynoise::io
