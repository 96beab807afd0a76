#pragma once
// Plain 2D/3D vectors for the shared vocabulary (no geometry-library types in public headers).

#include <cmath>

namespace citynoise {

struct Vec2 {
  double x = 0.0, y = 0.0;
  bool operator==(const Vec2&) const = default;
};
struct Vec3 {
  double x = 0.0, y = 0.0, z = 0.0;
  bool operator==(const Vec3&) const = default;
};

inline Vec2 operator-(const Vec2& a, const Vec2& b) { return {a.x - b.x, a.y - b.y}; }
inline Vec2 operator+(const Vec2& a, const Vec2& b) { return {a.x + b.x, a.y + b.y}; }
inline Vec2 operator*(const Vec2& a, double k) { return {a.x * k, a.y * k}; }
inline double dot(const Vec2& a, const Vec2& b) { return a.x * b.x + a.y * b.y; }
inline double cross(const Vec2& a, const Vec2& b) { return a.x * b.y - a.y * b.x; }
// sqrt rather than hypot: scene coordinates never overflow, and hypot is several times slower.
inline double length(const Vec2& a) { return std::sqrt(a.x * a.x + a.y * a.y); }

inline Vec3 operator-(const Vec3& a, const Vec3& b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
inline Vec3 operator+(const Vec3& a, const Vec3& b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
inline Vec3 operator*(const Vec3& a, double k) { return {a.x * k, a.y * k, a.z * k}; }
inline double dot(const Vec3& a, const Vec3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
inline Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
inline double length(const Vec3& a) { return std::sqrt(dot(a, a)); }
inline double distance(const Vec3& a, const Vec3& b) { return length(b - a); }
inline double planDistance(const Vec3& a, const Vec3& b) { return length(Vec2{b.x - a.x, b.y - a.y}); }
inline Vec2 plan(const Vec3& a) { return {a.x, a.y}; }

}  // namespace citynoise
