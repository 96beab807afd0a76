#pragma once
// The store's tables (one schema for every backend) and its version check.
#include "database.hpp"

namespace citynoise::io::store {

/// Creates the tables and records kStoreSchemaVersion.
void createSchema(Database& db);
/// Sets the extent columns of sources rows that lack them, from their WKT geometry (store_add.cpp).
void fillSourceExtents(Database& db);
/// InputError naming the store when its schema version is not this citynoise's.
void checkSchema(Database& db);

}  // namespace citynoise::io::store
