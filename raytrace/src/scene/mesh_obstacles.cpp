#include <citynoise/raytrace/mesh_obstacles.hpp>

#include "uniform_grid.hpp"

#include <algorithm>
#include <cmath>

namespace citynoise::raytrace {

struct MeshObstacles::Impl {
  std::vector<MeshObstacle> meshes;
  struct Triangle {
    Vec3 v[3];
    std::uint32_t mesh = 0;
  };
  std::vector<Triangle> triangles;
  UniformGrid grid;
};

MeshObstacles::MeshObstacles() : MeshObstacles(std::vector<MeshObstacle>{}) {}

MeshObstacles::MeshObstacles(std::vector<MeshObstacle> meshes) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.meshes = std::move(meshes);
  for (std::uint32_t k = 0; k < m.meshes.size(); ++k)
    for (const auto& t : m.meshes[k].triangles)
      m.triangles.push_back({{m.meshes[k].vertices[t[0]], m.meshes[k].vertices[t[1]], m.meshes[k].vertices[t[2]]}, k});
  m.grid.build(m.triangles.size(), [&](std::size_t i) {
    Box2 b;
    for (const Vec3& v : m.triangles[i].v) b.extend(plan(v));
    return b;
  });
}

MeshObstacles::~MeshObstacles() = default;
MeshObstacles::MeshObstacles(MeshObstacles&&) noexcept = default;
MeshObstacles& MeshObstacles::operator=(MeshObstacles&&) noexcept = default;

const std::vector<MeshObstacle>& MeshObstacles::meshes() const { return impl_->meshes; }
bool MeshObstacles::empty() const { return impl_->triangles.empty(); }

namespace {

/// A piece of the cut: the part of one triangle in the leg's vertical plane, t ∈ [0, 1].
struct CutPiece {
  double t0, z0, t1, z1;
  std::uint32_t mesh;
};

/// Where the vertical plane through plan segment ab (direction d, |d|² = dd) cuts a triangle.
bool cutTriangle(const Vec3 (&v)[3], const Vec2& a, const Vec2& d, double dd, CutPiece& out) {
  double side[3], t[3];
  for (int i = 0; i < 3; ++i) {
    const Vec2 p = plan(v[i]) - a;
    side[i] = cross(d, p);
    t[i] = dot(p, d) / dd;
  }
  // The (up to two) points where the triangle's edges meet the plane.
  double pt[2], pz[2];
  int n = 0;
  for (int i = 0; i < 3 && n < 2; ++i) {
    const int j = (i + 1) % 3;
    if (side[i] == 0.0) {
      pt[n] = t[i], pz[n] = v[i].z, ++n;
    } else if ((side[i] < 0.0) != (side[j] < 0.0) && side[j] != 0.0) {
      const double f = side[i] / (side[i] - side[j]);
      pt[n] = t[i] + f * (t[j] - t[i]), pz[n] = v[i].z + f * (v[j].z - v[i].z), ++n;
    }
  }
  if (n < 2) return false;
  if (pt[0] > pt[1]) std::swap(pt[0], pt[1]), std::swap(pz[0], pz[1]);
  if (pt[1] <= 0.0 || pt[0] >= 1.0) return false;
  // Clip to the leg.
  auto zAt = [&](double tt) { return pt[1] > pt[0] ? pz[0] + (tt - pt[0]) / (pt[1] - pt[0]) * (pz[1] - pz[0]) : std::max(pz[0], pz[1]); };
  const double t0 = std::max(pt[0], 0.0), t1 = std::min(pt[1], 1.0);
  out = {t0, zAt(t0), t1, zAt(t1), 0};
  return true;
}

}  // namespace

void MeshObstacles::crossings(const Vec3& from, const Vec3& to, std::vector<MeshCrossing>& out, double gap) const {
  out.clear();
  const Impl& m = *impl_;
  if (m.triangles.empty()) return;
  const Vec2 a = plan(from), b = plan(to);
  const Vec2 d = b - a;
  const double dd = dot(d, d);
  if (dd <= 0.0) return;
  thread_local std::vector<std::uint32_t> ids;
  thread_local std::vector<CutPiece> pieces;
  m.grid.querySegment(a, b, ids);
  pieces.clear();
  for (std::uint32_t i : ids) {
    CutPiece p;
    if (cutTriangle(m.triangles[i].v, a, d, dd, p)) p.mesh = m.triangles[i].mesh, pieces.push_back(p);
  }
  std::sort(pieces.begin(), pieces.end(), [](const CutPiece& l, const CutPiece& r) {
    return l.mesh != r.mesh ? l.mesh < r.mesh : l.t0 < r.t0;
  });
  const double legLength = std::sqrt(dd);
  const double gapT = gap / legLength;
  auto lineZ = [&](double t) { return from.z + t * (to.z - from.z); };
  for (std::size_t k = 0; k < pieces.size();) {
    // One stretch: pieces of one mesh that overlap or nearly touch along the leg.
    MeshCrossing c{pieces[k].t0, pieces[k].t1, std::max(pieces[k].z0, pieces[k].z1), pieces[k].mesh};
    bool passesUnder = true;
    for (; k < pieces.size() && pieces[k].mesh == c.mesh && pieces[k].t0 <= c.tExit + gapT; ++k) {
      const CutPiece& p = pieces[k];
      c.tExit = std::max(c.tExit, p.t1);
      c.top = std::max({c.top, p.z0, p.z1});
      // The straight leg passes under the piece only if both its ends are above the leg.
      passesUnder = passesUnder && p.z0 > lineZ(p.t0) && p.z1 > lineZ(p.t1);
    }
    if (!passesUnder) out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const MeshCrossing& l, const MeshCrossing& r) {
    return l.tEnter != r.tEnter ? l.tEnter < r.tEnter : l.mesh < r.mesh;
  });
}

}  // namespace citynoise::raytrace
