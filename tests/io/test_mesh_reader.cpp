// Mesh import (Assimp): coordinates, axis conversion, offset, and bad files.
#include <citynoise/core/error.hpp>
#include <citynoise/io/mesh_reader.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace citynoise;

namespace {
// A 10 × 2 m deck slab, 1 m thick, its top at z = 3 in the file's frame (z up).
const char* kSlab = R"(o deck
v 0 0 2
v 10 0 2
v 10 2 2
v 0 2 2
v 0 0 3
v 10 0 3
v 10 2 3
v 0 2 3
f 1 3 2
f 1 4 3
f 5 6 7
f 5 7 8
f 1 2 6
f 1 6 5
f 2 3 7
f 2 7 6
f 3 4 8
f 3 8 7
f 4 1 5
f 4 5 8
)";
}  // namespace

TEST_CASE("An OBJ mesh is read with its triangles, scaled, offset and turned to z up when asked", "[io][mesh]") {
  const test::TempFile obj("deck.obj", kSlab);
  io::MeshImport options;
  options.offset = {650000, 3270000, 200};
  const MeshObstacle m = io::readMesh(obj.path(), options);
  CHECK(m.id == "deck");
  CHECK(m.triangles.size() == 12);
  CHECK(m.source == obj.path().string());
  double top = -1e9, maxX = -1e9;
  for (const Vec3& v : m.vertices) top = std::max(top, v.z), maxX = std::max(maxX, v.x);
  CHECK(top == Approx(203.0));
  CHECK(maxX == Approx(650010.0));
  // The same file read as y up: the file's y (0..2) becomes the height, its z (2..3) goes to −y.
  options.yUp = true;
  options.scale = 2.0;
  const MeshObstacle turned = io::readMesh(obj.path(), options);
  double zMax = -1e9, yMin = 1e9;
  for (const Vec3& v : turned.vertices) zMax = std::max(zMax, v.z), yMin = std::min(yMin, v.y);
  CHECK(zMax == Approx(200.0 + 2.0 * 2.0));
  CHECK(yMin == Approx(3270000.0 - 2.0 * 3.0));
  CHECK(io::isYUpFormat("viaduct.glb"));
  CHECK(io::isYUpFormat("viaduct.GLTF"));
  CHECK_FALSE(io::isYUpFormat("viaduct.obj"));
}

TEST_CASE("Mesh files that cannot be used are refused naming the file and the mesh", "[io][mesh][bad-input]") {
  CHECK_THROWS_WITH(io::readMesh("nowhere.obj", {}), Catch::Contains("nowhere.obj: nowhere: no such file"));
  const test::TempFile lines("lines.obj", "v 0 0 0\nv 1 0 0\nv 1 1 0\nl 1 2\nl 2 3\n");
  CHECK_THROWS_AS(io::readMesh(lines.path(), {}), InputError);
  const test::TempFile garbage("garbage.obj", "this is not a mesh\n\x01\x02\x03");
  CHECK_THROWS_AS(io::readMesh(garbage.path(), {}), InputError);
}
