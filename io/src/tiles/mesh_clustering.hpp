#pragma once
// Coarser levels of detail for 3D Tiles (internal to citynoise_io): vertex clustering in plan.
#include <cstddef>
#include <vector>

namespace citynoise::io::tiles {

/// Vertex clustering (Rossignac & Borrel 1993) of a 2.5D surface such as the terrain: the plan is
/// cut into square cells of side `cell` (m, from the origin); the corners falling in one cell merge
/// into their mean position; a triangle left with two corners in one cell vanishes and of several
/// triangles on the same three cells one remains (the first). Input: pointers to 9 doubles (x y z
/// of three corners) each; output: 9 doubles per kept triangle, in input order, winding kept. Every
/// output corner lies within cell·√2 in plan of an input corner it replaced (the error bound that
/// a tile's geometric error states). Deterministic: no hashing order reaches the output.
std::vector<double> clusterInPlan(const std::vector<const double*>& triangles, double cell);

}  // namespace citynoise::io::tiles
