#include <citynoise/core/path.hpp>

#include <citynoise/core/decibel.hpp>

namespace citynoise {

bool isRayVertex(ProfilePointKind kind) {
  return kind == ProfilePointKind::Source || kind == ProfilePointKind::Receiver ||
         kind == ProfilePointKind::VerticalEdge || kind == ProfilePointKind::Reflection;
}

PathProfile makeProfile(PathType type, const std::vector<PathVertex>& vertices,
                        std::vector<ProfilePoint>& points, std::vector<BandArray>& alphas) {
  points.clear();
  alphas.clear();
  double s = 0.0;
  double pathLength = 0.0;
  const Vec3* lastRay = nullptr;
  const Vec3* firstEdge = nullptr;
  double lengthAtFirstEdge = 0.0, lengthAtLastEdge = 0.0;
  for (std::size_t i = 0; i < vertices.size(); ++i) {
    const PathVertex& v = vertices[i];
    if (i > 0) s += planDistance(vertices[i - 1].xyz, v.xyz);
    ProfilePoint p;
    p.s = s;
    p.z = v.xyz.z;
    p.zGround = v.zGround;
    p.g = v.g;
    p.kind = v.kind;
    if (v.kind == ProfilePointKind::Reflection) {
      p.reflectorTop = v.reflectorTop;
      p.reflector = static_cast<std::uint32_t>(alphas.size());
      alphas.push_back(v.reflectorAlpha);
    }
    points.push_back(p);
    if (isRayVertex(v.kind)) {
      if (lastRay) pathLength += distance(*lastRay, v.xyz);
      lastRay = &v.xyz;
      if (v.kind == ProfilePointKind::VerticalEdge) {
        if (!firstEdge) firstEdge = &v.xyz, lengthAtFirstEdge = pathLength;
        lengthAtLastEdge = pathLength;
      }
    }
  }
  PathProfile profile;
  profile.type = type;
  profile.points = points;
  profile.reflectorAbsorption = alphas;
  profile.directDistance = distance(vertices.front().xyz, vertices.back().xyz);
  profile.pathLength = pathLength;
  profile.lateralEdgeSpan = lengthAtLastEdge - lengthAtFirstEdge;
  return profile;
}

PointToPointResult evaluatePaths(const std::vector<Path3>& paths, const BandArray& lw,
                                 const Atmosphere& air, double p, bool withTrace) {
  PointToPointResult out;
  out.alphaAtm = absorptionDbPerKm(air);
  const PropagationSettings settings{out.alphaAtm};
  PropagationScratch scratch;
  std::vector<ProfilePoint> points;
  std::vector<BandArray> alphas;
  EnergySum total;
  for (const Path3& path : paths) {
    PathResult r;
    const PathProfile h = makeProfile(path.type, path.vertices, points, alphas);
    r.homogeneous = evaluateCondition(h, Condition::Homogeneous, settings, scratch,
                                      withTrace ? &r.traceH : nullptr);
    const auto& favourableCut = path.favourableVertices ? *path.favourableVertices : path.vertices;
    const PathProfile f = makeProfile(path.type, favourableCut, points, alphas);
    r.favourable = evaluateCondition(f, Condition::Favourable, settings, scratch,
                                     withTrace ? &r.traceF : nullptr);
    r.levelH = lw - r.homogeneous.total;
    r.levelF = lw - r.favourable.total;
    r.levelLongTerm = longTermLevel(r.levelH, r.levelF, p, path.hasFavourable && r.favourable.exists ? p : 0.0);
    total.add(r.levelLongTerm);
    out.paths.push_back(std::move(r));
  }
  out.receiverLevel = total.levels();
  return out;
}

}  // namespace citynoise
