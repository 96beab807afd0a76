#pragma once
// The JSON answers of the API, from the store's plain structs (internal to citynoise_server).
#include <citynoise/io/store.hpp>

#include <nlohmann/json.hpp>

namespace citynoise::server {

nlohmann::ordered_json versionJson(const io::MapVersion& v);
/// A building with its GB 3096 limits and per-floor levels (null for levels the store lacks).
nlohmann::ordered_json buildingJson(const io::StoredBuilding& b);
/// summary.csv's tables ("table,key,class,Lden,…" rows) as { table: [ {key, class, Lden, …} ] }.
nlohmann::ordered_json summaryJson(const std::string& csv);

}  // namespace citynoise::server
