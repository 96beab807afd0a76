#pragma once
// Receivers from their specification: on façades (one per floor), on horizontal grids above the
// terrain, in vertical sections, in a 3D volume, and single points. Receivers inside buildings
// or under the terrain are dropped; every receiver keeps its building, floor and zone.

#include <citynoise/core/receiver_spec.hpp>
#include <citynoise/raytrace/map_engine.hpp>
#include <citynoise/raytrace/scene.hpp>

#include <string>
#include <vector>

namespace citynoise::raytrace {

/// `extent`: the district (grid bounds by default). Zones are resolved per receiver: the façade's
/// building attribute, else the zone polygon containing it, else the scene's default zone.
ReceiverSet makeReceivers(const Scene& scene, const SceneDescription& description, const ReceiverSpec& spec,
                          const Box2& extent);

/// The GB 3096 zone class at a point (polygons, else the default), "" when unknown.
std::string zoneAt(const SceneDescription& description, const Vec2& p);

}  // namespace citynoise::raytrace
