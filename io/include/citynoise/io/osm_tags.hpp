#pragma once
// OpenStreetMap tag values as GDAL's OSM driver hands them out: the tags it has no column for in
// `other_tags` ("key"=>"value",…), lengths with units, speeds, level counts. Pure functions.

#include <map>
#include <optional>
#include <string>

namespace citynoise::io::osm {

using Tags = std::map<std::string, std::string>;

/// The `other_tags` text of GDAL's OSM driver (an hstore: "k"=>"v","k2"=>"v2", quotes and
/// backslashes escaped with a backslash) as a map. Malformed text yields the pairs before the fault.
Tags parseOtherTags(const std::string& hstore);

/// A length in metres: "12", "12.5 m", "12,5" (decimal comma), "40'" or "40 ft", "12'6\"";
/// nullopt for anything else ("tall", "", negative).
std::optional<double> parseLength(const std::string& text);

/// A speed in km/h: "50", "30 mph", "50 km/h", "walk" (5 km/h); nullopt for "none", "signals",
/// "RU:urban" and other values without a number.
std::optional<double> parseSpeed(const std::string& text);

/// A count of levels or lanes: "5", "5.5" (a mezzanine), "3;4" (the largest); nullopt otherwise.
std::optional<double> parseCount(const std::string& text);

/// A tag's value, "" when absent.
std::string tag(const Tags& tags, const std::string& key);

/// Whether a yes/no tag says yes ("yes", "true", "1", and for bridge/tunnel any value but "no").
bool isYes(const Tags& tags, const std::string& key);

}  // namespace citynoise::io::osm
