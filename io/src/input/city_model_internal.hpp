#pragma once
// The two city model formats behind readCityModel (internal to citynoise_io).
#include <citynoise/io/city_model.hpp>

#include <string>

namespace citynoise::io::detail {

CityModel readCityJson(const std::string& file);
CityModel readCityGml(const std::string& file);

/// "urn:ogc:def:crs:EPSG::2056", "http://www.opengis.net/def/crs/EPSG/0/2056", "EPSG:2056" →
/// "EPSG:2056"; other text as it is.
std::string epsgName(const std::string& reference);

}  // namespace citynoise::io::detail
