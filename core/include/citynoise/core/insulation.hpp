#pragma once
// Indoor levels behind a façade: for the cases where the road came after the house and the
// remedy is the window. The simplified model of EN 12354-3 / ISO 12354-3 [M: from the standard's
// simplified model, not transcribed in reference/methods.md]:
//   D_2m,nT = R' + ΔL_fs + 10 lg(V / (6 T0 S))                                  (level difference)
//   L_in = L_2m − D_2m,nT, with L_2m the level 2 m in front of the façade, its reflection included
// where R' is the façade's apparent sound reduction (the windows dominate: their R_w + C_tr, the
// traffic-noise rating), ΔL_fs the façade shape term (0 for a flat façade), V the room volume,
// T0 = 0.5 s the reference reverberation time and S the façade area of the room.

namespace citynoise {

struct FacadeInsulation {
  double rwCtr = 27.0;       ///< R_w + C_tr of the windows (dB); 27: an assumed ordinary closed window
  double roomVolume = 30.0;  ///< V, m³ (a bedroom)
  double facadeArea = 10.0;  ///< S, m² of the room's façade
  double shapeTerm = 0.0;    ///< ΔL_fs, dB (balconies, loggias: up to a few dB)
};

inline constexpr double kReferenceReverberation = 0.5;  ///< T0, s
/// WHO Guidelines for Community Noise (1999): LAeq 30 dB in bedrooms at night.
inline constexpr double kWhoBedroomNight = 30.0;

/// D_2m,nT of a façade, dB.
double facadeLevelDifference(const FacadeInsulation& f);

/// The indoor level behind a façade receiver. `includesFacadeReflection`: the receiver's level
/// already holds the façade's own reflection (GB 3096 practice, 1 m in front); otherwise
/// (incident level, EU END) it is added as +3 dB to get L_2m.
double indoorLevel(double outdoor, const FacadeInsulation& f, bool includesFacadeReflection);

}  // namespace citynoise
