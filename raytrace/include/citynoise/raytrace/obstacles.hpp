#pragma once
// Buildings and thin walls in plan: a 2D index of their edges, crossings of plan segments, and
// point-in-building queries. Heights are absolute altitudes.

#include <citynoise/core/geometry2d.hpp>
#include <citynoise/core/scene_description.hpp>

#include <cstdint>
#include <memory>
#include <vector>

namespace citynoise::raytrace {

enum class ObstacleEventKind : std::uint8_t { BuildingEnter, BuildingExit, Wall };

/// Where a plan segment crosses an obstacle: at parameter t, the top altitude there.
struct ObstacleEvent {
  double t = 0.0;
  ObstacleEventKind kind = ObstacleEventKind::Wall;
  std::uint32_t object = 0;  ///< building or wall index
  double top = 0.0;          ///< roof altitude, or the wall's top at the crossing
};

/// One straight piece of a façade or a wall: a potential reflector and diffracting edge.
struct ObstacleSegment {
  Vec2 a, b;
  double topA = 0.0, topB = 0.0;  ///< top altitude at a and b
  std::uint32_t object = 0;
  bool isWall = false;      ///< thin wall (reflects on both sides) or building façade
  Vec2 outward{};           ///< façades: unit normal pointing away from the building
};

class Obstacles {
 public:
  Obstacles(std::vector<Building> buildings, std::vector<Wall> walls);
  ~Obstacles();
  Obstacles(Obstacles&&) noexcept;
  Obstacles& operator=(Obstacles&&) noexcept;

  [[nodiscard]] const std::vector<Building>& buildings() const;
  [[nodiscard]] const std::vector<Wall>& walls() const;
  [[nodiscard]] const std::vector<ObstacleSegment>& segments() const;

  /// Crossings of the plan segment ab with footprints (enter/exit) and walls, ordered by t.
  void crossings(const Vec2& a, const Vec2& b, std::vector<ObstacleEvent>& out) const;

  /// Index of the building whose footprint contains p (outside holes), or −1.
  [[nodiscard]] int buildingAt(const Vec2& p) const;
  [[nodiscard]] bool insideBuilding(std::uint32_t building, const Vec2& p) const;

  /// Segments (façades and walls) whose box meets `box`; `out` cleared, sorted ids.
  void segmentsInBox(const Box2& box, std::vector<std::uint32_t>& out) const;
  /// Segments crossed by (or near) the plan segment ab; sorted ids.
  void segmentsAlong(const Vec2& a, const Vec2& b, std::vector<std::uint32_t>& out) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace citynoise::raytrace
