#include <citynoise/core/atmosphere.hpp>
#include <citynoise/core/decibel.hpp>
#include <citynoise/raytrace/map_engine.hpp>
#include <citynoise/raytrace/path_finder.hpp>
#include <citynoise/raytrace/receivers.hpp>
#include <citynoise/raytrace/synthetic_city.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

using namespace citynoise;
using namespace citynoise::raytrace;

namespace {

constexpr double kQuiet = -200.0;  // "no power in this band"

/// A spectrum with power in one band only.
BandArray oneBand(std::size_t band, double level) {
  BandArray b = filled(kQuiet);
  b[band] = level;
  return b;
}

HourlySpectra constant(const BandArray& power) {
  HourlySpectra h;
  h.fill(power);
  return h;
}

SourceObject pointSource(const std::string& id, SourceClass cls, Vec3 position, const BandArray& power) {
  SourceObject o;
  o.id = id;
  o.sourceClass = cls;
  o.elements.push_back({SourceShape::Point, {position}, constant(power)});
  return o;
}

Scene flatHardGround() {
  SceneDescription d;  // no buildings, flat terrain at 0, G = 0 everywhere
  std::vector<SceneWarning> w;
  return Scene::build(d, {}, w);
}

Receiver pointReceiver(Vec3 p) {
  Receiver r;
  r.id = "r";
  r.position = p;
  return r;
}

EngineSettings settings(double p) {
  EngineSettings s;
  s.paths.lateralDiffraction = false;
  s.paths.reflectionOrder = 1;
  s.paths.maxSourceDistance = 800.0;
  s.favourable.fill(p);
  return s;
}

/// Lden of a level that is the same in every hour.
double ldenOfConstant(double l) {
  return 10.0 * std::log10((12.0 * dbToEnergy(l) + 4.0 * dbToEnergy(l + 5.0) + 8.0 * dbToEnergy(l + 10.0)) / 24.0);
}

/// `count` straight roads across a square district of side `size`, 80 dB per band, along y.
std::vector<SourceObject> parallelRoads(int count, double size, double firstY, double spacing) {
  std::vector<SourceObject> sources;
  for (int k = 0; k < count; ++k) {
    SourceObject road;
    road.id = "road" + std::to_string(k);
    const double y = firstY + spacing * k;
    road.elements.push_back({SourceShape::Line, {{0, y, 0.05}, {size, y, 0.05}}, constant(filled(80.0))});
    sources.push_back(road);
  }
  return sources;
}

/// Façade points every `facadeSpacing` m on every `nthFloor`-th floor, and a 4 m grid.
ReceiverSet cityReceivers(const Scene& scene, const SceneDescription& d, double size, double facadeSpacing, int nthFloor,
                          double gridSpacing) {
  ReceiverSpec spec;
  spec.facades.enabled = true;
  spec.facades.spacing = facadeSpacing;
  spec.facades.everyNthFloor = nthFloor;
  spec.grids.push_back({{4.0}, gridSpacing, Box2{{0, 0}, {size, size}}});
  return makeReceivers(scene, d, spec, Box2{{0, 0}, {size, size}});
}

}  // namespace

TEST_CASE("A point source over rigid ground: LW − 20 lg d − 11 − α d + 3 dB in each band, in both conditions near it",
          "[raytrace][engine]") {
  const Scene scene = flatHardGround();
  const Vec3 source{0, 0, 1.0};
  const Vec3 at{100, 0, 4.0};
  const double d = distance(source, at);
  const BandArray alpha = absorptionDbPerKm(Atmosphere{});
  for (double p : {0.0, 0.5, 1.0}) {
    const MapEngine engine(scene, {pointSource("s", SourceClass::Construction, {0, 0, 1.0}, filled(100.0))}, settings(p));
    const ReceiverLevels l = engine.compute(pointReceiver(at));
    // CNOSSOS-EU: A_div = 20 lg d + 11 (eq. 2.5.12); over G = 0, A_ground = −3 dB in H, and in F
    // as long as d_p ≤ 30 (z_s + z_r) = 150 m (§2.5.6).
    double energy = 0.0;
    for (std::size_t i = 0; i < kBandCount; ++i)
      energy += dbToEnergy(100.0 - (20.0 * std::log10(d) + 11.0) - alpha[i] * d / 1000.0 + 3.0 + kAWeighting[i]);
    const double expected = energyToDb(energy);
    INFO("p = " << p);
    CHECK(l.total(Lday) == Approx(expected).margin(2e-3));
    CHECK(l.total(Lnight) == Approx(expected).margin(2e-3));
    CHECK(l.total(LnCn) == Approx(expected).margin(2e-3));
    CHECK(l.total(Lden) == Approx(ldenOfConstant(expected)).margin(2e-3));
    CHECK(l.levels[static_cast<std::size_t>(SourceClass::Construction)][Lday] == Approx(expected).margin(2e-3));
    CHECK(l.paths == 1);
  }
}

TEST_CASE("A long line source split by angle matches the analytic infinite line within 0.1 dB", "[raytrace][engine]") {
  // A 2 km road 20 m from the receiver, 125 Hz only: L = LW′ − 10 lg(4d) + 3 dB, less the
  // part of the line beyond the 800 m maximum distance: 10 lg(2 atan(x_max/d) / π).
  const Scene scene = flatHardGround();
  const double d = 20.0;
  SourceObject road;
  road.id = "road";
  road.elements.push_back({SourceShape::Line, {{-1000, 0, 0.05}, {1000, 0, 0.05}}, constant(oneBand(1, 80.0))});
  // Homogeneous conditions only: in favourable ones the rigid-ground bound drops below −3 dB
  // beyond d_p = 30 (z_s + z_r) (A_ground,F,min, §2.5.6), which the analytic line does not have.
  const MapEngine engine(scene, {road}, settings(0.0));
  const Vec3 at{0, d, 4.0};
  const ReceiverLevels l = engine.compute(pointReceiver(at));
  const double h = at.z - 0.05;
  const double r = std::hypot(d, h);  // the distance to the line in 3D
  const double xMax = std::sqrt(800.0 * 800.0 - r * r);
  const double truncation = 10.0 * std::log10(2.0 * std::atan(xMax / r) / std::numbers::pi);
  const double expected = 80.0 - 10.0 * std::log10(4.0 * r) + 3.0 + truncation + kAWeighting[1];
  // Air absorption over the nearest few hundred metres at 125 Hz: a few hundredths of a dB.
  CHECK(l.total(Lday) == Approx(expected).margin(0.1));
  CHECK(l.total(Lday) < expected);
  CHECK(l.pieces > 30);  // 5° pieces: about 36 over the half plane
}

TEST_CASE("Class levels add up to the total, and the dominant class is the loudest", "[raytrace][engine]") {
  const Scene scene = flatHardGround();
  const MapEngine engine(scene,
                         {pointSource("a", SourceClass::Road, {0, 0, 0.5}, filled(95.0)),
                          pointSource("b", SourceClass::SquareDance, {0, 40, 1.5}, filled(100.0))},
                         settings(0.5));
  const ReceiverLevels l = engine.compute(pointReceiver({60, 20, 4}));
  const double road = l.levels[static_cast<std::size_t>(SourceClass::Road)][Lden];
  const double dance = l.levels[static_cast<std::size_t>(SourceClass::SquareDance)][Lden];
  CHECK(energyToDb(dbToEnergy(road) + dbToEnergy(dance)) == Approx(l.total(Lden)).margin(1e-3));
  CHECK(l.dominant(Lden) == SourceClass::SquareDance);
  CHECK(std::isinf(l.levels[static_cast<std::size_t>(SourceClass::Rail)][Lden]));
}

TEST_CASE("Hourly emission follows the schedule into the periods", "[raytrace][engine]") {
  // On 19:00–21:00 only: Levening (19–23) holds the energy of 2 hours spread over 4, Lday and
  // Lnight nothing, LAeq,1h at 20:00 the hour's level.
  const Scene scene = flatHardGround();
  SourceObject dance = pointSource("dance", SourceClass::SquareDance, {0, 0, 1.5}, filled(100.0));
  for (std::size_t h = 0; h < kHoursPerDay; ++h)
    if (h != 19 && h != 20) dance.elements[0].power[h] = filled(kQuiet);
  const MapEngine engine(scene, {dance}, settings(0.5));
  const ReceiverLevels l = engine.compute(pointReceiver({50, 0, 4}));
  CHECK(l.total(Levening) == Approx(l.hourly[20] + 10.0 * std::log10(2.0 / 4.0)).margin(1e-3));
  CHECK(l.total(Lday) < 0.0);
  CHECK(l.total(Lnight) < 0.0);
  CHECK(l.total(LdCn) == Approx(l.hourly[20] + 10.0 * std::log10(2.0 / 16.0)).margin(1e-3));
}

TEST_CASE("The map engine gives the same numbers on 1 and N threads", "[raytrace][engine]") {
  SyntheticCityOptions o;
  o.size = 400.0;
  o.buildings = 120;
  o.seed = 7;
  SceneDescription d = makeSyntheticCity(o);
  std::vector<SceneWarning> w;
  const Scene scene = Scene::build(d, {}, w);
  const std::vector<SourceObject> sources = parallelRoads(4, 400.0, 48.0, 100.0);
  const ReceiverSet set = cityReceivers(scene, d, 400.0, 15.0, 3, 40.0);
  REQUIRE(set.receivers.size() > 100);
  const MapEngine engine(scene, sources, settings(0.5));
  const std::vector<ReceiverLevels> one = engine.computeAll(set.receivers, 1);
  const std::vector<ReceiverLevels> four = engine.computeAll(set.receivers, 4);
  REQUIRE(one.size() == four.size());
  std::size_t differing = 0;
  for (std::size_t k = 0; k < one.size(); ++k)
    differing += one[k].levels != four[k].levels || one[k].hourly != four[k].hourly || one[k].paths != four[k].paths;
  CHECK(differing == 0);
  // And one receiver alone (--only-receiver) gives what the whole run gave it.
  const std::size_t probe = one.size() / 2;
  CHECK(engine.compute(set.receivers[probe]).levels == one[probe].levels);
}

TEST_CASE("The map engine gives the same levels with the brute-force tracer as with Embree", "[raytrace][engine][tracer]") {
  // A small city where legs of reflected and lateral paths run into buildings: the building
  // tracer decides which of them exist, so any disagreement between the tracers shows in levels.
  SyntheticCityOptions o;
  o.size = 200.0;
  o.buildings = 40;
  o.walls = 3;
  o.streetSpacing = 60.0;
  o.seed = 11;
  const SceneDescription d = makeSyntheticCity(o);
  std::vector<SceneWarning> w;
  SceneOptions embreeOptions, bruteOptions;
  bruteOptions.tracer = TracerKind::BruteForce;
  const Scene embree = Scene::build(d, embreeOptions, w);
  const Scene brute = Scene::build(d, bruteOptions, w);
  const std::vector<SourceObject> sources = parallelRoads(3, 200.0, 30.0, 60.0);
  const ReceiverSet set = cityReceivers(embree, d, 200.0, 20.0, 4, 25.0);
  REQUIRE(set.receivers.size() > 50);
  EngineSettings s = settings(0.5);
  s.paths.lateralDiffraction = true;
  const std::vector<ReceiverLevels> a = MapEngine(embree, sources, s).computeAll(set.receivers, 2);
  const std::vector<ReceiverLevels> b = MapEngine(brute, sources, s).computeAll(set.receivers, 2);
  REQUIRE(a.size() == b.size());
  std::size_t differing = 0, paths = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    differing += a[k].levels != b[k].levels || a[k].paths != b[k].paths;
    paths += a[k].paths;
  }
  CHECK(differing == 0);
  CHECK(paths > 0);
  // The building tracer had work to do: legs of candidate reflections ran into buildings, and both
  // tracers rejected the same ones.
  PathFinderStats sa, sb;
  std::vector<Path3> found;
  auto scratch = makePathFinderScratch();
  const PathFinder fa(embree, s.paths), fb(brute, s.paths);
  for (std::size_t k = 0; k < set.receivers.size(); k += 3)
    for (double x = 10.0; x < 200.0; x += 45.0) {
      fa.find({x, 30.0, 0.05}, set.receivers[k].position, found, *scratch, &sa);
      fb.find({x, 30.0, 0.05}, set.receivers[k].position, found, *scratch, &sb);
    }
  CHECK(sa.reflectionsRejected > 0);
  CHECK(sa.reflectionsRejected == sb.reflectionsRejected);
  CHECK(sa.rays == sb.rays);
}
