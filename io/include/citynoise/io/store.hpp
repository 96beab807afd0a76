#pragma once
// The map store: result folders kept as map versions (this year's baseline, last year's, each
// remedy variant) with their receivers, buildings, sources and summaries, in one SQLite file (the
// embedded default; a GeoPackage-compatible SQLite database). One schema, versioned: a store
// written by another schema version is refused with a clear message. Adding is one transaction
// and idempotent by result hash. Only plain citynoise types cross this header.

#include <citynoise/core/surface_kind.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace citynoise::io {

namespace store {
class Database;
}

/// The schema this citynoise writes and reads.
inline constexpr int kStoreSchemaVersion = 4;  ///< 2: tokens; 3: source extents, measurements, floors, surfaces; 4: hourly levels (1–3 are migrated on opening)

struct MapVersion {
  std::int64_t id = 0;
  std::string label, scenario, variant;
  std::string created;  ///< when the result was computed (its manifest's time, UTC ISO 8601)
  std::string added;    ///< when it entered the store
  std::string resultHash, scenarioSha256, method, crs;
  bool retired = false;
  std::int64_t receivers = 0, facadeReceivers = 0, buildings = 0, sources = 0;
  std::string run;      ///< the manifest's run record and the run figures (JSON)
  bool hourly = false;  ///< its receivers and floors have the LAeq of each hour (the result's [outputs] hourly)
  bool alreadyStored = false;  ///< add(): the same result was in the store already
};

/// A façade floor of a stored building: the loudest of its points per indicator.
struct StoredFloor {
  int floor = 0;
  int points = 0;
  double lday = 0, levening = 0, lnight = 0, lden = 0, ld = 0, ln = 0;  ///< maxima over the floor, dB(A)
  double exceedDay = 0, exceedNight = 0;  ///< dB over the GB 3096 limits (negative: under)
  std::string dominant;        ///< the source class dominating the loudest point (Lden)
  std::string loudestPoint;    ///< that point's receiver id
  double x = 0, y = 0, z = 0;  ///< and position
  double meanZ = 0;            ///< the mean altitude of the floor's points (where the floor is)
  std::vector<double> hourly;  ///< LAeq of each hour 0–23, the loudest point's; empty when the version has none
};

/// What an official asks of a building: use, zone, population and its floors.
struct StoredBuilding {
  std::string id, use, zone;
  double population = 0;
  double centreX = 0, centreY = 0;  ///< of its footprint's extent
  std::vector<StoredFloor> floors;  ///< from the lowest
};

/// Who may do what through the service: viewers read retired versions too, editors also upload
/// results and measurements, admins also delete.
enum class Role { Viewer = 0, Editor = 1, Admin = 2 };
const char* toString(Role r);

struct StoredToken {
  std::string name;
  Role role = Role::Viewer;
  std::string created;
  bool revoked = false;
};

/// A rectangle in a version's CRS (metres).
struct Box {
  double minX = 0, minY = 0, maxX = 0, maxY = 0;
};

/// Which buildings a list holds: all, or those over a period's GB 3096 limit, of a zone, of a
/// use, touching a rectangle; a page of them.
struct BuildingFilter {
  std::string over;       ///< "", "day" or "night"
  std::string zone, use;  ///< exact values when not empty
  std::optional<Box> bbox;
  std::int64_t limit = 50, offset = 0;
};

/// A building as a list shows it: the maxima over its façade.
struct BuildingSummary {
  std::string id, use, zone;
  double population = 0, peopleOverLimit = 0;
  double maxLden = 0, maxLnight = 0, exceedDay = 0, exceedNight = 0;  ///< NaN where the store has none
  std::int64_t floorsOverNightLimit = 0;
  Box extent;
};

struct BuildingPage {
  std::int64_t total = 0;  ///< buildings matching the filter, all pages
  std::vector<BuildingSummary> buildings;
};

/// One building in two versions (a remedy against the baseline).
struct BuildingChange {
  BuildingSummary a, b;
  std::vector<StoredFloor> floorsA, floorsB;
};

struct ChangePage {
  std::int64_t total = 0;
  double peopleRelieved = 0;  ///< over all matching buildings (all pages): over a limit in a, not in b
  std::vector<BuildingChange> buildings;  ///< the most people relieved first
};

/// A source part with its sound power per period (the emission of the run).
struct StoredSource {
  std::string id, sourceClass, kind, shape;
  std::int64_t part = 0;
  double lwaDay = 0, lwaEvening = 0, lwaNight = 0, lwaCnNight = 0;  ///< dB(A), NaN where none
  std::string geometry;  ///< WKT in the version's CRS
};

struct SourcePage {
  std::int64_t total = 0;
  std::vector<StoredSource> sources;
};

/// A stored receiver with its levels (Lday, Levening, Lnight, Lden, Ld, Ln; NaN where none).
struct StoredReceiver {
  std::string id, kind;  ///< kind: facade, grid, section, volume, point
  double x = 0, y = 0, z = 0;
  double levels[6] = {0, 0, 0, 0, 0, 0};
  std::vector<double> hourly;  ///< LAeq of each hour 0–23 (NaN where none); empty when the version has none
};

/// Surfaces of the city of a version (its result's city.vtp): one building's façades or roofs, or
/// the terrain, barriers or structures (building empty).
struct StoredSurface {
  std::string building;
  SurfaceKind kind = SurfaceKind::Terrain;
  std::vector<double> triangles;  ///< x y z of each corner, 9 values per triangle, in the version's CRS
};

/// A measured interval of a station or road-side display.
struct Measurement {
  std::string station;
  std::string start, end;  ///< ISO 8601 with an offset ("2026-12-03T22:00:00+08:00")
  double laeq = 0;
  double lmax = std::numeric_limits<double>::quiet_NaN(), l10 = std::numeric_limits<double>::quiet_NaN(),
         l90 = std::numeric_limits<double>::quiet_NaN();
};

/// A monitoring station or road-side display (io/stations.hpp reads them from CSV).
struct Station {
  std::string id, kind = "fixed";  ///< kind: fixed, display or temporary
  double x = 0, y = 0;             ///< in the scenario's (the store's) CRS
  double height = 4;               ///< the microphone above the ground, m
};

struct MeasurementReceipt {
  std::int64_t added = 0, duplicates = 0;  ///< duplicates: intervals stored already with the same values
};

/// An ISO 8601 time with its offset ("2026-12-03T22:00:00+08:00", "…Z") as Unix seconds;
/// nullopt for anything else (a time without an offset is ambiguous).
std::optional<std::int64_t> parseIsoTime(const std::string& text);

class MapStore {
 public:
  /// Creates a store (a new file); InputError when it exists already.
  static void init(const std::string& store);
  /// Opens a store; InputError when it is missing or of another schema version.
  explicit MapStore(const std::string& store);
  ~MapStore();
  MapStore(const MapStore&) = delete;
  MapStore& operator=(const MapStore&) = delete;

  /// Adds a result folder and every variant in it (variants/<name>/) as versions, in one
  /// transaction; a result already stored (same hash) is not added again. InputError naming the
  /// folder and the file on a folder that is not a citynoise result.
  std::vector<MapVersion> add(const std::filesystem::path& resultDir, const std::string& label);
  /// The versions, oldest first (retired ones only with `includeRetired`).
  [[nodiscard]] std::vector<MapVersion> list(bool includeRetired) const;
  /// One version; InputError when there is none with this id.
  [[nodiscard]] MapVersion version(std::int64_t id) const;
  /// A building of a version with its floors; nullopt when the version has no such building.
  [[nodiscard]] std::optional<StoredBuilding> building(std::int64_t version, const std::string& id) const;
  /// A stored text of a version ("summary.csv", "summary.md", …); nullopt when absent.
  [[nodiscard]] std::optional<std::string> summary(std::int64_t version, const std::string& name) const;

  /// A page of a version's buildings matching `filter`, the largest exceedance first (of the
  /// filter's period; of either period without one). InputError for a bad filter.
  [[nodiscard]] BuildingPage buildings(std::int64_t version, const BuildingFilter& filter) const;
  /// Buildings of both versions matching `filter` (applied to version a), the most people
  /// relieved (over a limit in a, not in b) first, with their floors in both.
  [[nodiscard]] ChangePage compare(std::int64_t a, std::int64_t b, const BuildingFilter& filter) const;
  /// A page of a version's sources whose extent touches `bbox` (all without one).
  [[nodiscard]] SourcePage sources(std::int64_t version, const std::optional<Box>& bbox, std::int64_t limit, std::int64_t offset) const;
  /// The city's surfaces of a version (empty when its result had no city.vtp), by building and kind.
  [[nodiscard]] std::vector<StoredSurface> surfaces(std::int64_t version) const;
  /// Every receiver of a version (for a point index), in the store's order.
  void forEachReceiver(std::int64_t version, const std::function<void(const StoredReceiver&)>& visit) const;
  /// Removes a version and everything of it; InputError when there is none.
  void remove(std::int64_t id);

  /// Adds measured intervals in one transaction, `by` naming who sent them. An interval equal to
  /// a stored one is counted as a duplicate; InputError naming the entry and field for a bad time
  /// or level (10–140 dB), an end not after its start, or an overlap with another interval of the
  /// same station (in the batch or stored), a station not declared (addStations) — nothing of the
  /// batch is kept then.
  MeasurementReceipt addMeasurements(const std::vector<Measurement>& batch, const std::string& by);
  /// Declares stations (x, y in `crs`); a station declared again takes its new place and kind.
  /// Returns how many were new.
  std::int64_t addStations(const std::vector<Station>& stations, const std::string& crs);
  /// The declared stations by id, and their CRS (one per station).
  [[nodiscard]] std::vector<std::pair<Station, std::string>> stations() const;
  /// The stored intervals of a station (all stations when empty), by station and time.
  [[nodiscard]] std::vector<Measurement> measurements(const std::string& station) const;

  /// A new token for `name`: returned once, kept only as a salted SHA-256 hash.
  std::string addToken(const std::string& name, Role role);
  /// Revokes every token of `name`; InputError when there is none.
  void revokeToken(const std::string& name);
  [[nodiscard]] std::vector<StoredToken> tokens() const;
  /// The name and role of a valid, unrevoked token (compared in constant time); nullopt otherwise.
  [[nodiscard]] std::optional<StoredToken> authenticate(const std::string& token) const;

  /// Hides a version from the public (it stays in the store).
  void retire(std::int64_t id);
  /// Writes a version's receivers, buildings and sources: one GeoPackage ("gpkg"), or a GeoJSON
  /// or CSV file (WKT geometry) per layer, into `outDir`, each written atomically; the files.
  std::vector<std::filesystem::path> exportVersion(std::int64_t id, const std::string& format, const std::filesystem::path& outDir) const;

 private:
  std::unique_ptr<store::Database> db_;
};

}  // namespace citynoise::io
