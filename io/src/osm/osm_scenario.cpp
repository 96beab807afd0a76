// DIR/scenario.toml and DIR/osm_summary.md of `citynoise osm`.
#include "osm_internal.hpp"

#include <citynoise/io/atomic_file.hpp>

#include <iomanip>

namespace citynoise::io::osm {
namespace {

/// A TOML basic string.
std::string quoted(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

std::string demPath(const OsmImportOptions& o) {
  if (o.dem.empty()) return {};
  std::error_code ec;
  const std::filesystem::path rel = std::filesystem::relative(std::filesystem::absolute(o.dem), std::filesystem::absolute(o.outDir), ec);
  return (ec || rel.empty() ? std::filesystem::absolute(o.dem) : rel).generic_string();
}

void writeRoads(std::ostream& o, const OsmImportReport& r) {
  if (r.roads == 0) return;
  // Bridges carry their traffic above the ground they span; without deck altitudes in OSM the
  // source is raised by a nominal 5 m (a deck over a street or a small valley).
  for (const bool bridge : {false, true}) {
    if (bridge ? r.bridges == 0 : r.bridges == r.roads) continue;
    o << "\n[[roads]]\nfile = \"city.gpkg\"\nlayer = \"roads\"\nid = \"osm_id\"\n";
    o << "where = \"bridge " << (bridge ? "= 1" : "= 0") << "\"\n";
    if (bridge) o << "height = 5.0                  # bridges and viaducts: nominal deck height above the ground\n";
    o << "surface_code = \"DEF\"          # OSM gives no CNOSSOS-EU surface: the reference surface\n";
    for (const char* p : {"D", "E", "N"}) {
      const std::string s(1, static_cast<char>(std::tolower(p[0])));
      o << "[roads.traffic." << p << "]\nlight = \"light_" << s << "\"\nmedium = \"medium_" << s << "\"\nheavy = \"heavy_" << s
        << "\"\nspeed = \"speed\"\n";
    }
  }
}

void writeRail(std::ostream& o, const OsmImportReport& r, const Tables& tables) {
  for (const auto& [kind, count] : r.railByKind) {
    const RailDefaults& d = tables.railways.at(kind);
    o << "\n[[rail]]                        # " << count << " railway=" << kind << " ways, defaults of " << tables.railwaysFile << "\n"
      << "file = \"city.gpkg\"\nlayer = \"rail\"\nid = \"osm_id\"\nwhere = \"railway = '" << kind << "'\"\n"
      << "kind = \"direct\"\nheight = " << d.heightM << "\nlwa_per_train = " << d.lwaPerTrain << "\nspectrum = " << quoted(d.spectrum)
      << "\nviaduct = " << (d.viaduct ? "1" : "\"bridge\"") << "\ntrains = { D = " << d.trainsPerHour[0] << ", E = " << d.trainsPerHour[1]
      << ", N = " << d.trainsPerHour[2] << " }\n";
  }
}

}  // namespace

void writeOsmScenario(const std::filesystem::path& file, const OsmImportOptions& options, const OsmImportReport& r, const Tables& tables) {
  AtomicFile out(file);
  std::ostream& o = out.stream();
  o << "# Made by `citynoise osm " << options.input.filename().string() << "` — see osm_summary.md for how each value was chosen.\n"
    << "# OpenStreetMap data © OpenStreetMap contributors, ODbL 1.0.\n"
    << "[scenario]\nname = " << quoted(options.name) << "\ncrs = " << quoted(r.crs) << "\n\n"
    << "[periods]                       # the traffic columns stand for the EU periods; Ld/Ln (China, 06–22/22–06)\n"
    << "traffic = { D = \"07:00-19:00\", E = \"19:00-23:00\", N = \"23:00-07:00\" }   # are computed from the same hours\n";
  writeRoads(o, r);
  writeRail(o, r, tables);
  o << "\n[buildings]\nfile = \"city.gpkg\"\nlayer = \"buildings\"\nid = \"osm_id\"\nheight = \"height\"\nfloors = \"floors\"\n"
    << "use = \"use\"\npopulation = \"population\"     # estimated for residential buildings (osm_summary.md)\n"
    << "storey_height = " << options.storeyHeight << "\n";
  const std::string dem = demPath(options);
  if (!dem.empty()) o << "\n[terrain]\nfile = " << quoted(dem) << "\n";
  o << "\n[ground]\ndefault_g = 0.0                 # the city's hard ground; parks, grass, forest, farmland below\n";
  if (r.groundAreas > 0) o << "file = \"city.gpkg\"\nlayer = \"ground\"\nid = \"osm_id\"\ng = \"G\"\n";
  o << "\n[zones]\ndefault = \"2\"                   # GB 3096 class 2 (mixed) unless a zone map is added\n"
    << (r.roads > 0 ? "strips_4a = { class = \"highway\" }   # class 4a along motorways, trunk, primary, secondary roads\n" : "")
    << "\n[receivers.facades]\nmode = \"incident\"\nspacing = 5.0\nevery_nth_floor = 1             # every floor\n"
    << "\n[[receivers.grid]]\nheights = [4.0]\nspacing = 10.0\n"
    << "\n[calculation]\nreflection_order = 1\nmax_distance = 500.0\n";
  out.commit();
}

void writeOsmSummary(const std::filesystem::path& file, const OsmImportOptions& options, const OsmImportReport& r, const Tables& tables) {
  AtomicFile out(file);
  std::ostream& o = out.stream();
  auto table = [&](const char* title, const std::map<std::string, std::size_t>& counts) {
    o << "\n## " << title << "\n\n| | count |\n|---|---:|\n";
    for (const auto& [k, n] : counts) o << "| " << k << " | " << n << " |\n";
  };
  o << "# " << options.name << ": OpenStreetMap import\n\n"
    << "From `" << options.input.string() << "`, in " << r.crs << ". OpenStreetMap data © OpenStreetMap contributors, ODbL 1.0.\n\n"
    << "| layer | features |\n|---|---:|\n| buildings | " << r.buildings << " |\n| roads | " << r.roads << " |\n| rail | "
    << r.railLines << " |\n| ground | " << r.groundAreas << " |\n| geometry repairs | " << r.repairs.size() << " (repairs.csv) |\n";
  table("Building heights from", r.heightFrom);
  table("Building uses from", r.useFrom);
  o << "\nBuilding parts: " << r.partsReplacingOutline << " replaced their outline (they cover it), " << r.partsDropped
    << " dropped (their outline stays), " << r.raisedParts << " raised parts or buildings left out (min_height / building:min_level > 0: "
    << "sound passes below).\n";
  table("Roads by class", r.roadsByClass);
  o << "\nTagged: maxspeed on " << r.speedTagged << " ways, lanes on " << r.lanesTagged << "; " << r.onewayWays
    << " one-way carriageways (half the class's flow), " << r.bridges << " bridges and viaducts (source raised 5 m).\n"
    << "Traffic from " << tables.highwaysFile << " (engineering defaults, see its README).\n";
  table("Rail lines by kind", r.railByKind);
  o << "\nRail defaults from " << tables.railwaysFile << ".\n";
  table("Ground areas", r.groundByKind);
  table("Left out", r.leftOut);
  out.commit();
}

}  // namespace citynoise::io::osm
