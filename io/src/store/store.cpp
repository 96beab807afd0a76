// Opening a store, listing and retiring versions (adding: store_add.cpp).
#include <citynoise/core/error.hpp>
#include <citynoise/io/store.hpp>

#include "database.hpp"
#include "schema.hpp"
#include "store_internal.hpp"

#include <algorithm>
#include <filesystem>

namespace citynoise::io {

void MapStore::init(const std::string& store) {
  const bool postgres = store.rfind("PG:", 0) == 0;
  if (!postgres && std::filesystem::exists(store))
    throw InputError(store, "", "exists already: a store is created once (citynoise store add adds to it)");
  auto db = store::openDatabase(store, true);
  if (postgres) {
    bool exists = true;
    try {
      store::checkSchema(*db);
    } catch (const InputError& e) {
      exists = e.message().find("no schema_version") == std::string::npos;
    }
    if (exists) throw InputError(db->name(), "", "holds a citynoise store already: a store is created once");
  }
  store::createSchema(*db);
}

MapStore::MapStore(const std::string& store) : db_(store::openDatabase(store, false)) { store::checkSchema(*db_); }

MapStore::~MapStore() = default;

namespace store {

const char* kVersionColumns =
    "id, label, scenario, variant, created, added, result_hash, scenario_sha256, method, crs, retired, receivers, "
    "facade_receivers, buildings, sources, run, hourly";

MapVersion versionFrom(const Statement& s) {
  MapVersion v;
  v.id = s.integer(0);
  v.label = s.text(1), v.scenario = s.text(2), v.variant = s.text(3), v.created = s.text(4), v.added = s.text(5);
  v.resultHash = s.text(6), v.scenarioSha256 = s.text(7), v.method = s.text(8), v.crs = s.text(9);
  v.retired = s.integer(10) != 0;
  v.receivers = s.integer(11), v.facadeReceivers = s.integer(12), v.buildings = s.integer(13), v.sources = s.integer(14);
  v.run = s.text(15);
  v.hourly = s.integer(16) != 0;
  return v;
}

}  // namespace store

std::vector<MapVersion> MapStore::list(bool includeRetired) const {
  auto s = db_->prepare(std::string("SELECT ") + store::kVersionColumns + " FROM versions WHERE retired = 0 OR ? = 1 ORDER BY id");
  s->bind(1, static_cast<std::int64_t>(includeRetired ? 1 : 0));
  std::vector<MapVersion> out;
  while (s->step()) out.push_back(store::versionFrom(*s));
  return out;
}

MapVersion MapStore::version(std::int64_t id) const {
  auto s = db_->prepare(std::string("SELECT ") + store::kVersionColumns + " FROM versions WHERE id = ?");
  s->bind(1, id);
  if (!s->step()) throw InputError(db_->name(), "version " + std::to_string(id), "no such version");
  return store::versionFrom(*s);
}

void MapStore::retire(std::int64_t id) {
  (void)version(id);
  auto s = db_->prepare("UPDATE versions SET retired = 1 WHERE id = ?");
  s->bind(1, id);
  s->step();
}

std::vector<MapVersion> MapStore::add(const std::filesystem::path& resultDir, const std::string& label) {
  if (label.empty()) throw InputError(resultDir.string(), "--label", "a version needs a label (\"2026 baseline\")");
  std::vector<std::filesystem::path> folders{resultDir};
  const std::filesystem::path variants = resultDir / "variants";
  if (std::filesystem::is_directory(variants)) {
    std::vector<std::filesystem::path> v;
    for (const auto& e : std::filesystem::directory_iterator(variants))
      if (e.is_directory()) v.push_back(e.path());
    std::sort(v.begin(), v.end());
    folders.insert(folders.end(), v.begin(), v.end());
  }
  std::vector<MapVersion> out;
  store::Transaction t(*db_);  // the base and its variants enter together or not at all
  for (const auto& f : folders) out.push_back(store::addResult(*db_, f, label));
  t.commit();
  for (MapVersion& v : out)
    if (!v.alreadyStored) v = version(v.id);
  return out;
}

}  // namespace citynoise::io
