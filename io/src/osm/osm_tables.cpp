// Reading the default tables of `citynoise osm` (see osm_tables.hpp).
#include "osm_tables.hpp"

#include "../csv_table.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/data_files.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

namespace citynoise::io::osm {

using detail::Csv;
using detail::readCsv;

Tables loadTables(const std::filesystem::path& highways, const std::filesystem::path& railways,
                  const std::filesystem::path& buildings) {
  Tables t;
  const Csv h = readCsv(highways, "osm/highways.csv");
  t.highwaysFile = h.origin;
  for (std::size_t r = 0; r < h.rows.size(); ++r) {
    HighwayDefaults d;
    d.chinaClass = h.rows[r][h.column("china_class")];
    d.lanes = h.number(r, "lanes", 1, 16);
    d.speedKmh = h.number(r, "speed_kmh", 5, 200);
    d.aadt = h.number(r, "aadt_veh_day", 0, 500000);
    d.mediumPct = h.number(r, "medium_pct", 0, 100);
    d.heavyPct = h.number(r, "heavy_pct", 0, 100 - d.mediumPct);
    d.sharePerHour = {h.number(r, "day_share_per_h", 0, 1), h.number(r, "evening_share_per_h", 0, 1), h.number(r, "night_share_per_h", 0, 1)};
    t.highways[h.rows[r][0]] = d;
    if (!d.chinaClass.empty()) t.highways[d.chinaClass] = d;
  }
  const Csv rl = readCsv(railways, "osm/railways.csv");
  t.railwaysFile = rl.origin;
  for (std::size_t r = 0; r < rl.rows.size(); ++r) {
    RailDefaults d;
    d.lwaPerTrain = rl.number(r, "lwa_per_train_dba_m", 0, 150);
    d.spectrum = rl.rows[r][rl.column("spectrum")];
    d.heightM = rl.number(r, "height_m", 0, 100);
    d.viaduct = rl.number(r, "viaduct", 0, 1) != 0.0;
    d.trainsPerHour = {rl.number(r, "trains_day_per_h", 0, 200), rl.number(r, "trains_evening_per_h", 0, 200),
                       rl.number(r, "trains_night_per_h", 0, 200)};
    t.railways[rl.rows[r][0]] = d;
  }
  const Csv b = readCsv(buildings, "osm/buildings.csv");
  t.buildingsFile = b.origin;
  for (std::size_t r = 0; r < b.rows.size(); ++r)
    t.buildings[b.rows[r][0]] = {b.number(r, "floors", 0, 200), b.rows[r][b.column("use")]};
  if (!t.buildings.count("yes") || t.buildings.at("yes").floors <= 0.0) throw InputError(b.origin, "", "no row for building=yes with floors above 0 (the default of untyped buildings)");
  return t;
}

}  // namespace citynoise::io::osm
