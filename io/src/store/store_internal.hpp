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
MapVersion addResult(Database& db, const std::filesystem::path& dir, const std::string& label);

}  // namespace citynoise::io::store
