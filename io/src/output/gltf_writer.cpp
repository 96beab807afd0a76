// city.glb: the city (terrain and buildings) as a glTF 2.0 binary through Assimp, buildings
// coloured by the class of their highest façade Lden, for any 3D viewer or web page.
#include <citynoise/io/run_outputs.hpp>

#include <assimp/Exporter.hpp>
#include <assimp/scene.h>

#include <cmath>
#include <stdexcept>
#include <unistd.h>

namespace citynoise::io {

void writeGltf(const std::filesystem::path& file, const RunData& run) {
  std::vector<float> maxLden(run.buildings.size(), NAN);
  for (const BuildingAssessment& a : run.summary.buildings) maxLden[static_cast<std::size_t>(a.building)] = a.maxLevel[Lden];
  // Local origin (glTF floats), y up: (x, z, −y).
  Vec3 origin{0, 0, 0};
  for (const Vec3& v : run.city.vertices) origin = origin + v * (1.0 / static_cast<double>(run.city.vertices.size()));

  auto scene = std::make_unique<aiScene>();
  scene->mRootNode = new aiNode();
  scene->mMaterials = new aiMaterial*[1];
  scene->mMaterials[0] = new aiMaterial();
  scene->mNumMaterials = 1;
  scene->mMeshes = new aiMesh*[1];
  scene->mNumMeshes = 1;
  aiMesh* mesh = new aiMesh();
  scene->mMeshes[0] = mesh;
  mesh->mMaterialIndex = 0;
  mesh->mPrimitiveTypes = aiPrimitiveType_TRIANGLE;
  scene->mRootNode->mMeshes = new unsigned[1]{0};
  scene->mRootNode->mNumMeshes = 1;
  // Unshared vertices: each triangle carries its own colour.
  const std::size_t n = run.city.triangles.size();
  mesh->mNumVertices = static_cast<unsigned>(3 * n);
  mesh->mVertices = new aiVector3D[3 * n];
  mesh->mColors[0] = new aiColor4D[3 * n];
  mesh->mNumFaces = static_cast<unsigned>(n);
  mesh->mFaces = new aiFace[n];
  for (std::size_t t = 0; t < n; ++t) {
    const SurfaceKind kind = run.city.kind[t];
    aiColor4D colour(0.55f, 0.6f, 0.5f, 1.0f);  // terrain
    if (isBuildingSurface(kind)) {
      const auto rgb = levelColour(maxLden[static_cast<std::size_t>(run.city.object[t])]);
      colour = aiColor4D(rgb[0] / 255.f, rgb[1] / 255.f, rgb[2] / 255.f, 1.0f);
    } else if (kind == SurfaceKind::Wall) {
      colour = aiColor4D(0.3f, 0.3f, 0.35f, 1.0f);
    } else if (kind == SurfaceKind::Structure) {
      colour = aiColor4D(0.7f, 0.68f, 0.62f, 1.0f);  // concrete structures
    }
    aiFace& f = mesh->mFaces[t];
    f.mNumIndices = 3;
    f.mIndices = new unsigned[3];
    for (int k = 0; k < 3; ++k) {
      const Vec3 v = run.city.vertices[run.city.triangles[t][static_cast<std::size_t>(k)]] - origin;
      const unsigned i = static_cast<unsigned>(3 * t + static_cast<std::size_t>(k));
      mesh->mVertices[i] = aiVector3D(static_cast<float>(v.x), static_cast<float>(v.z), static_cast<float>(-v.y));
      mesh->mColors[0][i] = colour;
      f.mIndices[k] = i;
    }
  }
  const std::filesystem::path tmp = file.parent_path() / ("." + file.filename().string() + ".tmp" + std::to_string(::getpid()));
  Assimp::Exporter exporter;
  if (exporter.Export(scene.get(), "glb2", tmp.string()) != AI_SUCCESS)
    throw std::runtime_error("cannot write " + file.string() + ": " + exporter.GetErrorString());
  std::filesystem::rename(tmp, file);
}

}  // namespace citynoise::io
