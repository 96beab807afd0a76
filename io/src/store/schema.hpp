#pragma once
// The store's tables (one schema for every backend) and its version check.
#include "database.hpp"

namespace citynoise::io::store {

/// Creates the tables and records kStoreSchemaVersion.
void createSchema(Database& db);
/// InputError naming the store when its schema version is not this citynoise's.
void checkSchema(Database& db);

}  // namespace citynoise::io::store
