#pragma once
// Internals shared by the store's files.
#include <citynoise/io/store.hpp>

#include "database.hpp"

#include <ctime>
#include <filesystem>

namespace citynoise::io::store {

/// A time as UTC ISO 8601 ("2026-12-03T09:02:10Z"), the store's one time format.
std::string utcTime(std::time_t t);

extern const char* kVersionColumns;  ///< the columns versionFrom() reads, in its order
MapVersion versionFrom(const Statement& s);

/// Adds one result folder (inside the caller's transaction): its version row, receivers,
/// buildings, sources and summaries; an already stored result (same hash) returns its version
/// with alreadyStored set.
/// Adds the city's surfaces of a result (its city.vtp: cell arrays kind and building index, the
/// index into `buildingIds`), grouped by building and kind.
void addSurfaces(Database& db, const std::filesystem::path& cityVtp, const std::vector<std::string>& buildingIds, std::int64_t version);

/// The floors of a version's buildings from its façade receivers: per floor the loudest point per
/// indicator, the point loudest in Lden (the first by id on a tie) with its dominant class.
void fillFloors(Database& db, std::int64_t version);

MapVersion addResult(Database& db, const std::filesystem::path& dir, const std::string& label);

/// The hourly LAeq as the store keeps them: 24 little-endian float32 (NaN where none), and back
/// (empty for an empty or malformed blob).
std::vector<std::uint8_t> hourlyBlob(const std::vector<double>& hours);
std::vector<double> hoursOf(const std::vector<std::uint8_t>& blob);

}  // namespace citynoise::io::store
