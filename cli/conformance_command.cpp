// `citynoise conformance`: run citynoise-case/1 files and compare with their expected values
// (ISO 17534-1 style quality assurance). One line per case, a table per family (ISO, each JRC
// family) with the failing ids, then "N passed, M failed".

#include "commands.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/conformance.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

namespace citynoise::cli {
namespace {

std::vector<std::filesystem::path> caseFiles(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files;
  for (const std::string& p : paths) {
    if (std::filesystem::is_directory(p)) {
      std::vector<std::filesystem::path> inDir;
      for (const auto& e : std::filesystem::directory_iterator(p))
        if (e.path().extension() == ".json") inDir.push_back(e.path());
      std::sort(inDir.begin(), inDir.end());
      files.insert(files.end(), inDir.begin(), inDir.end());
    } else {
      files.emplace_back(p);
    }
  }
  return files;
}

std::string shellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// Runs `command` with {case} replaced; returns its stdout, throws on a non-zero exit.
std::string runExternal(const std::string& command, const std::string& file) {
  std::string cmd = command;
  const std::string quoted = shellQuote(file);
  for (std::size_t at = cmd.find("{case}"); at != std::string::npos; at = cmd.find("{case}", at + quoted.size()))
    cmd.replace(at, 6, quoted);
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) throw std::runtime_error("cannot start: " + cmd);
  std::string out;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe.get())) out.append(buf.data(), n);
  const int status = pclose(pipe.release());
  if (status != 0) throw std::runtime_error("command failed (status " + std::to_string(status) + "): " + cmd);
  return out;
}

}  // namespace

void addConformanceCommand(CLI::App& app, ConformanceOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "conformance", "Run case files (or folders of them) and compare with their expected values");
  cmd->add_option("PATHS", options.paths, "case files or folders")->required();
  cmd->add_flag("--use-profiles", options.useProfiles, "evaluate the profiles given in the files");
  cmd->add_option("--run", options.runCommand,
                  "evaluate each case with this external command instead, '{case}' = the file");
  cmd->add_option("--vertices", options.vertexTolerance,
                  "also require the paths' vertices within this distance (m) of the case's profile points");
}

int runConformance(const ConformanceOptions& options) {
  int passed = 0, failed = 0;
  std::vector<io::CaseCheck> checks;
  std::vector<io::FamilyCount> families;
  for (const std::filesystem::path& file : caseFiles(options.paths)) {
    io::CaseCheck check;
    try {
      const std::string answer = options.runCommand.empty()
                                     ? evaluateCase(file.string(), options.useProfiles)
                                     : runExternal(options.runCommand, file.string());
      check = io::checkAnswer(file, answer, options.vertexTolerance);
    } catch (const std::exception& e) {
      check.id = file.stem().string();
      check.failures.push_back(e.what());
    }
    std::cout << io::formatCheckLine(check) << '\n';
    (check.passed() ? passed : failed) += 1;
    io::countByFamily(check, families);
    checks.push_back(std::move(check));
  }
  if (families.size() > 1 || failed > 0) std::cout << '\n' << io::formatFamilyTable(families, checks) << '\n';
  std::cout << passed << " passed, " << failed << " failed\n";
  if (passed + failed == 0) {
    std::cerr << "citynoise conformance: no case files found\n";
    return kExitBadInput;
  }
  return failed == 0 ? kExitOk : kExitFailure;
}

}  // namespace citynoise::cli
