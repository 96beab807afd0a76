#include <citynoise/io/case_file.hpp>

#include <citynoise/core/decibel.hpp>

#include <nlohmann/json.hpp>

#include <cmath>

namespace citynoise::io {
namespace {

/// Bands as JSON numbers; a NaN band ("not computed here") becomes null.
nlohmann::json bandsJson(const BandArray& b) {
  nlohmann::json a = nlohmann::json::array();
  for (double v : b) a.push_back(std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v));
  return a;
}

bool allNaN(const BandArray& b) {
  for (double v : b)
    if (!std::isnan(v)) return false;
  return true;
}

nlohmann::json conditionJson(const ConditionResult& r, const ConditionTrace& t, const BandArray& level) {
  nlohmann::json j;
  j["L"] = bandsJson(level);
  j["ADiv"] = bandsJson(r.aDiv);
  j["AAtm"] = bandsJson(r.aAtm);
  j["ABoundary"] = bandsJson(r.aBoundary);
  auto put = [&](const char* key, const BandArray& b) {
    if (!allNaN(b)) j[key] = bandsJson(b);
  };
  if (t.hasGround) {
    put("AGround", t.aGround);
    put("w", t.w);
    put("Cf", t.cf);
  }
  if (t.hasLateral) put("DeltaDiffSR", t.deltaDifSR);
  if (t.hasDiffraction) {
    put("ADif", t.aDif);
    put("DeltaDiffSR", t.deltaDifSR);
    put("DeltaDiffSPrimeR", t.deltaDifSPrimeR);
    put("DeltaDiffSRPrime", t.deltaDifSRPrime);
    put("AGroundSO", t.aGroundSO);
    put("AGroundOR", t.aGroundOR);
    put("DeltaGroundSO", t.deltaGroundSO);
    put("DeltaGroundOR", t.deltaGroundOR);
  }
  if (t.hasReflection) {
    put("ARef", r.aRef);
    put("ARetroDiff", r.aRetroDiff);
  }
  return j;
}

}  // namespace

std::string caseAnswerJson(const ConformanceCase& c, const std::vector<Path3>& paths,
                           const PointToPointResult& result) {
  nlohmann::json out;
  out["id"] = c.id;
  out["alpha_atm_db_per_km"] = bandsJson(result.alphaAtm);
  nlohmann::json jpaths = nlohmann::json::array();
  for (std::size_t k = 0; k < paths.size(); ++k) {
    const Path3& path = paths[k];
    const PathResult& r = result.paths[k];
    nlohmann::json jp;
    jp["type"] = toString(path.type);
    nlohmann::json pts = nlohmann::json::array();
    for (const PathVertex& v : path.vertices) pts.push_back({v.xyz.x, v.xyz.y, v.xyz.z});
    jp["points"] = pts;
    jp["H"] = conditionJson(r.homogeneous, r.traceH, r.levelH);
    if (path.hasFavourable && r.favourable.exists) jp["F"] = conditionJson(r.favourable, r.traceF, r.levelF);
    jp["HF"] = {{"L", bandsJson(r.levelLongTerm)}, {"LA", bandsJson(aWeighted(r.levelLongTerm))}};
    jpaths.push_back(jp);
  }
  out["paths"] = jpaths;
  out["receiver"] = {{"L", bandsJson(result.receiverLevel)},
                     {"LA", bandsJson(aWeighted(result.receiverLevel))}};
  return out.dump(1);
}

}  // namespace citynoise::io
