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

}  // namespace citynoise::io
