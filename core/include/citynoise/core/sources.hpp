#pragma once
// Sources as the engine sees them: objects (a road, a rail line, a construction site, a plaza's
// loudspeakers, a food street) made of elements — points (LW, dB), lines (LW′, dB/m) or areas
// (LW″, dB/m²) — each with a spectrum per hour of an average day.

#include <citynoise/core/emission/directivity.hpp>
#include <citynoise/core/time.hpp>
#include <citynoise/core/vec.hpp>

#include <optional>
#include <string>
#include <vector>

namespace citynoise {

/// The classes whose contributions are reported separately (to know the dominant one).
enum class SourceClass : std::uint8_t { Road, Rail, Construction, SquareDance, Commercial };
inline constexpr std::size_t kSourceClasses = 5;
const char* toString(SourceClass c);

enum class SourceShape : std::uint8_t { Point, Line, Area };
const char* toString(SourceShape s);

struct SourceElement {
  SourceShape shape = SourceShape::Point;
  /// Point: one vertex; line: a polyline; area: a ring. x, y in the scene's CRS, z = height of
  /// the source above the ground.
  std::vector<Vec3> geometry;
  HourlySpectra power{};  ///< LW (point), LW′ per metre (line) or LW″ per m² (area), per hour
};

struct SourceObject {
  std::string id;  ///< the input's own id
  SourceClass sourceClass = SourceClass::Road;
  std::string kind;  ///< "road", "rail", an equipment type, "loudspeaker", "food street", …
  std::vector<SourceElement> elements;
  emission::Directivity directivity;  ///< of every point of the object
  Vec3 aim{1.0, 0.0, 0.0};            ///< the axis of the directivity
  /// Highest A-weighted… per band LW of the loudest single event at night (GB 12523 Lmax checks);
  /// absent when the source does not run at night.
  std::optional<BandArray> nightMaxPower;
  /// The calibration group a scenario puts it in ([calibration] groups: "road:<attribute value>");
  /// empty: its class's group (each construction site its own).
  std::string group;
};

/// How an object's emission is reported: the shape of its elements, or Point (total LW) when
/// they mix shapes (a site with machines at places and others spread over it).
SourceShape reportedShape(const SourceObject& object);

/// The emission of an object over a period (energy mean over its hours): lines LW′ (length-
/// weighted energy mean over the elements), areas LW″ (area-weighted), points and mixed objects
/// LW (the total power).
BandArray periodEmission(const SourceObject& object, const Period& period);

/// Length of a polyline (plan) and area of a ring (plan).
double planLength(const std::vector<Vec3>& polyline);
double planArea(const std::vector<Vec3>& ring);

}  // namespace citynoise
