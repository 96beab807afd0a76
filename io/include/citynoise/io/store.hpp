#pragma once
// The map store: result folders kept as map versions (this year's baseline, last year's, each
// remedy variant) with their receivers, buildings, sources and summaries, in one SQLite file (the
// embedded default; a GeoPackage-compatible SQLite database). One schema, versioned: a store
// written by another schema version is refused with a clear message. Adding is one transaction
// and idempotent by result hash. Only plain citynoise types cross this header.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace citynoise::io {

namespace store {
class Database;
}

/// The schema this citynoise writes and reads.
inline constexpr int kStoreSchemaVersion = 2;  ///< 2: tokens (a version 1 store is migrated on opening)

struct MapVersion {
  std::int64_t id = 0;
  std::string label, scenario, variant;
  std::string created;  ///< when the result was computed (its manifest's time, UTC ISO 8601)
  std::string added;    ///< when it entered the store
  std::string resultHash, scenarioSha256, method, crs;
  bool retired = false;
  std::int64_t receivers = 0, facadeReceivers = 0, buildings = 0, sources = 0;
  std::string run;      ///< the manifest's run record and the run figures (JSON)
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
};

/// What an official asks of a building: use, zone, population and its floors.
struct StoredBuilding {
  std::string id, use, zone;
  double population = 0;
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

  /// A new token for `name`: returned once, kept only as a salted SHA-256 hash.
  std::string addToken(const std::string& name, Role role);
  /// Revokes every token of `name`; InputError when there is none.
  void revokeToken(const std::string& name);
  [[nodiscard]] std::vector<StoredToken> tokens() const;
  /// The role of a valid, unrevoked token (compared in constant time); nullopt otherwise.
  [[nodiscard]] std::optional<Role> authenticate(const std::string& token) const;

  /// Hides a version from the public (it stays in the store).
  void retire(std::int64_t id);
  /// Writes a version's receivers, buildings and sources: one GeoPackage ("gpkg"), or a GeoJSON
  /// or CSV file (WKT geometry) per layer, into `outDir`, each written atomically; the files.
  std::vector<std::filesystem::path> exportVersion(std::int64_t id, const std::string& format, const std::filesystem::path& outDir) const;

 private:
  std::unique_ptr<store::Database> db_;
};

}  // namespace citynoise::io
