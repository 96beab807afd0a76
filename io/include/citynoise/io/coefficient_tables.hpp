#pragma once
// The CNOSSOS-EU coefficient tables: the shipped ones (io/data/cnossos/, installed under
// share/citynoise/cnossos/) or a file of the same layout.

#include <citynoise/core/emission/rail.hpp>
#include <citynoise/core/emission/road.hpp>

#include <map>

#include <string>

namespace citynoise::io {

/// "cnossos-2020" (Directive 2021/1226, the default), "cnossos-2015" (Directive 2015/996), or
/// the path of a JSON file with the layout of RoadCnossos_2020.json. Throws InputError.
emission::RoadCoefficients loadRoadCoefficients(const std::string& nameOrPath);

/// Railway tables: a built-in file name ("RailwayEmissionCnossos.json", the default, or
/// "outdated/RailwayCnossosEU_2020.json") or a path.
emission::RailTables loadRailTables(const std::string& nameOrPath);
/// Railway vehicle types: "RailwayVehiclesCnossos.json" (default), "outdated/RailwayVehiclesCnossos_2015.json" or a path.
std::map<std::string, emission::RailVehicleType> loadRailVehicles(const std::string& nameOrPath);

/// Whether a name is one of the shipped tables ("RailwayEmissionCnossos.json", …), read from the
/// data folder's cnossos/ (see data_files.hpp).
bool isBuiltInTable(const std::string& fileName);

}  // namespace citynoise::io
