#pragma once
// The JSON answers of the API, from the store's plain structs (internal to citynoise_server).
#include <citynoise/io/receiver_index.hpp>
#include <citynoise/io/store.hpp>
#include <citynoise/io/tiles.hpp>

#include <nlohmann/json.hpp>

namespace citynoise::server {

nlohmann::ordered_json versionJson(const io::MapVersion& v);
/// A building with its GB 3096 limits and per-floor levels (null for levels the store lacks).
nlohmann::ordered_json buildingJson(const io::StoredBuilding& b, const io::LonLatConverter& lonLat);
/// A building of a list: the maxima over its façade, its extent's centre.
nlohmann::ordered_json buildingSummaryJson(const io::BuildingSummary& b, const io::LonLatConverter& lonLat);
/// A building in two versions: per floor a, b and b − a of each level, people relieved.
nlohmann::ordered_json changeJson(const io::BuildingChange& c);
nlohmann::ordered_json sourceJson(const io::StoredSource& s);
/// The level at a point and how it was found.
nlohmann::ordered_json levelJson(const io::PointLevel& p, double x, double y, double z);
/// A CSV table with a header row (compare.csv) as [{column: value}], numbers as numbers.
nlohmann::ordered_json tableJson(const std::string& csv);
/// summary.csv's tables ("table,key,class,Lden,…" rows) as { table: [ {key, class, Lden, …} ] }.
nlohmann::ordered_json summaryJson(const std::string& csv);

}  // namespace citynoise::server
