#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace citynoise::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   ///< the computation failed (a bug, or resources)
inline constexpr int kExitBadInput = 2;  ///< the input is wrong; the message says where

struct CaseOptions {
  std::string file;
  bool useProfiles = false;
  bool pretty = false;
};

void addCaseCommand(CLI::App& app, CaseOptions& options);
int runCase(const CaseOptions& options);

/// Runs the subcommand that was parsed.
int dispatch(const CLI::App& app, const CaseOptions& caseOptions);

}  // namespace citynoise::cli
