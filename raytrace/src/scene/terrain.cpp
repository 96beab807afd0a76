#include <citynoise/raytrace/terrain.hpp>

#include "segment_grid.hpp"

#include <CGAL/Constrained_Delaunay_triangulation_2.h>
#include <CGAL/Exact_predicates_inexact_constructions_kernel.h>
#include <CGAL/Projection_traits_xy_3.h>
#include <CGAL/Triangulation_vertex_base_with_info_2.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace citynoise::raytrace {

struct Terrain::Impl {
  std::vector<Vec3> vertices;
  std::vector<std::array<std::uint32_t, 3>> triangles;
  struct Edge {
    std::uint32_t from = 0, to = 0;
    bool boundary = false;  ///< used by one triangle only: the TIN's border
    double interiorSide = 0.0;  ///< boundary edges: sign of cross(to − from, p − from) inside the TIN
  };
  std::vector<Edge> edges;
  UniformGrid grid;      ///< triangles
  SegmentGrid edgeGrid;  ///< edges, for cuts
  double outsideAltitude = 0.0;

  void finish() {
    // Each edge once; an edge used by one triangle only is on the boundary of the TIN.
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::pair<int, std::uint32_t>> uses;  // uses, opposite vertex
    for (const auto& t : triangles)
      for (int k = 0; k < 3; ++k) {
        auto& u = uses[std::minmax(t[k], t[(k + 1) % 3])];
        ++u.first, u.second = t[(k + 2) % 3];
      }
    edges.clear();
    std::vector<SegmentGrid::Item> items;
    for (const auto& [e, use] : uses) {
      const Vec2 a = plan(vertices[e.first]), b = plan(vertices[e.second]);
      items.push_back({a, b, static_cast<std::uint32_t>(edges.size())});
      const double side = use.first == 1 ? cross(b - a, plan(vertices[use.second]) - a) : 0.0;
      edges.push_back({e.first, e.second, use.first == 1, side > 0.0 ? 1.0 : -1.0});
    }
    edgeGrid.build(items);
    grid.build(triangles.size(), [&](std::size_t i) {
      Box2 b;
      for (std::uint32_t v : triangles[i]) b.extend(plan(vertices[v]));
      return b;
    });
  }

  /// Altitude of p if it lies in triangle i.
  bool heightInTriangle(std::size_t i, const Vec2& p, double& z) const {
    const Vec3& a = vertices[triangles[i][0]];
    const Vec3& b = vertices[triangles[i][1]];
    const Vec3& c = vertices[triangles[i][2]];
    const double det = (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y);
    if (det == 0.0) return false;
    const double l1 = ((p.x - a.x) * (c.y - a.y) - (c.x - a.x) * (p.y - a.y)) / det;
    const double l2 = ((b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y)) / det;
    constexpr double eps = -1e-9;
    if (l1 < eps || l2 < eps || 1.0 - l1 - l2 < eps) return false;
    z = a.z + l1 * (b.z - a.z) + l2 * (c.z - a.z);
    return true;
  }
};

Terrain::Terrain() : impl_(std::make_unique<Impl>()) { impl_->finish(); }
Terrain::~Terrain() = default;
Terrain::Terrain(Terrain&&) noexcept = default;
Terrain& Terrain::operator=(Terrain&&) noexcept = default;

Terrain Terrain::flat(double altitude) {
  Terrain t;
  t.impl_->outsideAltitude = altitude;
  return t;
}

namespace {

/// Break lines that cross another one at a different altitude (more than 1 cm apart): removing
/// the line with the most such conflicts first, until none is left.
std::vector<bool> contradictedBreaklines(std::span<const TerrainBreakline> lines) {
  UniformGrid grid;
  grid.build(lines.size(), [&](std::size_t i) {
    Box2 b;
    b.extend(plan(lines[i].a)), b.extend(plan(lines[i].b));
    return b;
  });
  std::vector<std::vector<std::size_t>> conflicts(lines.size());
  std::vector<std::uint32_t> ids;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const TerrainBreakline& l = lines[i];
    grid.querySegment(plan(l.a), plan(l.b), ids);
    for (std::uint32_t j : ids) {
      if (j <= i) continue;
      const TerrainBreakline& m = lines[j];
      const auto x = intersectSegments(plan(l.a), plan(l.b), plan(m.a), plan(m.b));
      if (!x) continue;
      const double zl = l.a.z + x->t * (l.b.z - l.a.z), zm = m.a.z + x->u * (m.b.z - m.a.z);
      if (std::abs(zl - zm) > 0.01) conflicts[i].push_back(j), conflicts[j].push_back(i);
    }
  }
  std::vector<bool> demoted(lines.size(), false);
  for (;;) {
    std::size_t worst = lines.size(), most = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (demoted[i]) continue;
      std::size_t n = 0;
      for (std::size_t j : conflicts[i]) n += demoted[j] ? 0 : 1;
      if (n > most) most = n, worst = i;
    }
    if (most == 0) break;
    demoted[worst] = true;
  }
  return demoted;
}

}  // namespace

Terrain Terrain::fromBreaklines(std::span<const TerrainBreakline> lines, std::span<const Vec3> spots,
                                double outsideAltitude, std::vector<std::size_t>* demotedOut) {
  using K = CGAL::Exact_predicates_inexact_constructions_kernel;
  using Gt = CGAL::Projection_traits_xy_3<K>;
  using Vb = CGAL::Triangulation_vertex_base_with_info_2<std::uint32_t, Gt>;
  using Fb = CGAL::Constrained_triangulation_face_base_2<Gt>;
  using Tds = CGAL::Triangulation_data_structure_2<Vb, Fb>;
  using Cdt = CGAL::Constrained_Delaunay_triangulation_2<Gt, Tds, CGAL::Exact_predicates_tag>;

  const std::vector<bool> demoted = contradictedBreaklines(lines);
  Cdt cdt;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const TerrainBreakline& l = lines[i];
    const K::Point_3 a(l.a.x, l.a.y, l.a.z), b(l.b.x, l.b.y, l.b.z);
    if (demoted[i] || (a.x() == b.x() && a.y() == b.y())) {
      cdt.insert(a), cdt.insert(b);
      if (demoted[i] && demotedOut) demotedOut->push_back(i);
    } else {
      cdt.insert_constraint(a, b);
    }
  }
  for (const Vec3& p : spots) cdt.insert(K::Point_3(p.x, p.y, p.z));

  Terrain t;
  Impl& m = *t.impl_;
  m.outsideAltitude = outsideAltitude;
  std::uint32_t next = 0;
  for (auto v = cdt.finite_vertices_begin(); v != cdt.finite_vertices_end(); ++v) {
    v->info() = next++;
    m.vertices.push_back({v->point().x(), v->point().y(), v->point().z()});
  }
  for (auto f = cdt.finite_faces_begin(); f != cdt.finite_faces_end(); ++f)
    m.triangles.push_back({f->vertex(0)->info(), f->vertex(1)->info(), f->vertex(2)->info()});
  m.finish();
  return t;
}

Terrain Terrain::fromGrid(const ElevationGrid& g, double outsideAltitude) {
  Terrain t;
  Impl& m = *t.impl_;
  m.outsideAltitude = outsideAltitude;
  m.vertices.reserve(static_cast<std::size_t>(g.columns) * g.rows);
  for (int r = 0; r < g.rows; ++r)
    for (int c = 0; c < g.columns; ++c)
      m.vertices.push_back({g.originX + (c + 0.5) * g.cellSizeX, g.originY - (r + 0.5) * g.cellSizeY, g.at(c, r)});
  auto id = [&](int c, int r) { return static_cast<std::uint32_t>(r * g.columns + c); };
  auto valid = [&](int c, int r) { return g.at(c, r) != g.noData && std::isfinite(g.at(c, r)); };
  for (int r = 0; r + 1 < g.rows; ++r)
    for (int c = 0; c + 1 < g.columns; ++c) {
      if (!valid(c, r) || !valid(c + 1, r) || !valid(c, r + 1) || !valid(c + 1, r + 1)) continue;
      m.triangles.push_back({id(c, r), id(c, r + 1), id(c + 1, r)});
      m.triangles.push_back({id(c + 1, r), id(c, r + 1), id(c + 1, r + 1)});
    }
  m.finish();
  return t;
}

double Terrain::heightAt(const Vec2& p) const {
  double z = impl_->outsideAltitude;
  impl_->grid.findInCellAt(p, [&](std::uint32_t i) { return impl_->heightInTriangle(i, p, z); });
  return z;
}

void Terrain::cut(const Vec2& a, const Vec2& b, std::vector<TerrainSample>& out) const {
  const Impl& m = *impl_;
  out.clear();
  out.push_back({0.0, heightAt(a)});
  thread_local UniformGrid::Seen seen;
  m.edgeGrid.forEachCrossing(a, b, seen, [&](std::uint32_t i, const SegmentCrossing& x) {
    if (x.t <= 0.0 || x.t >= 1.0) return;
    const Impl::Edge& e = m.edges[i];
    const double z = m.vertices[e.from].z + x.u * (m.vertices[e.to].z - m.vertices[e.from].z);
    // Leaving or entering the TIN: the ground outside is level at the outside altitude; the
    // two samples at the same t go in the order the cut meets them.
    const bool leaving = e.boundary && cross(plan(m.vertices[e.to]) - plan(m.vertices[e.from]), a - plan(m.vertices[e.from])) * e.interiorSide > 0.0;
    if (e.boundary && !leaving && z != m.outsideAltitude) out.push_back({x.t, m.outsideAltitude});
    out.push_back({x.t, z});
    if (leaving && z != m.outsideAltitude) out.push_back({x.t, m.outsideAltitude});
  });
  out.push_back({1.0, heightAt(b)});
  std::stable_sort(out.begin() + 1, out.end() - 1, [](const TerrainSample& l, const TerrainSample& r) { return l.t < r.t; });
  // Drop duplicates (an edge is shared by two triangles) and vertices on a straight stretch.
  std::size_t w = 1;
  for (std::size_t r = 1; r < out.size(); ++r) {
    const TerrainSample& s = out[r];
    if (std::abs(s.t - out[w - 1].t) < 1e-12 && std::abs(s.z - out[w - 1].z) < 1e-9) continue;
    out[w++] = s;
  }
  out.resize(w);
  const double len = length(b - a);
  w = 1;
  for (std::size_t r = 1; r + 1 < out.size(); ++r) {
    const TerrainSample& prev = out[w - 1];
    const TerrainSample& next = out[r + 1];
    const TerrainSample& cur = out[r];
    const double span = next.t - prev.t;
    const bool straight = span > 0.0 && std::abs(prev.z + (cur.t - prev.t) / span * (next.z - prev.z) - cur.z) < 1e-6 &&
                          (cur.t - prev.t) * len > 1e-9 && (next.t - cur.t) * len > 1e-9;
    if (!straight) out[w++] = cur;
  }
  out[w++] = out.back();
  out.resize(w);
}

std::span<const Vec3> Terrain::vertices() const { return impl_->vertices; }
std::span<const std::array<std::uint32_t, 3>> Terrain::triangles() const { return impl_->triangles; }
Box2 Terrain::bounds() const { return impl_->grid.bounds(); }
double Terrain::outsideAltitude() const { return impl_->outsideAltitude; }

}  // namespace citynoise::raytrace
