#include "lateral_reference.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace citynoise::test {
namespace {

/// A footprint kept where its roof is above Π (roof − z_Π(p) > 0), or a wall piece above Π.
struct Cut {
  std::vector<Vec2> pts;
  bool ring = true;
  double roof = 0.0;
  std::vector<Vec2> corners;  ///< where a shortest path may bend
};

double orient(const Vec2& a, const Vec2& b, const Vec2& c) {
  const double l = std::hypot(b.x - a.x, b.y - a.y);
  return l == 0.0 ? 0.0 : ((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)) / l;
}
constexpr double kEps = 1e-7;
bool strictlyOpposite(double u, double v) { return (u > kEps && v < -kEps) || (u < -kEps && v > kEps); }

bool pointInPolygon(const std::vector<Vec2>& poly, const Vec2& p) {
  bool in = false;
  for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
    const Vec2& a = poly[i];
    const Vec2& b = poly[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) in = !in;
  }
  return in;
}

double pointSegment(const Vec2& p, const Vec2& a, const Vec2& b) {
  const double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
  const double t = l2 == 0.0 ? 0.0 : std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0.0, 1.0);
  return std::hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

struct Plane;
double heightAbove(const Cut& c, const Plane& pl, const Vec2& p);

bool deepInside(const Cut& c, const Plane& pl, const Vec2& p) {
  if (!c.ring || heightAbove(c, pl, p) <= 1e-9 || !pointInPolygon(c.pts, p)) return false;
  for (std::size_t i = 0; i < c.pts.size(); ++i)
    if (pointSegment(p, c.pts[i], c.pts[(i + 1) % c.pts.size()]) <= 1e-6) return false;
  return true;
}

struct Plane {
  Vec3 s, r;
  [[nodiscard]] double z(const Vec2& p) const {
    const double dx = r.x - s.x, dy = r.y - s.y;
    const double t = ((p.x - s.x) * dx + (p.y - s.y) * dy) / (dx * dx + dy * dy);
    return s.z + t * (r.z - s.z);
  }
  [[nodiscard]] double length(const Vec2& a, const Vec2& b) const {
    return std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y) + (z(b) - z(a)) * (z(b) - z(a)));
  }
};

double heightAbove(const Cut& c, const Plane& pl, const Vec2& p) { return c.roof - pl.z(p); }

std::vector<Cut> cutAll(const std::vector<Building>& buildings, const std::vector<Wall>& walls, const Plane& pl) {
  std::vector<Cut> cuts;
  auto edgePoint = [&](const Vec2& a, double ha, const Vec2& b, double hb) {
    const double t = ha / (ha - hb);
    return Vec2{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
  };
  for (const Building& b : buildings) {
    Cut c;
    c.pts = b.footprint;
    c.roof = b.roofAltitude;
    const std::size_t n = b.footprint.size();
    for (std::size_t i = 0; i < n; ++i) {
      const Vec2& p = b.footprint[i];
      const Vec2& q = b.footprint[(i + 1) % n];
      const double hp = b.roofAltitude - pl.z(p), hq = b.roofAltitude - pl.z(q);
      if (hp > 0.0) c.corners.push_back(p);
      if ((hp > 0.0) != (hq > 0.0)) c.corners.push_back(edgePoint(p, hp, q, hq));
    }
    if (!c.corners.empty()) cuts.push_back(c);
  }
  for (const Wall& w : walls) {
    Cut c;
    c.ring = false;
    for (std::size_t i = 0; i < w.polyline.size(); ++i) {
      const Vec2 p{w.polyline[i].x, w.polyline[i].y};
      const double hp = w.polyline[i].z - pl.z(p);
      if (hp > 0.0) c.pts.push_back(p);
      if (i + 1 == w.polyline.size()) break;
      const Vec2 q{w.polyline[i + 1].x, w.polyline[i + 1].y};
      const double hq = w.polyline[i + 1].z - pl.z(q);
      if ((hp > 0.0) != (hq > 0.0)) {
        c.pts.push_back(edgePoint(p, hp, q, hq));
        if (hp > 0.0) {
          if (c.pts.size() >= 2) cuts.push_back(c);
          c.pts.clear();
        }
      }
    }
    if (c.pts.size() >= 2) cuts.push_back(c);
  }
  // A wall's corners: its ends, and each inner vertex twice, 10 µm to either side, so that a path
  // can bend round the vertex on one side but never pass through it to the other.
  for (Cut& c : cuts) {
    if (c.ring) continue;
    c.corners = {c.pts.front(), c.pts.back()};
    for (std::size_t i = 1; i + 1 < c.pts.size(); ++i) {
      const Vec2& v = c.pts[i];
      const Vec2 a = c.pts[i - 1], b = c.pts[i + 1];
      const double la = std::hypot(a.x - v.x, a.y - v.y), lb = std::hypot(b.x - v.x, b.y - v.y);
      Vec2 bis{(a.x - v.x) / la + (b.x - v.x) / lb, (a.y - v.y) / la + (b.y - v.y) / lb};
      double lbis = std::hypot(bis.x, bis.y);
      if (lbis < 1e-9) bis = {-(a.y - v.y) / la, (a.x - v.x) / la}, lbis = 1.0;  // straight: either normal
      for (double side : {1e-5, -1e-5})
        c.corners.push_back({v.x + bis.x / lbis * side, v.y + bis.y / lbis * side});
    }
  }
  return cuts;
}

/// Whether the segment ab may be part of a lateral path: split at every parameter where it meets
/// an outline (edge crossings, vertices it passes, the line where a roof meets Π), no piece may
/// lie inside a cut, nor between two touching footprints, and it may not cross a wall piece.
bool clear(const Vec2& a, const Vec2& b, const std::vector<Cut>& cuts, const Plane& pl) {
  std::vector<double> ts{0.0, 1.0};
  const double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
  for (const Cut& c : cuts) {
    const std::size_t n = c.pts.size();
    const std::size_t edges = c.ring ? n : n - 1;
    for (std::size_t i = 0; i < edges; ++i) {
      const Vec2& p = c.pts[i];
      const Vec2& q = c.pts[(i + 1) % n];
      const double op = orient(a, b, p), oq = orient(a, b, q);
      if (strictlyOpposite(op, oq) && strictlyOpposite(orient(p, q, a), orient(p, q, b))) {
        if (!c.ring) return false;  // across a wall piece
        const Vec2 x{p.x + (q.x - p.x) * op / (op - oq), p.y + (q.y - p.y) * op / (op - oq)};
        ts.push_back(((x.x - a.x) * dx + (x.y - a.y) * dy) / l2);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      const Vec2& v = c.pts[i];
      if (std::abs(orient(a, b, v)) > kEps) continue;
      const double t = ((v.x - a.x) * dx + (v.y - a.y) * dy) / l2;
      if (t < -1e-9 || t > 1 + 1e-9) continue;
      if (c.ring) ts.push_back(std::clamp(t, 0.0, 1.0));
      else if (i > 0 && i + 1 < n && t > 0.0 && t < 1.0 &&
               strictlyOpposite(orient(a, b, c.pts[i - 1]), orient(a, b, c.pts[i + 1])))
        return false;  // through a wall's inner vertex
    }
    if (c.ring) {
      const double ha = heightAbove(c, pl, a), hb = heightAbove(c, pl, b);
      if ((ha > 0.0) != (hb > 0.0)) ts.push_back(ha / (ha - hb));
    }
  }
  std::sort(ts.begin(), ts.end());
  const double l = std::sqrt(l2);
  const Vec2 side{-dy / l * 1e-3, dx / l * 1e-3};
  auto inFootprint = [&](const Cut& c, const Vec2& p) {
    return c.ring && heightAbove(c, pl, p) > 0.0 && pointInPolygon(c.pts, p);
  };
  for (std::size_t k = 0; k + 1 < ts.size(); ++k) {
    if (ts[k + 1] - ts[k] < 1e-12) continue;
    const double t = 0.5 * (ts[k] + ts[k + 1]);
    const Vec2 m{a.x + t * dx, a.y + t * dy};
    bool plus = false, minus = false;
    for (const Cut& c : cuts) {
      if (deepInside(c, pl, m)) return false;
      plus = plus || inFootprint(c, {m.x + side.x, m.y + side.y});
      minus = minus || inFootprint(c, {m.x - side.x, m.y - side.y});
    }
    if (plus && minus) return false;  // between two touching footprints
  }
  return true;
}

ReferenceChain shortest(const Vec3& source, const Vec3& receiver, double side, const std::vector<Cut>& cuts,
                        const Plane& pl) {
  ReferenceChain out;
  const Vec2 s{source.x, source.y}, r{receiver.x, receiver.y};
  for (const Cut& c : cuts)
    if (deepInside(c, pl, s) || deepInside(c, pl, r)) return out;
  std::vector<Vec2> nodes{s, r};
  for (const Cut& c : cuts)
    for (const Vec2& p : c.corners)
      if (side * orient(s, r, p) >= -kEps) nodes.push_back(p);
  const std::size_t n = nodes.size();
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::vector<double> d(n * n, inf);
  std::vector<int> next(n * n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    d[i * n + i] = 0.0, next[i * n + i] = static_cast<int>(i);
    for (std::size_t j = i + 1; j < n; ++j)
      if (clear(nodes[i], nodes[j], cuts, pl)) {
        d[i * n + j] = d[j * n + i] = pl.length(nodes[i], nodes[j]);
        next[i * n + j] = static_cast<int>(j), next[j * n + i] = static_cast<int>(i);
      }
  }
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (d[i * n + k] + d[k * n + j] < d[i * n + j]) d[i * n + j] = d[i * n + k] + d[k * n + j], next[i * n + j] = next[i * n + k];
  if (!std::isfinite(d[1])) return out;
  out.found = true;
  out.length = d[1];
  std::vector<Vec2> path{s};
  for (int u = next[1]; u != 1; u = next[static_cast<std::size_t>(u) * n + 1]) path.push_back(nodes[static_cast<std::size_t>(u)]);
  path.push_back(r);
  // Keep the corners where the path turns.
  for (std::size_t i = 1; i + 1 < path.size(); ++i) {
    const Vec2& prev = out.corners.empty() ? s : out.corners.back();
    if (std::abs(orient(prev, path[i + 1], path[i])) > kEps) out.corners.push_back(path[i]);
  }
  return out;
}

}  // namespace

ReferenceLateral referenceLateralPaths(const std::vector<Building>& buildings, const std::vector<Wall>& walls,
                                       const Vec3& source, const Vec3& receiver) {
  const Plane pl{source, receiver};
  const std::vector<Cut> cuts = cutAll(buildings, walls, pl);
  ReferenceLateral out;
  out.blocked = !clear({source.x, source.y}, {receiver.x, receiver.y}, cuts, pl);
  if (!out.blocked) return out;
  out.left = shortest(source, receiver, 1.0, cuts, pl);
  out.right = shortest(source, receiver, -1.0, cuts, pl);
  return out;
}

}  // namespace citynoise::test
