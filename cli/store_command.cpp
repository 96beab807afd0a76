// `citynoise store init|add|list|show|retire|export|stations|measurements`: map versions, and the
// monitoring stations' measurements, kept in a store.

#include "commands.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/stations.hpp>
#include <citynoise/io/store.hpp>

#include <iostream>

namespace citynoise::cli {
namespace {

std::int64_t versionId(const std::string& text) {
  std::size_t used = 0;
  long long v = -1;
  try {
    v = std::stoll(text, &used);
  } catch (const std::exception&) {
  }
  if (used != text.size() || v <= 0) throw InputError("VERSION", text, "expected a version number (citynoise store list shows them)");
  return v;
}

void printVersion(const io::MapVersion& v) {
  std::cout << v.id << "  " << v.label << "  " << v.scenario << (v.variant.empty() ? "" : " / " + v.variant) << "  computed " << v.created
            << "  " << v.receivers << " receivers (" << v.facadeReceivers << " on façades), " << v.buildings << " buildings, "
            << v.sources << " sources" << (v.retired ? "  [retired]" : "") << "\n";
}

}  // namespace

void addStoreCommand(CLI::App& app, StoreOptions& o) {
  CLI::App* cmd = app.add_subcommand("store", "Keep map versions in a store (a SQLite file)");
  cmd->require_subcommand(1);
  CLI::App* init = cmd->add_subcommand("init", "Create a store");
  init->add_option("STORE", o.store, "store file (.sqlite or .gpkg)")->required();
  CLI::App* add = cmd->add_subcommand("add", "Add a result folder (and its variants) as map versions");
  add->add_option("STORE", o.store, "store file")->required();
  add->add_option("RESULT_DIR", o.result, "a citynoise run output folder")->required();
  add->add_option("--label", o.label, "the version's label, e.g. \"2026 baseline\"")->required();
  CLI::App* list = cmd->add_subcommand("list", "List the versions");
  list->add_option("STORE", o.store, "store file")->required();
  list->add_flag("--all", o.all, "retired versions too");
  CLI::App* show = cmd->add_subcommand("show", "Show a version: scenario, method, options, inputs, figures");
  show->add_option("STORE", o.store, "store file")->required();
  show->add_option("VERSION", o.version, "version number")->required();
  CLI::App* retire = cmd->add_subcommand("retire", "Hide a version from the public (it is kept)");
  retire->add_option("STORE", o.store, "store file")->required();
  retire->add_option("VERSION", o.version, "version number")->required();
  CLI::App* exp = cmd->add_subcommand("export", "Write a version's receivers, buildings and sources (gpkg, geojson or csv)");
  exp->add_option("STORE", o.store, "store file")->required();
  exp->add_option("VERSION", o.version, "version number")->required();
  exp->add_option("--format", o.format, "gpkg (one file), geojson or csv (a file per layer)")->required();
  exp->add_option("--out", o.out, "output folder")->required();
  CLI::App* stations = cmd->add_subcommand("stations", "Declare monitoring stations and displays: station,x,y,z[,crs][,kind] (z above the ground)");
  stations->add_option("STORE", o.store, "store file or PG:connection")->required();
  stations->add_option("FILE", o.result, "stations CSV")->required();
  stations->add_option("--crs", o.crs, "the district's CRS, which the store keeps the stations in (rows may name their own)")->required();
  CLI::App* measured = cmd->add_subcommand("measurements", "Add measured intervals: station,start,end,laeq[,lmax,l10,l90] (ISO 8601 with offsets)");
  measured->add_option("STORE", o.store, "store file or PG:connection")->required();
  measured->add_option("FILE", o.result, "measurements CSV")->required();
  for (CLI::App* sub : {init, add, list, show, retire, exp, stations, measured})
    sub->callback([&o, sub] { o.action = sub->get_name(); });
}

void addTokenCommand(CLI::App& app, StoreOptions& o) {
  CLI::App* cmd = app.add_subcommand("token", "Tokens of the service: add (printed once), revoke, list");
  cmd->require_subcommand(1);
  CLI::App* add = cmd->add_subcommand("add", "Create a token and print it (the store keeps only its salted hash)");
  add->add_option("STORE", o.store, "store file or PG:connection")->required();
  add->add_option("--name", o.label, "who holds it")->required();
  add->add_option("--role", o.format, "viewer, editor or admin")->required()->check(CLI::IsMember({"viewer", "editor", "admin"}));
  CLI::App* revoke = cmd->add_subcommand("revoke", "Revoke every token of a name");
  revoke->add_option("STORE", o.store, "store file or PG:connection")->required();
  revoke->add_option("--name", o.label, "whose tokens")->required();
  CLI::App* list = cmd->add_subcommand("list", "List the tokens (names, roles, dates; never the tokens)");
  list->add_option("STORE", o.store, "store file or PG:connection")->required();
  for (CLI::App* sub : {add, revoke, list})
    sub->callback([&o, sub] { o.action = "token-" + sub->get_name(); });
}

int runStore(const StoreOptions& o) {
  try {
    if (o.action == "init") {
      io::MapStore::init(o.store);
      std::cout << o.store << ": store created (schema " << io::kStoreSchemaVersion << ")\n";
      return kExitOk;
    }
    io::MapStore store(o.store);
    if (o.action == "token-add") {
      const io::Role role = o.format == "admin" ? io::Role::Admin : o.format == "editor" ? io::Role::Editor : io::Role::Viewer;
      std::cout << store.addToken(o.label, role) << "\n";
    } else if (o.action == "token-revoke") {
      store.revokeToken(o.label);
      std::cout << "tokens of " << o.label << " revoked\n";
    } else if (o.action == "token-list") {
      for (const io::StoredToken& t : store.tokens())
        std::cout << t.name << "  " << toString(t.role) << "  created " << t.created << (t.revoked ? "  [revoked]" : "") << "\n";
    } else if (o.action == "add") {
      for (const io::MapVersion& v : store.add(o.result, o.label)) {
        if (v.alreadyStored) std::cout << "already stored as version " << v.id << ": ";
        printVersion(v);
      }
    } else if (o.action == "list") {
      for (const io::MapVersion& v : store.list(o.all)) printVersion(v);
    } else if (o.action == "show") {
      const io::MapVersion v = store.version(versionId(o.version));
      printVersion(v);
      std::cout << "method: " << v.method << "\ncrs: " << v.crs << "\nadded: " << v.added << "\nresult sha256: " << v.resultHash
                << "\nscenario sha256: " << v.scenarioSha256 << "\nrun: " << v.run << "\n";
    } else if (o.action == "export") {
      for (const auto& f : store.exportVersion(versionId(o.version), o.format, o.out)) std::cout << f.string() << "\n";
    } else if (o.action == "stations") {
      const std::int64_t added = store.addStations(io::readStations(o.result, o.crs), o.crs);
      std::cout << o.result << ": " << added << " new station(s), " << store.stations().size() << " declared\n";
    } else if (o.action == "measurements") {
      std::vector<io::Station> known;
      for (const auto& [s, crs] : store.stations()) known.push_back(s);
      const io::MeasurementFile file = io::readMeasurements(o.result, known);
      const io::MeasurementReceipt r = store.addMeasurements(file.intervals, "citynoise store measurements");
      std::cout << o.result << ": " << r.added << " interval(s) added, " << r.duplicates + file.duplicates << " already stored or repeated (kept once)\n";
    } else if (o.action == "retire") {
      store.retire(versionId(o.version));
      std::cout << "version " << o.version << " retired\n";
    }
    return kExitOk;
  } catch (const InputError& e) {
    std::cerr << "citynoise store: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "citynoise store: " << o.store << ": error: " << e.what() << '\n';
    return kExitFailure;
  }
}

}  // namespace citynoise::cli
