// Mesh import through Assimp (the only reader of 3D model files).
#include <citynoise/io/mesh_reader.hpp>

#include <citynoise/core/error.hpp>

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <algorithm>
#include <cctype>

namespace citynoise::io {

bool isYUpFormat(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".gltf" || ext == ".glb";
}

MeshObstacle readMesh(const std::filesystem::path& file, const MeshImport& options) {
  MeshObstacle out;
  out.id = options.id.empty() ? file.stem().string() : options.id;
  out.source = file.string();
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) throw InputError(out.source, out.id, "no such file");
  Assimp::Importer importer;
  // Pre-transformed vertices: node transforms applied, every mesh in world coordinates.
  const aiScene* scene = importer.ReadFile(file.string(), aiProcess_Triangulate | aiProcess_JoinIdenticalVertices |
                                                              aiProcess_PreTransformVertices | aiProcess_SortByPType);
  if (!scene || !scene->mRootNode) throw InputError(out.source, out.id, std::string("cannot read the mesh: ") + importer.GetErrorString());
  for (unsigned m = 0; m < scene->mNumMeshes; ++m) {
    const aiMesh* mesh = scene->mMeshes[m];
    if (!(mesh->mPrimitiveTypes & aiPrimitiveType_TRIANGLE)) continue;  // points and lines screen nothing
    const auto first = static_cast<std::uint32_t>(out.vertices.size());
    for (unsigned v = 0; v < mesh->mNumVertices; ++v) {
      const aiVector3D& p = mesh->mVertices[v];
      Vec3 q{p.x, p.y, p.z};
      if (options.yUp) q = {p.x, -p.z, p.y};
      out.vertices.push_back(q * options.scale + options.offset);
    }
    for (unsigned f = 0; f < mesh->mNumFaces; ++f) {
      const aiFace& face = mesh->mFaces[f];
      if (face.mNumIndices != 3) continue;
      out.triangles.push_back({first + face.mIndices[0], first + face.mIndices[1], first + face.mIndices[2]});
    }
  }
  if (out.triangles.empty()) throw InputError(out.source, out.id, "the file holds no triangles");
  return out;
}

}  // namespace citynoise::io
