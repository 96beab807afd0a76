#pragma once
// Receivers and their results, as plain data shared by the engine (raytrace), the writers (io)
// and the command line.

#include <citynoise/core/geometry2d.hpp>
#include <citynoise/core/sources.hpp>
#include <citynoise/core/time.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace citynoise {

enum class ReceiverKind : std::uint8_t { Facade, Grid, Section, Volume, Point };
const char* toString(ReceiverKind k);

/// The piece of wall a façade receiver stands for: its share of the façade segment along the
/// wall line (`from` → `to`), from its floor (`bottom`) up to the next computed floor or the roof
/// (`top`, altitudes). Writers draw façade maps from it; nothing re-derives the split.
struct WallSpan {
  Vec2 from, to;
  Vec2 outward;  ///< unit normal pointing away from the building
  double bottom = 0.0, top = 0.0;
};

struct Receiver {
  std::string id;
  Vec3 position;  ///< absolute altitude
  ReceiverKind kind = ReceiverKind::Point;
  int building = -1;           ///< façade receivers: the building (index in the scene)
  int floor = -1;              ///< façade receivers: 0 = ground floor
  int facadeSegment = -1;      ///< façade receivers: their façade (an obstacle segment)
  WallSpan wall;               ///< façade receivers: the wall piece they stand for
  bool includeOwnFacade = false;  ///< GB 3096 practice (1 m in front, own reflection included)
  int zone = -1;               ///< index into gb3096Limits(), −1 unknown
  int group = 0;               ///< grid / section / volume index
  int i = 0, j = 0, k = 0;     ///< lattice indices within the group
};

/// Indicators per receiver, A-weighted, dB: EU Lday 07–19, Levening 19–23, Lnight 23–07, Lden;
/// China Ld 06–22, Ln 22–06.
enum Indicator : std::uint8_t { Lday, Levening, Lnight, Lden, LdCn, LnCn, kIndicators };
const char* toString(Indicator i);

struct ReceiverLevels {
  /// [class][indicator] for each source class, then [kSourceClasses] = all sources.
  std::array<std::array<float, kIndicators>, kSourceClasses + 1> levels{};
  std::array<float, kHoursPerDay> hourly{};  ///< LAeq,1h of all sources
  std::uint32_t pieces = 0;  ///< point sources considered
  std::uint32_t paths = 0;   ///< propagation paths evaluated
  [[nodiscard]] float total(Indicator i) const { return levels[kSourceClasses][i]; }
  /// The source class with the highest level of an indicator.
  [[nodiscard]] SourceClass dominant(Indicator i) const;
};

struct GridInfo {
  double height = 0.0;  ///< above the terrain
  Box2 bounds;
  double spacing = 10.0;
  int nx = 0, ny = 0;   ///< lattice size (i along x, j along y)
};

struct SectionInfo {
  std::string id;
  std::vector<Vec2> line;
  double spacing = 5.0, zMin = 0.0, dz = 1.0;
  int ni = 0, nk = 0;  ///< along the line, up
  bool aboveTerrain = true;
};

struct VolumeInfo {
  Box2 bounds;
  double zMin = 0.0, spacing = 1.0, dz = 1.0;
  int nx = 0, ny = 0, nz = 0;
};

struct ReceiverSet {
  std::vector<Receiver> receivers;
  std::vector<GridInfo> grids;
  std::vector<SectionInfo> sections;
  std::optional<VolumeInfo> volume;
  std::size_t droppedInside = 0;  ///< receivers dropped inside buildings or under the terrain
};

}  // namespace citynoise
