#include <citynoise/core/propagation.hpp>

#include <citynoise/core/atmosphere.hpp>
#include <citynoise/core/decibel.hpp>
#include <citynoise/core/diffraction.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace citynoise {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool isObstacleTop(ProfilePointKind k) {
  return k == ProfilePointKind::Wall || k == ProfilePointKind::BuildingEnter ||
         k == ProfilePointKind::BuildingExit;
}

/// The ground line of the profile, with roofs: between a building entry and exit the path runs
/// over a flat roof, which is ground for the mean plane (ISO/TR 17534-4 convention, G = 0 there).
/// Each profile point maps to its first and last ground-line vertex; they differ at an entry
/// (terrain, then roof) and an exit (roof, then terrain).
void buildGroundLine(std::span<const ProfilePoint> pts, PropagationScratch& sc) {
  const std::size_t n = pts.size();
  sc.groundLine.clear();
  sc.firstVertex.resize(n);
  sc.lastVertex.resize(n);
  sc.segmentG.resize(n);
  bool onRoof = false;
  for (std::size_t i = 0; i < n; ++i) {
    const ProfilePoint& p = pts[i];
    sc.firstVertex[i] = static_cast<int>(sc.groundLine.size());
    if (p.kind == ProfilePointKind::BuildingEnter) {
      sc.groundLine.push_back({p.s, p.zGround});
      sc.groundLine.push_back({p.s, p.z});
      onRoof = true;
    } else if (p.kind == ProfilePointKind::BuildingExit) {
      sc.groundLine.push_back({p.s, p.z});
      sc.groundLine.push_back({p.s, p.zGround});
      onRoof = false;
    } else {
      sc.groundLine.push_back({p.s, p.zGround});
    }
    sc.lastVertex[i] = static_cast<int>(sc.groundLine.size()) - 1;
    sc.segmentG[i] = onRoof ? 0.0 : p.g;
  }
}

/// Ground line from profile point i0 (its right side) to i1 (its left side); the whole line for
/// the end points of the profile.
std::span<const Point2> groundSpan(const PropagationScratch& sc, std::size_t i0, std::size_t i1,
                                   std::size_t n) {
  const int v0 = i0 == 0 ? sc.firstVertex[0] : sc.lastVertex[i0];
  const int v1 = i1 == n - 1 ? sc.lastVertex[n - 1] : sc.firstVertex[i1];
  return std::span<const Point2>(sc.groundLine).subspan(static_cast<std::size_t>(v0),
                                                        static_cast<std::size_t>(v1 - v0 + 1));
}

/// G_path between two profile points: share of absorbing ground along the horizontal path.
double groundFactorBetween(std::span<const ProfilePoint> pts, const PropagationScratch& sc,
                           std::size_t i0, std::size_t i1) {
  const double length = pts[i1].s - pts[i0].s;
  if (length <= 0.0) return pts[i0].g;
  double sum = 0.0;
  for (std::size_t j = i0; j < i1; ++j) sum += (pts[j + 1].s - pts[j].s) * sc.segmentG[j];
  return sum / length;
}

/// Path-length arithmetic in one condition: straight rays (H) or arcs of radius Γ (F).
struct RayGeometry {
  bool curved = false;
  double radius = 0.0;

  [[nodiscard]] double length(double chord) const { return curved ? arcLength(chord, radius) : chord; }
  [[nodiscard]] double length(const Point2& a, const Point2& b) const { return length(distance(a, b)); }

  /// Height of the ray from a to b above its chord at abscissa s (0 for straight rays).
  [[nodiscard]] double sag(const Point2& a, const Point2& b, double s) const {
    if (!curved || b.s == a.s) return 0.0;
    const double chord = distance(a, b);
    const double u = (s - a.s) / (b.s - a.s) * chord - chord / 2.0;
    return std::sqrt(radius * radius - u * u) - std::sqrt(radius * radius - chord * chord / 4.0);
  }
  /// Whether o lies above the ray from a to b (blocks it).
  [[nodiscard]] bool blocks(const Point2& a, const Point2& b, const Point2& o) const {
    const double zChord = a.z + (o.s - a.s) / (b.s - a.s) * (b.z - a.z);
    return o.z > zChord + sag(a, b, o.s);
  }
  /// Path difference over a chain of edges that blocks the ray: AO₁ + e + O_nB − AB.
  [[nodiscard]] double blockedDifference(const Point2& a, const Point2& b, std::span<const Point2> e,
                                         double span) const {
    return length(a, e.front()) + (e.size() > 1 ? length(span) : 0.0) + length(e.back(), b) - length(a, b);
  }
  /// Path difference of a single edge O below the ray (negative): −(AO + OB − AB) for straight
  /// rays, δ_F of favourablePassingDifference for curved ones.
  [[nodiscard]] double passingDifference(const Point2& a, const Point2& b, const Point2& o) const {
    if (curved) return favourablePassingDifference(a, b, o, radius);
    return -(distance(a, o) + distance(o, b) - distance(a, b));
  }
  /// Signed path difference δ of the pair (a, b) around the edges: positive when they block.
  [[nodiscard]] double signedDifference(const Point2& a, const Point2& b, std::span<const Point2> e,
                                        double span) const {
    if (e.size() == 1 && !blocks(a, b, e.front())) return passingDifference(a, b, e.front());
    return blockedDifference(a, b, e, span);
  }
};

double polylineLength(std::span<const Point2> pts) {
  double l = 0.0;
  for (std::size_t i = 0; i + 1 < pts.size(); ++i) l += distance(pts[i], pts[i + 1]);
  return l;
}

void fillTrace(BandArray& a, double v) { a.fill(v); }

/// The stretch of the ray over abscissa s: between the ray vertices (S, the edges, R) around it.
struct RaySpan {
  Point2 from, to;
};
RaySpan raySpanAround(const Point2& src, const Point2& rcv, std::span<const Point2> edges, double s) {
  RaySpan span{src, rcv};
  for (const Point2& e : edges) {
    if (e.s <= s) span.from = e;
    else {
      span.to = e;
      break;
    }
  }
  return span;
}

/// δ' of the retro-diffraction at a reflector's top: negative while the ray passes below the top
/// (the reflection is seen), positive when it passes above.
double retroDiffractionDifference(const Point2& from, const Point2& to, const Point2& top, const RayGeometry& ray) {
  return -ray.signedDifference(from, to, std::span<const Point2>(&top, 1), 0.0);
}

/// Diffraction edges of the profile in this condition. Returns false when there is no edge to
/// consider at all (ground-only path). `blocked` tells whether the edges intercept the ray.
bool findEdges(std::span<const ProfilePoint> pts, const Point2& src, const Point2& rcv,
               const RayGeometry& ray, PropagationScratch& sc, bool& blocked) {
  const std::size_t n = pts.size();
  sc.hullPoints.clear();
  sc.hullPoints.push_back(src);
  for (std::size_t i = 1; i + 1 < n; ++i)
    sc.hullPoints.push_back({pts[i].s, isObstacleTop(pts[i].kind) ? pts[i].z : pts[i].zGround});
  sc.hullPoints.push_back(rcv);

  // Straight-ray hull: the edges that intercept the line of sight.
  upperHull(sc.hullPoints, sc.hullStraight);
  sc.edges.clear();
  sc.edgeIndex.clear();
  auto addEdge = [&](int hullIdx) {
    sc.edges.push_back(sc.hullPoints[static_cast<std::size_t>(hullIdx)]);
    sc.edgeIndex.push_back(hullIdx);  // hull index == profile index
  };
  // Of the candidates (profile indices), the one nearest to a ray that passes above them all
  // (largest, i.e. least negative, δ in that ray geometry); −1 if there is none.
  auto nearestPassing = [&](const RayGeometry& geometry, auto&& candidates) {
    int best = -1;
    double bestDelta = -std::numeric_limits<double>::infinity();
    for (const int i : candidates) {
      const double d = geometry.passingDifference(src, rcv, sc.hullPoints[static_cast<std::size_t>(i)]);
      if (d > bestDelta) bestDelta = d, best = i;
    }
    return best;
  };
  // The profile's interior points 1 … n − 2 as a range (a small iterator, not std::views::iota:
  // clang 14 cannot compile libstdc++ 12's iota_view, and the fuzzing build uses clang).
  struct IndexRange {
    struct It {
      int i;
      int operator*() const { return i; }
      It& operator++() { return ++i, *this; }
      bool operator!=(const It& o) const { return i != o.i; }
    };
    int first, last;
    [[nodiscard]] It begin() const { return {first}; }
    [[nodiscard]] It end() const { return {std::max(first, last)}; }
  };
  const IndexRange interior{1, static_cast<int>(n) - 1};
  if (!ray.curved) {
    for (std::size_t k = 1; k + 1 < sc.hullStraight.size(); ++k) addEdge(sc.hullStraight[k]);
    blocked = !sc.edges.empty();
    if (blocked) return true;
    // Unobstructed: the point nearest to the ray is the candidate edge for the Rayleigh criterion.
    const int best = nearestPassing(ray, interior);
    if (best < 0) return false;
    addEdge(best);
    return true;
  }
  // Curved rays: the hull in coordinates where arcs of radius Γ through S and R are straight.
  sc.curvedPoints.assign(sc.hullPoints.begin(), sc.hullPoints.end());
  for (std::size_t i = 1; i + 1 < sc.curvedPoints.size(); ++i)
    sc.curvedPoints[i].z -= ray.sag(src, rcv, sc.curvedPoints[i].s);
  upperHull(sc.curvedPoints, sc.hullIndex);
  for (std::size_t k = 1; k + 1 < sc.hullIndex.size(); ++k) addEdge(sc.hullIndex[k]);
  blocked = !sc.edges.empty();
  if (blocked) return true;
  // The curved ray passes above everything. The candidate edge for the Rayleigh criterion is the
  // homogeneous one: of the edges that block the straight ray the one with the largest δ_F, or,
  // where nothing blocks it, the point nearest to the straight ray.
  const int best = sc.hullStraight.size() <= 2
                       ? nearestPassing(RayGeometry{false, 0.0}, interior)
                       : nearestPassing(ray, std::span<const int>(sc.hullStraight).subspan(1, sc.hullStraight.size() - 2));
  if (best < 0) return false;
  addEdge(best);
  return true;
}

/// What every term of one condition reads: the profile, its end points and the ray geometry.
struct ConditionInputs {
  const PathProfile& path;
  std::span<const ProfilePoint> pts;
  Point2 src, rcv;
  Condition condition;
  RayGeometry ray;
  [[nodiscard]] std::size_t size() const { return pts.size(); }
};

/// Ground over the whole path: the boundary term of a ground path, and of the bands in which an
/// unobstructed edge does not diffract.
GroundTerms wholePathGround(const ConditionInputs& in, const PropagationScratch& sc) {
  const std::size_t n = in.size();
  const PlaneGeometry whole = planeGeometry(groundSpan(sc, 0, n - 1, n), in.src, in.rcv);
  return groundAttenuation(
      {whole.zA, whole.zB, whole.dp, groundFactorBetween(in.pts, sc, 0, n - 1), in.pts.front().g},
      in.condition);
}

void traceGround(ConditionTrace& trace, const GroundTerms& g) {
  trace.w = g.w;
  trace.cf = g.cf;
  trace.aGround = g.aGround;
  trace.hasGround = true;
}

/// Diffraction around vertical edges: A_dif = Δ_dif(S,R) only, no 25 dB limit, δ = unfolded
/// length − direct distance; the ground term stays on the unfolded profile (§2.5.7).
void lateralBoundary(const ConditionInputs& in, const PropagationScratch& sc, ConditionResult& res,
                     ConditionTrace* trace) {
  const GroundTerms ground = wholePathGround(in, sc);
  const BandArray dd = deltaDif(in.path.pathLength - in.path.directDistance, in.path.lateralEdgeSpan);
  res.aBoundary = ground.aGround + dd;
  if (trace) traceGround(*trace, ground), trace->deltaDifSR = dd, trace->hasLateral = true;
}

/// The band-independent terms of diffraction over the edges in sc.edges (§2.5.6): the ground on
/// either side of the edges and the path differences of the source, the receiver and their images.
struct EdgeTerms {
  double span = 0.0;                    ///< e: length of the chain of edges
  GroundTerms groundSO, groundOR;       ///< A_ground(S,O) with G'_path, A_ground(O,R) with G_path
  double dSR = 0.0, dSpR = 0.0, dSRp = 0.0, dSpRp = 0.0;  ///< δ of (S,R), (S',R), (S,R'), (S',R')
  bool srcBelow = false, rcvBelow = false;  ///< source (receiver) below its mean plane
};

EdgeTerms edgeTerms(const ConditionInputs& in, const PropagationScratch& sc) {
  const std::size_t n = in.size();
  const std::span<const Point2> edges(sc.edges);
  const std::size_t iFirst = static_cast<std::size_t>(sc.edgeIndex.front());
  const std::size_t iLast = static_cast<std::size_t>(sc.edgeIndex.back());
  EdgeTerms t;
  t.span = polylineLength(edges);
  // Source side: S–O₁ mean plane; receiver side: O_n–R plane (the edge acts as the source).
  const PlaneGeometry so = planeGeometry(groundSpan(sc, 0, iFirst, n), in.src, edges.front());
  const PlaneGeometry orr = planeGeometry(groundSpan(sc, iLast, n - 1, n), edges.back(), in.rcv);
  const double gSO = groundFactorBetween(in.pts, sc, 0, iFirst);
  const double gOR = groundFactorBetween(in.pts, sc, iLast, n - 1);
  t.groundSO = groundAttenuation({so.zA, so.zB, so.dp, gSO, in.pts.front().g}, in.condition);
  t.groundOR = groundAttenuation({orr.zA, orr.zB, orr.dp, gOR, gOR}, in.condition);
  const Point2 srcImage = so.plane.mirror(in.src);
  const Point2 rcvImage = orr.plane.mirror(in.rcv);
  t.dSR = in.ray.signedDifference(in.src, in.rcv, edges, t.span);
  t.dSpR = in.ray.signedDifference(srcImage, in.rcv, edges, t.span);
  t.dSRp = in.ray.signedDifference(in.src, rcvImage, edges, t.span);
  t.dSpRp = in.ray.signedDifference(srcImage, rcvImage, edges, t.span);
  // A source (receiver) below its mean plane: the Δ_ground term becomes A_ground and the direct
  // term uses the image (2021/1226 text, as methods.md A.4 records).
  t.srcBelow = so.zA < 0.0;
  t.rcvBelow = orr.zB < 0.0;
  return t;
}

/// A_dif in every band where the edges diffract (eq. 2.5.31 with the Rayleigh criterion for an
/// edge below the ray); the other bands keep the whole-path ground term already in res.
void diffractionBoundary(const EdgeTerms& t, bool blocked, ConditionResult& res, ConditionTrace* trace) {
  if (trace) {
    trace->hasDiffraction = true;
    for (BandArray* a : {&trace->deltaDifSR, &trace->deltaDifSPrimeR, &trace->deltaDifSRPrime,
                         &trace->aGroundSO, &trace->aGroundOR, &trace->deltaGroundSO,
                         &trace->deltaGroundOR, &trace->aDif})
      fillTrace(*a, 0.0);
  }
  for (std::size_t i = 0; i < kBandCount; ++i) {
    const double lambda = kWavelengths[i];
    // Rayleigh criterion for an edge below the ray: diffraction only if δ > −λ/20 and
    // δ > λ/4 − δ' (δ' = S'O + OR' − S'R'); otherwise the path is a ground path in this band.
    if (!blocked && !(t.dSR > -lambda / 20.0 && t.dSR > lambda / 4.0 - t.dSpRp)) continue;
    const double cpp = multipleEdgeFactor(lambda, t.span);
    const double difSR = deltaDif(t.dSR, lambda, cpp);
    const double difSpR = deltaDif(t.dSpR, lambda, cpp);
    const double difSRp = deltaDif(t.dSRp, lambda, cpp);
    const double dgSO = t.srcBelow ? t.groundSO.aGround[i] : deltaGround(t.groundSO.aGround[i], difSpR, difSR);
    const double dgOR = t.rcvBelow ? t.groundOR.aGround[i] : deltaGround(t.groundOR.aGround[i], difSRp, difSR);
    double direct = difSR;
    if (t.srcBelow && t.rcvBelow) direct = deltaDif(t.dSpRp, lambda, cpp);
    else if (t.srcBelow) direct = difSpR;
    else if (t.rcvBelow) direct = difSRp;
    const double aDif = std::min(direct, kMaxDeltaDifHorizontal) + dgSO + dgOR;
    res.aBoundary[i] = aDif;
    if (trace) {
      trace->deltaDifSR[i] = difSR;
      trace->deltaDifSPrimeR[i] = difSpR;
      trace->deltaDifSRPrime[i] = difSRp;
      trace->aGroundSO[i] = t.groundSO.aGround[i];
      trace->aGroundOR[i] = t.groundOR.aGround[i];
      trace->deltaGroundSO[i] = dgSO;
      trace->deltaGroundOR[i] = dgOR;
      trace->aDif[i] = aDif;
      // The ground term of the whole path does not apply in a diffracted band.
      trace->w[i] = trace->cf[i] = trace->aGround[i] = kNaN;
    }
  }
}

/// Boundary term of a vertical-plane path: ground, or diffraction over the profile's edges.
/// Returns whether the edges block the ray (the reflections need it).
bool verticalPlaneBoundary(const ConditionInputs& in, PropagationScratch& sc, ConditionResult& res,
                           ConditionTrace* trace) {
  bool blocked = false;
  const bool hasEdge = findEdges(in.pts, in.src, in.rcv, in.ray, sc, blocked);
  // A blocked path never needs the whole-path ground (but a trace shows it).
  if (!blocked || trace) {
    const GroundTerms ground = wholePathGround(in, sc);
    res.aBoundary = ground.aGround;
    if (trace && !blocked) traceGround(*trace, ground);
  }
  if (hasEdge) diffractionBoundary(edgeTerms(in, sc), blocked, res, trace);
  return blocked;
}

/// Reflections: absorption of the reflector, and retro-diffraction at its top edge, measured
/// against the ray as it travels past the reflection point: from the diffraction edge (or S)
/// before it to the one (or R) after it, as an arc in favourable conditions (Annex II §2.5.8,
/// "straight lines in homogeneous conditions and curved lines in favourable conditions").
void reflectionTerms(const ConditionInputs& in, bool blocked, const PropagationScratch& sc,
                     ConditionResult& res, ConditionTrace* trace) {
  const bool favourable = in.condition == Condition::Favourable;
  for (const ProfilePoint& p : in.pts) {
    if (p.kind != ProfilePointKind::Reflection) continue;
    if (p.reflector < in.path.reflectorAbsorption.size()) {
      const BandArray& alpha = in.path.reflectorAbsorption[p.reflector];
      for (std::size_t i = 0; i < kBandCount; ++i) res.aRef[i] += -10.0 * std::log10(1.0 - alpha[i]);
    }
    const RaySpan around =
        raySpanAround(in.src, in.rcv, blocked ? std::span<const Point2>(sc.edges) : std::span<const Point2>(), p.s);
    const Point2 top{p.s, p.reflectorTop};
    // In favourable conditions the arc may pass above the reflector: no reflection then.
    if (favourable && !in.ray.blocks(around.from, around.to, top)) res.exists = false;
    const double d = retroDiffractionDifference(around.from, around.to, top, in.ray);
    for (std::size_t i = 0; i < kBandCount; ++i) res.aRetroDiff[i] += deltaDif(d, kWavelengths[i], 1.0);
    if (trace) trace->hasReflection = true;
  }
}

}  // namespace

ConditionResult evaluateCondition(const PathProfile& path, Condition condition,
                                  const PropagationSettings& settings, PropagationScratch& sc,
                                  ConditionTrace* trace) {
  const std::span<const ProfilePoint> pts = path.points;
  const Point2 src{pts.front().s, pts.front().z};
  const Point2 rcv{pts.back().s, pts.back().z};
  const ConditionInputs in{path, pts, src, rcv, condition,
                           RayGeometry{condition == Condition::Favourable, curvedRayRadius(distance(src, rcv))}};
  const bool lateral = path.type == PathType::LateralLeft || path.type == PathType::LateralRight;

  ConditionResult res;
  // Geometrical divergence and atmospheric absorption (§2.5.4/§2.5.5): A_div uses the direct
  // distance except on reflected paths (the image source distance); A_atm uses the length
  // travelled on lateral and reflected paths.
  const bool viaImage = path.type == PathType::Reflection;
  res.aDiv = filled(20.0 * std::log10(viaImage ? path.pathLength : path.directDistance) + 11.0);
  res.aAtm = atmosphericAttenuation(settings.alphaAtmDbPerKm,
                                    (lateral || viaImage) ? path.pathLength : path.directDistance);

  buildGroundLine(pts, sc);
  if (trace) *trace = ConditionTrace{};
  bool blocked = false;  // the diffraction edges in sc.edges intercept the ray (non-lateral paths)
  if (lateral) lateralBoundary(in, sc, res, trace);
  else blocked = verticalPlaneBoundary(in, sc, res, trace);
  reflectionTerms(in, blocked, sc, res, trace);

  res.total = res.aDiv + res.aAtm + res.aBoundary + res.aRef + res.aRetroDiff;
  return res;
}

bool lineOfSightBlocked(const PathProfile& path, Condition condition, PropagationScratch& sc) {
  const std::span<const ProfilePoint> pts = path.points;
  const Point2 src{pts.front().s, pts.front().z};
  const Point2 rcv{pts.back().s, pts.back().z};
  const RayGeometry ray{condition == Condition::Favourable, curvedRayRadius(distance(src, rcv))};
  bool blocked = false;
  findEdges(pts, src, rcv, ray, sc, blocked);
  return blocked;
}

const char* toString(PathType type) {
  switch (type) {
    case PathType::Direct: return "direct";
    case PathType::LateralLeft: return "lateral_left";
    case PathType::LateralRight: return "lateral_right";
    case PathType::Reflection: return "reflection";
  }
  return "direct";
}

}  // namespace citynoise
