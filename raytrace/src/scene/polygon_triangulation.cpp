#include "polygon_triangulation.hpp"

#include <CGAL/Constrained_Delaunay_triangulation_2.h>
#include <CGAL/Exact_predicates_inexact_constructions_kernel.h>
#include <CGAL/Triangulation_face_base_with_info_2.h>

#include <list>

namespace citynoise::raytrace {
namespace {

using K = CGAL::Exact_predicates_inexact_constructions_kernel;
struct FaceInfo {
  int nesting = -1;  ///< depth of nested rings around the face; odd = inside the polygon
};
using Vb = CGAL::Triangulation_vertex_base_2<K>;
using Fbi = CGAL::Triangulation_face_base_with_info_2<FaceInfo, K>;
using Fb = CGAL::Constrained_triangulation_face_base_2<K, Fbi>;
using Tds = CGAL::Triangulation_data_structure_2<Vb, Fb>;
using Cdt = CGAL::Constrained_Delaunay_triangulation_2<K, Tds, CGAL::Exact_predicates_tag>;

/// Flood fill of nesting levels across constrained edges (the CGAL "mark domains" recipe).
void markDomains(Cdt& cdt, Cdt::Face_handle start, int index, std::list<Cdt::Edge>& border) {
  if (start->info().nesting != -1) return;
  std::list<Cdt::Face_handle> queue{start};
  while (!queue.empty()) {
    Cdt::Face_handle fh = queue.front();
    queue.pop_front();
    if (fh->info().nesting != -1) continue;
    fh->info().nesting = index;
    for (int i = 0; i < 3; ++i) {
      const Cdt::Edge e(fh, i);
      Cdt::Face_handle n = fh->neighbor(i);
      if (n->info().nesting == -1) {
        if (cdt.is_constrained(e)) border.push_back(e);
        else queue.push_back(n);
      }
    }
  }
}

void insertRing(Cdt& cdt, const Ring2& ring) {
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const Vec2& a = ring[i];
    const Vec2& b = ring[(i + 1) % ring.size()];
    cdt.insert_constraint(K::Point_2(a.x, a.y), K::Point_2(b.x, b.y));
  }
}

}  // namespace

std::vector<std::array<Vec2, 3>> triangulatePolygon(const Ring2& outer, const std::vector<Ring2>& holes) {
  Cdt cdt;
  insertRing(cdt, outer);
  for (const Ring2& h : holes) insertRing(cdt, h);
  std::list<Cdt::Edge> border;
  markDomains(cdt, cdt.infinite_face(), 0, border);
  while (!border.empty()) {
    const Cdt::Edge e = border.front();
    border.pop_front();
    Cdt::Face_handle n = e.first->neighbor(e.second);
    if (n->info().nesting == -1) markDomains(cdt, n, e.first->info().nesting + 1, border);
  }
  std::vector<std::array<Vec2, 3>> out;
  for (auto f = cdt.finite_faces_begin(); f != cdt.finite_faces_end(); ++f) {
    if (f->info().nesting % 2 != 1) continue;
    std::array<Vec2, 3> t;
    for (int i = 0; i < 3; ++i) t[static_cast<std::size_t>(i)] = {f->vertex(i)->point().x(), f->vertex(i)->point().y()};
    out.push_back(t);
  }
  return out;
}

}  // namespace citynoise::raytrace
