#pragma once
// Internals shared by the store's files.
#include <citynoise/io/store.hpp>

#include "database.hpp"

#include <filesystem>

namespace citynoise::io::store {

extern const char* kVersionColumns;  ///< the columns versionFrom() reads, in its order
MapVersion versionFrom(const Statement& s);

/// Adds one result folder (inside the caller's transaction): its version row, receivers,
/// buildings, sources and summaries; an already stored result (same hash) returns its version
/// with alreadyStored set.
MapVersion addResult(Database& db, const std::filesystem::path& dir, const std::string& label);

}  // namespace citynoise::io::store
