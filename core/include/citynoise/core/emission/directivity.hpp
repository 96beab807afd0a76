#pragma once
// Directivity of point sources (loudspeakers): the level in a direction relative to the
// omnidirectional level of the same sound power. Patterns are normalised so that the power
// averaged over the sphere is unchanged: LW stays the total radiated power.

#include <citynoise/core/bands.hpp>
#include <citynoise/core/vec.hpp>

#include <vector>

namespace citynoise::emission {

class Directivity {
 public:
  /// No directivity.
  Directivity() = default;
  /// A loudspeaker as a rigid piston of radius `radiusM` in its cabinet front: the piston pattern
  /// [2 J1(ka sin θ)/(ka sin θ)]² in front, floored at `rearDb` (relative to on-axis), and `rearDb`
  /// behind the cabinet.
  static Directivity piston(double radiusM, double rearDb = -15.0);
  /// A measured pattern: angles from the axis (degrees, increasing, 0 … 180) and the level per
  /// band at each angle relative to any reference; interpolated linearly in angle.
  static Directivity table(std::vector<double> anglesDeg, std::vector<BandArray> levels);

  [[nodiscard]] bool omnidirectional() const { return kind_ == Kind::Omni; }
  bool operator==(const Directivity&) const = default;
  /// Correction per band (dB) for a direction at `angleRad` from the axis.
  [[nodiscard]] BandArray correction(double angleRad) const;
  /// Correction towards `direction` for a source aimed along `axis` (any lengths).
  [[nodiscard]] BandArray correction(const Vec3& axis, const Vec3& direction) const;

 private:
  enum class Kind { Omni, Piston, Table };
  [[nodiscard]] BandArray raw(double angleRad) const;
  void normalise();
  Kind kind_ = Kind::Omni;
  double radius_ = 0.0, rear_ = 0.0;
  std::vector<double> angles_;
  std::vector<BandArray> levels_;
  BandArray offset_{};  ///< −10 lg(mean over the sphere of 10^(raw/10))
};

}  // namespace citynoise::emission
