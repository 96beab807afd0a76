#pragma once
// Where citynoise finds its data: the CNOSSOS-EU coefficient tables (cnossos/), the equipment
// library (sources/equipment.csv) and the map palettes (palettes.json).
//
// The folder is share/citynoise next to the program's bin/: <prefix>/share/citynoise once
// installed (`cmake --install`, the Debian package), <build>/share/citynoise in the build tree,
// which the build fills from io/data/. The environment variable CITYNOISE_DATA_DIR names another
// folder and then must hold the data.

#include <citynoise/core/map_palette.hpp>

#include <filesystem>
#include <string>

namespace citynoise::io {

/// The data folder, found once. Throws std::runtime_error naming every place searched when none
/// holds the data.
const std::filesystem::path& dataDirectory();

/// The bytes of a data file by its path in the data folder ("cnossos/RoadCnossos_2020.json");
/// InputError naming the full path when it cannot be read.
std::string readDataFile(const std::string& relative);

/// The map palettes of palettes.json, read and checked once; InputError naming the file, the scale
/// and the class when they do not tile the real line.
const MapPalette& mapPalette();

/// Reads and checks a palettes file (the parser behind mapPalette()).
MapPalette readMapPalette(const std::string& text, const std::string& origin);

}  // namespace citynoise::io
