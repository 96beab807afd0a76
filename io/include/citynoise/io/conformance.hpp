#pragma once
// Comparing an engine's answer with the expected values of a citynoise-case/1 file: the
// project's own conformance check (same rules as ../shared/conformance/check.py).

#include <filesystem>
#include <string>
#include <vector>

namespace citynoise::io {

struct CaseCheck {
  std::string id;
  int compared = 0;     ///< bands compared
  int unreported = 0;   ///< optional quantities the answer did not give
  double maxDeviation = 0.0;
  std::string maxDeviationAt;
  std::vector<std::string> failures;
  [[nodiscard]] bool passed() const { return failures.empty() && compared > 0; }
};

/// Compares `answerJson` (the output of `citynoise case`) with the case's `expected` block.
/// Required quantities (L, LA) missing or any band outside its tolerance is a failure.
/// With `vertexTolerance` > 0, every profile point of the case must have a vertex of the answer's
/// path of the same type within that distance, and every answer vertex a profile point.
CaseCheck checkAnswer(const std::filesystem::path& caseFile, const std::string& answerJson,
                      double vertexTolerance = 0.0);

/// One line per case, as check.py prints it.
std::string formatCheckLine(const CaseCheck& check);

/// The family a case belongs to, from its id: "iso17534-4" for TCnn, "jrc-<family>" for
/// JRC-<family>_<n>..., otherwise "other".
std::string caseFamily(const std::string& id);

/// Per-family counts, in the order families were first seen.
struct FamilyCount {
  std::string family;
  int passed = 0, failed = 0;
};
void countByFamily(const CaseCheck& check, std::vector<FamilyCount>& counts);

/// The per-family table: one line per family with its passed and failed counts and the ids
/// that failed.
std::string formatFamilyTable(const std::vector<FamilyCount>& counts,
                              const std::vector<CaseCheck>& checks);

}  // namespace citynoise::io
