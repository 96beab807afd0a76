#include <citynoise/io/conformance.hpp>

#include "json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace citynoise::io {
namespace {

using nlohmann::json;

bool isRequired(const std::string& quantity) { return quantity == "L" || quantity == "LA"; }

void compareQuantities(const json& expected, const json* got, const std::string& where, CaseCheck& out) {
  for (const auto& [name, q] : expected.items()) {
    if (!q.is_object() || !q.contains("values")) continue;
    const json* vals = (got && got->is_object() && got->contains(name) && !(*got)[name].is_null())
                           ? &(*got)[name] : nullptr;
    if (!vals) {
      if (isRequired(name)) out.failures.push_back(where + " " + name + ": missing");
      else ++out.unreported;
      continue;
    }
    const json& exp = q["values"];
    if (!vals->is_array() || vals->size() != exp.size()) {
      out.failures.push_back(where + " " + name + ": wrong number of values");
      continue;
    }
    const double tol = q.value("tol_db", 0.0) + 1e-9;
    for (std::size_t i = 0; i < exp.size(); ++i) {
      if (exp[i].is_null()) continue;
      const json& a = (*vals)[i];
      if (!a.is_number() || !std::isfinite(a.get<double>())) {
        out.failures.push_back(where + " " + name + " band " + std::to_string(i) + ": not a number");
        continue;
      }
      const double dev = std::abs(a.get<double>() - exp[i].get<double>());
      ++out.compared;
      const std::string at = where + " " + name + " band " + std::to_string(i);
      if (dev > out.maxDeviation) out.maxDeviation = dev, out.maxDeviationAt = at;
      if (dev > tol) {
        char buf[160];
        std::snprintf(buf, sizeof buf, ": got %.3f expected %.3f (tol %.2f)", a.get<double>(),
                      exp[i].get<double>(), q.value("tol_db", 0.0));
        out.failures.push_back(at + buf);
      }
    }
  }
}

/// The answer path of a type; a reflection is matched by its vertex nearest to the expected
/// reflection point (within 1 m).
const json* findPath(const json& answer, const std::string& type, const json& expected, CaseCheck& out) {
  if (!answer.contains("paths") || !answer["paths"].is_array()) {
    out.failures.push_back(type + ": the answer has no \"paths\" array");
    return nullptr;
  }
  const json* first = nullptr;
  const json* nearest = nullptr;
  double best = std::numeric_limits<double>::infinity();
  const bool byPoint = type == "reflection" && expected.contains("reflection_points") &&
                       !expected["reflection_points"].empty();
  for (const json& p : answer["paths"]) {
    if (p.value("type", "") != type) continue;
    if (!first) first = &p;
    if (!byPoint || !p.contains("points")) continue;
    const json& target = expected["reflection_points"][0];
    for (const json& v : p["points"]) {
      double d2 = 0.0;
      for (std::size_t k = 0; k < 3; ++k) {
        const double d = v[k].get<double>() - target[k].get<double>();
        d2 += d * d;
      }
      if (std::sqrt(d2) < best) best = std::sqrt(d2), nearest = &p;
    }
  }
  if (!first) {
    out.failures.push_back(type + ": no path of this type in the answer");
    return nullptr;
  }
  if (byPoint) {
    if (!nearest || best > 1.0) {
      out.failures.push_back("reflection: no reflection path through the expected point");
      return nullptr;
    }
    return nearest;
  }
  return first;
}

double pointDistance(const json& a, const json& b) {
  double d2 = 0.0;
  for (std::size_t k = 0; k < 3; ++k) {
    const double d = a[k].get<double>() - b[k].get<double>();
    d2 += d * d;
  }
  return std::sqrt(d2);
}

/// Largest distance from a point of `from` to its nearest point in `to`, and that point.
std::pair<double, const json*> worstNearest(const json& from, const json& to) {
  std::pair<double, const json*> worst{0.0, nullptr};
  for (const json& p : from) {
    double best = std::numeric_limits<double>::infinity();
    for (const json& q : to) best = std::min(best, pointDistance(p, q));
    if (best > worst.first) worst = {best, &p};
  }
  return worst;
}

void compareVertices(const json& doc, const json& answer, double tol, CaseCheck& out) {
  if (!doc.contains("profiles") || !answer.contains("paths")) return;
  for (const auto& [name, prof] : doc["profiles"].items()) {
    if (name.find("_curved") != std::string::npos) continue;
    json expected = json::array();
    for (const json& p : prof["points"]) expected.push_back(p["xyz"]);
    // The answer path of this type whose vertices are closest to the profile.
    double best = std::numeric_limits<double>::infinity();
    const json* bestPath = nullptr;
    for (const json& p : answer["paths"]) {
      if (p.value("type", "") != name || !p.contains("points")) continue;
      const double d = std::max(worstNearest(expected, p["points"]).first, worstNearest(p["points"], expected).first);
      if (d < best) best = d, bestPath = &p;
    }
    if (!bestPath) {
      out.failures.push_back(name + ": no path of this type to compare vertices with");
      continue;
    }
    if (best > tol) {
      char buf[128];
      std::snprintf(buf, sizeof buf, ": path vertices up to %.3f m from the profile points (tol %.2f m)", best, tol);
      out.failures.push_back(name + buf);
    }
  }
}

}  // namespace

CaseCheck checkAnswer(const std::filesystem::path& caseFile, const std::string& answerJson, double vertexTolerance) {
  const json doc = parseJsonFile(caseFile.string());
  CaseCheck out;
  out.id = doc.value("id", caseFile.filename().string());
  json answer;
  try {
    answer = json::parse(answerJson);
  } catch (const json::parse_error&) {
    out.failures.push_back("the answer is not JSON");
    return out;
  }
  const json& exp = doc.at("expected");
  const json expectedPaths = exp.value("paths", json::object());
  for (const auto& [type, pexp] : expectedPaths.items()) {
    const json* p = findPath(answer, type, pexp, out);
    if (!p) continue;
    for (const char* cond : {"H", "F", "HF"})
      if (pexp.contains(cond))
        compareQuantities(pexp[cond], p->contains(cond) ? &(*p)[cond] : nullptr, type + "/" + cond, out);
  }
  if (exp.contains("receiver") && !exp["receiver"].empty())
    compareQuantities(exp["receiver"], answer.contains("receiver") ? &answer["receiver"] : nullptr,
                      "receiver", out);
  if (exp.contains("alpha_atm_db_per_km"))
    compareQuantities(json{{"alpha_atm_db_per_km", exp["alpha_atm_db_per_km"]}}, &answer, "global", out);
  if (vertexTolerance > 0.0) compareVertices(doc, answer, vertexTolerance, out);
  return out;
}

std::string formatCheckLine(const CaseCheck& c) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-8s %s  compared %4d  max dev %6.3f dB (%s)  unreported %d",
                c.id.c_str(), c.passed() ? "pass" : "FAIL", c.compared, c.maxDeviation,
                c.maxDeviationAt.c_str(), c.unreported);
  std::string line = buf;
  for (std::size_t i = 0; i < c.failures.size() && i < 5; ++i) line += "\n         " + c.failures[i];
  if (c.compared == 0 && c.failures.empty()) line += "\n         nothing was compared";
  return line;
}

std::string caseFamily(const std::string& id) {
  if (id.size() > 2 && id.compare(0, 2, "TC") == 0) return "iso17534-4";
  if (id.compare(0, 4, "JRC-") == 0) {
    const std::size_t end = id.find('_', 4);
    return "jrc-" + id.substr(4, end == std::string::npos ? std::string::npos : end - 4);
  }
  return "other";
}

void countByFamily(const CaseCheck& check, std::vector<FamilyCount>& counts) {
  const std::string family = caseFamily(check.id);
  auto it = std::find_if(counts.begin(), counts.end(), [&](const FamilyCount& c) { return c.family == family; });
  if (it == counts.end()) it = counts.insert(counts.end(), FamilyCount{family, 0, 0});
  (check.passed() ? it->passed : it->failed) += 1;
}

std::string formatFamilyTable(const std::vector<FamilyCount>& counts, const std::vector<CaseCheck>& checks) {
  std::string out = "family          passed  failed  failing cases\n";
  for (const FamilyCount& c : counts) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%-15s %6d  %6d  ", c.family.c_str(), c.passed, c.failed);
    out += buf;
    bool first = true;
    for (const CaseCheck& k : checks) {
      if (k.passed() || caseFamily(k.id) != c.family) continue;
      out += (first ? "" : ", ") + k.id;
      first = false;
    }
    out += "\n";
  }
  return out;
}

}  // namespace citynoise::io
