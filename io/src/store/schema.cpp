// The store's schema (kStoreSchemaVersion) and the migrations from older versions.
#include "schema.hpp"
#include "store_internal.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/store.hpp>

namespace citynoise::io::store {

std::string inDialect(std::string sql, Dialect d);

namespace {

constexpr const char* kTables[] = {
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    "CREATE TABLE versions (id INTEGER PRIMARY KEY, label TEXT NOT NULL, scenario TEXT NOT NULL, variant TEXT NOT NULL, "
    "created TEXT NOT NULL, added TEXT NOT NULL, result_hash TEXT NOT NULL UNIQUE, scenario_text TEXT NOT NULL, "
    "scenario_sha256 TEXT NOT NULL, method TEXT NOT NULL, crs TEXT NOT NULL, run TEXT NOT NULL, "
    "receivers INTEGER NOT NULL, facade_receivers INTEGER NOT NULL, buildings INTEGER NOT NULL, sources INTEGER NOT NULL, "
    "retired INTEGER NOT NULL DEFAULT 0)",
    // Receivers of every kind: façade points per floor, grid points, sections, the volume, points.
    "CREATE TABLE receivers (version INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE, id TEXT NOT NULL, "
    "kind TEXT NOT NULL, x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL, building TEXT, floor INTEGER, zone TEXT, "
    "lday REAL, levening REAL, lnight REAL, lden REAL, ld REAL, ln REAL, exceed_day REAL, exceed_night REAL, "
    "dominant TEXT, PRIMARY KEY (version, id))",
    "CREATE INDEX receivers_by_building ON receivers (version, building, floor)",
    "CREATE INDEX receivers_by_place ON receivers (version, kind, x, y)",
    "CREATE TABLE buildings (version INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE, id TEXT NOT NULL, "
    "use TEXT, zone TEXT, sensitive INTEGER, population REAL, roof_altitude REAL, facade_points INTEGER, "
    "max_lday REAL, max_levening REAL, max_lnight REAL, max_lden REAL, max_ld REAL, max_ln REAL, exceed_day REAL, "
    "exceed_night REAL, people_over_limit REAL, floors_over_night_limit INTEGER, footprint TEXT, "
    "min_x REAL, min_y REAL, max_x REAL, max_y REAL, PRIMARY KEY (version, id))",
    "CREATE TABLE sources (version INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE, id TEXT NOT NULL, "
    "part INTEGER NOT NULL, class TEXT, kind TEXT, shape TEXT, lwa_day REAL, lwa_evening REAL, lwa_night REAL, "
    "lwa_cn_night REAL, geometry TEXT, PRIMARY KEY (version, id, part))",
    // Version 3's columns of sources (the bbox queries) are added by kVersion3 below.
    "CREATE TABLE summaries (version INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE, name TEXT NOT NULL, "
    "content TEXT NOT NULL, PRIMARY KEY (version, name))",
};

/// Version 2: the service's tokens (salted SHA-256 hashes only).
constexpr const char* kTokens =
    "CREATE TABLE tokens (name TEXT NOT NULL, role INTEGER NOT NULL, salt TEXT NOT NULL, hash TEXT NOT NULL, "
    "created TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0)";

/// Version 3: the sources' extents (bbox queries) and the measurements of stations and displays.
constexpr const char* kVersion3[] = {
    "ALTER TABLE sources ADD COLUMN min_x REAL",
    "ALTER TABLE sources ADD COLUMN min_y REAL",
    "ALTER TABLE sources ADD COLUMN max_x REAL",
    "ALTER TABLE sources ADD COLUMN max_y REAL",
    "CREATE INDEX sources_by_place ON sources (version, min_x, max_x)",
    "CREATE INDEX buildings_by_place ON buildings (version, min_x, max_x)",
    // One row per measured interval; times as given (ISO 8601 with offset) and in Unix seconds.
    "CREATE TABLE measurements (station TEXT NOT NULL, start_time TEXT NOT NULL, end_time TEXT NOT NULL, "
    "start_s INTEGER NOT NULL, end_s INTEGER NOT NULL, laeq REAL NOT NULL, lmax REAL, l10 REAL, l90 REAL, "
    "added TEXT NOT NULL, added_by TEXT NOT NULL, PRIMARY KEY (station, start_s))",
    // What a building query answers, per floor (aggregated from the façade receivers on adding).
    "CREATE TABLE floors (version INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE, building TEXT NOT NULL, "
    "floor INTEGER NOT NULL, points INTEGER NOT NULL, lday REAL, levening REAL, lnight REAL, lden REAL, ld REAL, ln REAL, "
    "exceed_day REAL, exceed_night REAL, dominant TEXT, loudest_point TEXT, x REAL, y REAL, z REAL, mean_z REAL, "
    "PRIMARY KEY (version, building, floor))",
    // The city's surfaces (city.vtp) for 3D Tiles: per building (or '' for the terrain, barriers and
    // structures) and SurfaceKind, the triangles as little-endian float64 x y z, 9 per triangle.
    "CREATE TABLE surfaces (version INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE, building TEXT NOT NULL, "
    "kind INTEGER NOT NULL, triangles BLOB NOT NULL, PRIMARY KEY (version, building, kind))",
};

/// Version 4: the stations; each receiver's and each floor's LAeq per hour of the day, 24 little-endian float32
/// (NaN where none; the floor's the loudest of its points); NULL when the result has no hourly
/// levels ([outputs] hourly off) or was added before version 4.
constexpr const char* kVersion4[] = {
    "ALTER TABLE versions ADD COLUMN hourly INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE receivers ADD COLUMN hourly BLOB",
    "ALTER TABLE floors ADD COLUMN hourly BLOB",
    // The monitoring stations and road-side displays whose measurements the store takes.
    "CREATE TABLE stations (id TEXT PRIMARY KEY, kind TEXT NOT NULL, x REAL NOT NULL, y REAL NOT NULL, height REAL NOT NULL, "
    "crs TEXT NOT NULL, added TEXT NOT NULL)",
};

void createVersion3(Database& db) {
  for (const char* sql : kVersion3) db.exec(inDialect(sql, db.dialect()));
}

void createVersion4(Database& db) {
  for (const char* sql : kVersion4) db.exec(inDialect(sql, db.dialect()));
}

}  // namespace

/// The one schema in a backend's types: PostgreSQL's REAL is 4 bytes, its integers 4 bytes, and
/// it numbers rows with identity columns.
std::string inDialect(std::string sql, Dialect d) {
  if (d != Dialect::Postgres) return sql;
  auto replaceAll = [&](const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = sql.find(from, at)) != std::string::npos; at += to.size()) sql.replace(at, from.size(), to);
  };
  replaceAll("INTEGER PRIMARY KEY", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
  replaceAll(" REAL", " DOUBLE PRECISION");
  replaceAll(" BLOB", " BYTEA");
  replaceAll(" INTEGER", " BIGINT");
  return sql;
}

void createSchema(Database& db) {
  Transaction t(db);
  for (const char* sql : kTables) db.exec(inDialect(sql, db.dialect()));
  db.exec(inDialect(kTokens, db.dialect()));
  createVersion3(db);
  createVersion4(db);
  auto s = db.prepare("INSERT INTO schema_version (version) VALUES (?)");
  s->bind(1, static_cast<std::int64_t>(kStoreSchemaVersion));
  s->step();
  t.commit();
}

void checkSchema(Database& db) {
  std::int64_t v = 0;
  try {
    auto s = db.prepare("SELECT version FROM schema_version");
    if (!s->step()) throw InputError(db.name(), "schema_version", "empty: not a citynoise store");
    v = s->integer(0);
  } catch (const InputError& e) {
    if (e.where() == "schema_version") throw;
    throw InputError(db.name(), "", "not a citynoise store (no schema_version table)");
  }
  if (v >= 1 && v <= 3) {  // migrate, in one transaction: 2 adds the tokens, 3 the sources' extents,
                          // the measurements and the floors, 4 the hourly levels (none for older results)
    Transaction t(db);
    if (v == 1) db.exec(inDialect(kTokens, db.dialect()));
    if (v < 3) createVersion3(db);
    createVersion4(db);
    if (v < 3) {
      fillSourceExtents(db);
      std::vector<std::int64_t> versions;
      for (auto s = db.prepare("SELECT id FROM versions"); s->step();) versions.push_back(s->integer(0));
      for (std::int64_t v : versions) fillFloors(db, v);
    }
    db.exec("UPDATE schema_version SET version = " + std::to_string(kStoreSchemaVersion));
    t.commit();
    return;
  }
  if (v != kStoreSchemaVersion)
    throw InputError(db.name(), "schema_version", "the store has schema version " + std::to_string(v) + ", this citynoise reads version " +
                                                      std::to_string(kStoreSchemaVersion) +
                                                      (v < kStoreSchemaVersion ? " (no migration from it is known)" : " (written by a newer citynoise)"));
}

}  // namespace citynoise::io::store
