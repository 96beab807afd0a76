#pragma once
// Buildings from 3D city models — CityJSON (1.0, 1.1, 2.0) and CityGML 2.0 — as the scene needs
// them: a footprint (the plan union of the building's ground and roof surfaces), the eaves
// altitude for the vertical cut (flat roofs: the roof; pitched LoD2 roofs: the eaves), the base
// altitude, and the surfaces as they are for the 3D outputs. Only plain citynoise types here.

#include <citynoise/core/scene_description.hpp>
#include <citynoise/io/gis.hpp>
#include <citynoise/io/repairs.hpp>

#include <map>
#include <string>
#include <vector>

namespace citynoise::io {

/// What a surface of a city object is (CityGML semantics; Unknown where the model has none).
enum class SurfaceRole { Ground, Wall, Roof, Unknown };

struct CitySurface {
  std::vector<Vec3> ring;  ///< outer ring, without the closing vertex; absolute altitudes
  SurfaceRole role = SurfaceRole::Unknown;
};

/// A Building or BuildingPart of the model with the geometry of its highest level of detail.
struct CityObject {
  std::string id, type, parent;  ///< parent: a part's building
  std::string lod;
  std::map<std::string, AttributeValue> attributes;  ///< a part inherits its building's
  std::vector<CitySurface> surfaces;
};

struct CityModel {
  std::string file;
  std::string crs;  ///< "EPSG:7415" …, "" when the model declares none
  std::vector<CityObject> buildings;
  std::map<std::string, std::size_t> otherObjects;  ///< by type, not read (roads, land use, …)
};

/// Whether a file is a city model this reader takes (.city.json / CityJSON content, .gml / CityGML).
bool isCityModel(const std::string& file);

/// Reads a CityJSON or CityGML file, its vertices reprojected to `targetCrs` ("" = as they are).
/// InputError naming the file and the object on a malformed model; a model without any building
/// geometry is an error too.
CityModel readCityModel(const std::string& file, const std::string& targetCrs);

/// A city object as a scene building.
struct ModelBuilding {
  Building building;         ///< footprint, holes, roofAltitude = the eaves (absolute)
  double baseAltitude = 0;   ///< the lowest point of its ground (or of any surface)
  double ridgeAltitude = 0;  ///< the highest point
  /// The footprint's corners at the base (terrain spot heights); none for a part without a ground
  /// surface in a model with semantics (it stands on another part).
  std::vector<Vec3> groundPoints;
};

/// Footprints by GEOS union (through GDAL) of the plan projections of the non-vertical surfaces,
/// repaired like any footprint (repairs recorded); the eaves as the plan-area-weighted median of
/// the roof surfaces' lowest points (roof: semantics, else the non-vertical surfaces above the
/// base). Objects without such surfaces are dropped with a Repair.
std::vector<ModelBuilding> modelBuildings(const CityModel& model, std::vector<Repair>& repairs, bool strict);

}  // namespace citynoise::io
