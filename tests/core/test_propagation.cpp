#include <citynoise/core/decibel.hpp>
#include <citynoise/core/diffraction.hpp>
#include <citynoise/core/path.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <utility>
#include <vector>

using namespace citynoise;

namespace {

PathVertex vertex(ProfilePointKind kind, Vec3 xyz, double zGround, double g) {
  PathVertex v;
  v.kind = kind;
  v.xyz = xyz;
  v.zGround = zGround;
  v.g = g;
  return v;
}

Path3 flatPath(Vec3 s, Vec3 r, double g) {
  Path3 p;
  p.vertices = {vertex(ProfilePointKind::Source, s, 0.0, g), vertex(ProfilePointKind::Receiver, r, 0.0, g)};
  return p;
}

const Atmosphere kNoAbsorptionAir{20.0, 70.0, 101325.0};

/// A reflected path over rigid ground along x: S, optional screens (x, top), the reflection point
/// (x, ray altitude, reflector top; no absorption), R.
Path3 reflectedPath(Vec3 s, std::vector<std::pair<double, double>> screens, Vec3 reflection, double top, Vec3 r) {
  Path3 p;
  p.type = PathType::Reflection;
  p.vertices.push_back(vertex(ProfilePointKind::Source, s, 0.0, 0.0));
  for (const auto& [x, z] : screens) p.vertices.push_back(vertex(ProfilePointKind::Wall, {x, 0, z}, 0.0, 0.0));
  PathVertex refl = vertex(ProfilePointKind::Reflection, reflection, 0.0, 0.0);
  refl.reflectorTop = top;
  refl.reflectorAlpha = filled(0.0);
  p.vertices.push_back(refl);
  p.vertices.push_back(vertex(ProfilePointKind::Receiver, r, 0.0, 0.0));
  return p;
}

}  // namespace

TEST_CASE("Free field over rigid ground: Lp = Lw - 20 lg d - 8 in homogeneous conditions", "[core][propagation]") {
  // The analytic point source over a rigid plane (energetic +3 dB): A_div = 20 lg d + 11, A_ground,H = −3.
  for (double d : {5.0, 20.0, 100.0, 500.0}) {
    const PointToPointResult r =
        evaluatePaths({flatPath({0, 0, 1}, {d, 0, 1}, 0.0)}, filled(100.0), kNoAbsorptionAir, 0.0, false);
    const BandArray aAtm = r.paths[0].homogeneous.aAtm;
    for (std::size_t i = 0; i < kBandCount; ++i)
      CHECK(r.paths[0].levelH[i] + aAtm[i] == Approx(100.0 - 20.0 * std::log10(d) - 8.0).margin(1e-9));
  }
}

TEST_CASE("ISO/TR 17534-4 TC01 levels in both conditions", "[core][propagation]") {
  const PointToPointResult r = evaluatePaths({flatPath({10, 10, 1}, {200, 50, 4}, 0.0)}, filled(93.0),
                                             Atmosphere{10.0, 70.0, 101325.0}, 0.5, true);
  const BandArray lh{39.21, 39.16, 39.03, 38.86, 38.53, 37.36, 32.87, 16.54};
  const BandArray lf{40.58, 40.52, 40.4, 40.23, 39.89, 38.72, 34.24, 17.9};
  for (std::size_t i = 0; i < kBandCount; ++i) {
    CHECK(r.paths[0].levelH[i] == Approx(lh[i]).margin(0.006));
    CHECK(r.paths[0].levelF[i] == Approx(lf[i]).margin(0.006));
    CHECK(r.paths[0].homogeneous.aDiv[i] == Approx(56.76).margin(0.005));
  }
}

TEST_CASE("A thin screen diffracts with Delta_dif = 10 lg(3 + 40 delta / lambda)", "[core][propagation]") {
  // S and R 1 m above reflecting ground, 20 m apart; a thin wall halfway, h above the ray.
  for (double h : {0.5, 2.0, 6.0}) {
    Path3 p;
    p.vertices = {vertex(ProfilePointKind::Source, {0, 0, 1}, 0.0, 0.0),
                  vertex(ProfilePointKind::Wall, {10, 0, 1 + h}, 0.0, 0.0),
                  vertex(ProfilePointKind::Receiver, {20, 0, 1}, 0.0, 0.0)};
    const PointToPointResult r = evaluatePaths({p}, filled(100.0), kNoAbsorptionAir, 0.5, true);
    const double delta = 2.0 * std::hypot(10.0, h) - 20.0;
    const ConditionTrace& t = r.paths[0].traceH;
    REQUIRE(t.hasDiffraction);
    for (std::size_t i = 0; i < kBandCount; ++i) {
      CHECK(t.deltaDifSR[i] == Approx(10.0 * std::log10(3.0 + 40.0 / kWavelengths[i] * delta)));
      // The screen never increases the level compared with the unscreened rigid-ground path.
      CHECK(r.paths[0].homogeneous.aBoundary[i] > -3.0);
      CHECK(t.aDif[i] <= kMaxDeltaDifHorizontal + 1e-12);
    }
  }
}

TEST_CASE("An edge far below the ray does not diffract (Rayleigh criterion)", "[core][propagation]") {
  Path3 p;
  p.vertices = {vertex(ProfilePointKind::Source, {0, 0, 5}, 0.0, 0.5),
                vertex(ProfilePointKind::Terrain, {50, 0, 1}, 1.0, 0.5),
                vertex(ProfilePointKind::Receiver, {100, 0, 5}, 0.0, 0.5)};
  const PointToPointResult r = evaluatePaths({p}, filled(100.0), kNoAbsorptionAir, 0.5, true);
  for (std::size_t i = 0; i < kBandCount; ++i) {
    CHECK(r.paths[0].traceH.aDif[i] == 0.0);
    CHECK(r.paths[0].homogeneous.aBoundary[i] == r.paths[0].traceH.aGround[i]);
  }
}

TEST_CASE("A reflection loses -10 lg(1 - alpha) and travels the image distance", "[core][propagation]") {
  Path3 direct = flatPath({0, 0, 2}, {40, 0, 2}, 0.0);
  Path3 reflected;
  reflected.type = PathType::Reflection;
  PathVertex refl = vertex(ProfilePointKind::Reflection, {20, 10, 2}, 0.0, 0.0);
  refl.reflectorTop = 30.0;  // tall façade: no retro-diffraction
  refl.reflectorAlpha = filled(0.2);
  reflected.vertices = {vertex(ProfilePointKind::Source, {0, 0, 2}, 0.0, 0.0), refl,
                        vertex(ProfilePointKind::Receiver, {40, 0, 2}, 0.0, 0.0)};
  const PointToPointResult r = evaluatePaths({direct, reflected}, filled(100.0), kNoAbsorptionAir, 0.5, true);
  const PathResult& pr = r.paths[1];
  const double image = 2.0 * std::hypot(20.0, 10.0);
  for (std::size_t i = 0; i < kBandCount; ++i) {
    CHECK(pr.homogeneous.aRef[i] == Approx(-10.0 * std::log10(0.8)));
    CHECK(pr.homogeneous.aDiv[i] == Approx(20.0 * std::log10(image) + 11.0));
    CHECK(pr.homogeneous.aRetroDiff[i] == 0.0);
  }
  // A reflector whose top is below the ray loses most of the reflection (retro-diffraction).
  reflected.vertices[1].reflectorTop = 1.0;
  const PointToPointResult low = evaluatePaths({reflected}, filled(100.0), kNoAbsorptionAir, 0.5, false);
  for (double a : low.paths[0].homogeneous.aRetroDiff) CHECK(a > 4.7);
}

TEST_CASE("Retro-diffraction is measured against the ray past a screen, not the line S-R", "[core][propagation]") {
  // S, a 6 m screen at 10 m, a reflector (top 5 m) at 30 m, R at 50 m, all over rigid ground,
  // unfolded. The ray runs over the screen's top E and descends to R: at the reflector it is
  // 3.5 m high, 1.5 m below the top, so δ' = −(ET + TR − ER) (eq. of Annex II §2.5.8 with the
  // ray's own vertices); from S to R straight it would be 4 m below the top and Δ would vanish.
  const Path3 p = reflectedPath({0, 0, 1}, {{10.0, 6.0}}, {30, 0, 3.5}, 5.0, {50, 0, 1});
  const PointToPointResult r = evaluatePaths({p}, filled(100.0), kNoAbsorptionAir, 0.5, false);
  const double et = std::hypot(20.0, 1.0), tr = std::hypot(20.0, 4.0), er = std::hypot(40.0, 5.0);
  const double delta = -(et + tr - er);
  for (std::size_t i = 0; i < kBandCount; ++i) {
    const double x = 40.0 / kWavelengths[i] * delta;
    CHECK(r.paths[0].homogeneous.aRetroDiff[i] == Approx(x < -2.0 ? 0.0 : 10.0 * std::log10(3.0 + x)).margin(1e-9));
  }
  CHECK(r.paths[0].homogeneous.aRetroDiff[0] > 3.0);  // 63 Hz: clearly there
}

TEST_CASE("A favourable reflected path vanishes where the arc passes above the reflector", "[core][propagation]") {
  // S and R 1 m high, 200 m apart; a reflector 1.5 m high halfway. The straight ray (1 m) hits it;
  // the arc of radius Γ = 1600 m rises 1600 − √(1600² − 100²) = 3.13 m above the chord there.
  Path3 p = reflectedPath({0, 0, 1}, {}, {100, 0, 1}, 1.5, {200, 0, 1});
  const double prob = 0.5;
  const PointToPointResult r = evaluatePaths({p}, filled(100.0), kNoAbsorptionAir, prob, false);
  CHECK(r.paths[0].homogeneous.exists);
  CHECK_FALSE(r.paths[0].favourable.exists);
  for (std::size_t i = 0; i < kBandCount; ++i)
    CHECK(r.paths[0].levelLongTerm[i] == Approx(r.paths[0].levelH[i] + 10.0 * std::log10(1.0 - prob)).margin(1e-9));
  // A reflector the arc still meets keeps its favourable path.
  p.vertices[1].reflectorTop = 5.0;
  CHECK(evaluatePaths({p}, filled(100.0), kNoAbsorptionAir, prob, false).paths[0].favourable.exists);
}

TEST_CASE("Lateral paths: delta from the unfolded length, no 25 dB limit", "[core][propagation]") {
  Path3 p;
  p.type = PathType::LateralLeft;
  p.vertices = {vertex(ProfilePointKind::Source, {0, 0, 1}, 0.0, 0.0),
                vertex(ProfilePointKind::VerticalEdge, {10, 30, 1}, 0.0, 0.0),
                vertex(ProfilePointKind::Receiver, {20, 0, 1}, 0.0, 0.0)};
  const PointToPointResult r = evaluatePaths({p}, filled(100.0), kNoAbsorptionAir, 0.5, true);
  const double delta = 2.0 * std::hypot(10.0, 30.0) - 20.0;
  const ConditionTrace& t = r.paths[0].traceH;
  REQUIRE(t.hasLateral);
  CHECK(t.deltaDifSR[7] == Approx(10.0 * std::log10(3.0 + 40.0 / kWavelengths[7] * delta)));
  CHECK(t.deltaDifSR[7] > 25.0);
  CHECK(r.paths[0].homogeneous.aDiv[0] == Approx(20.0 * std::log10(20.0) + 11.0));  // direct distance
}

TEST_CASE("makeProfile measures the unfolded path", "[core][path]") {
  std::vector<PathVertex> v{vertex(ProfilePointKind::Source, {0, 0, 1}, 0, 0),
                            vertex(ProfilePointKind::VerticalEdge, {3, 4, 1}, 0, 0),
                            vertex(ProfilePointKind::Terrain, {6, 8, 0}, 0, 0),
                            vertex(ProfilePointKind::VerticalEdge, {9, 12, 1}, 0, 0),
                            vertex(ProfilePointKind::Receiver, {9, 20, 1}, 0, 0)};
  std::vector<ProfilePoint> pts;
  std::vector<BandArray> alphas;
  const PathProfile prof = makeProfile(PathType::LateralRight, v, pts, alphas);
  REQUIRE(prof.points.size() == 5);
  CHECK(prof.points[1].s == Approx(5.0));
  CHECK(prof.points[4].s == Approx(23.0));
  CHECK(prof.pathLength == Approx(23.0));       // terrain vertices are not part of the ray
  CHECK(prof.lateralEdgeSpan == Approx(10.0));
  CHECK(prof.directDistance == Approx(std::hypot(9.0, 20.0)));
}
