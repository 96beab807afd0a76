#pragma once
// Triangulation of a polygon with holes (CGAL constrained Delaunay, faces inside the polygon).

#include <citynoise/core/scene_description.hpp>

#include <array>
#include <vector>

namespace citynoise::raytrace {

/// Triangles covering the polygon `outer` minus `holes`.
std::vector<std::array<Vec2, 3>> triangulatePolygon(const Ring2& outer, const std::vector<Ring2>& holes);

}  // namespace citynoise::raytrace
