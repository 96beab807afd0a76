#pragma once
// Façades cut into floors for per-floor colours (internal to citynoise_io): triangles split at
// horizontal planes, each piece in the band of heights it lies in.
#include <vector>

namespace citynoise::io::tiles {

/// Appends to bands[k] the pieces of triangle `t` (x y z of 3 corners) between cuts[k − 1] and
/// cuts[k] (band 0 below cuts[0], the last band above the last cut); `cuts` ascending, bands
/// sized cuts.size() + 1. The pieces' areas add up to the triangle's (Sutherland–Hodgman
/// clipping against the two planes of each band, then a fan).
void splitAtHeights(const double* t, const std::vector<double>& cuts, std::vector<std::vector<double>>& bands);

/// The heights between floors of a building from its floors' numbers and one façade point's
/// mean altitude each: a straight line z = a + b · floor through the lowest and highest floor
/// (one storey height per building), cut half-way between consecutive floors. Empty for one floor.
std::vector<double> floorCuts(const std::vector<int>& floors, const std::vector<double>& z);

}  // namespace citynoise::io::tiles
