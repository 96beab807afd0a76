// Reading the shipped CSV tables (see csv_table.hpp).
#include "csv_table.hpp"

#include <citynoise/core/error.hpp>
#include <citynoise/io/data_files.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

namespace citynoise::io::detail {
namespace {

std::string fmt(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}


}  // namespace

std::vector<std::string> splitCsvLine(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

std::size_t Csv::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  throw InputError(origin, "header", "missing column \"" + name + "\"");
}

double Csv::number(std::size_t row, const std::string& name, double lo, double hi) const {
  const std::string& t = rows[row][column(name)];
  std::size_t used = 0;
  double v = std::nan("");
  try {
    v = std::stod(t, &used);
  } catch (const std::exception&) {
  }
  if (used != t.size() || !(v >= lo && v <= hi))
    throw InputError(origin, "row " + std::to_string(row + 2) + " (" + rows[row][0] + ")",
                     name + ": \"" + t + "\" is not a number from " + fmt(lo) + " to " + fmt(hi));
  return v;
}

Csv readCsv(const std::filesystem::path& file, const std::string& builtIn) {
  Csv csv;
  std::string text;
  if (file.empty()) {
    csv.origin = (dataDirectory() / builtIn).string();
    text = readDataFile(builtIn);
  } else {
    csv.origin = file.string();
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(csv.origin, "", "cannot open the table");
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::stringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells = splitCsvLine(line);
    if (csv.header.empty()) {
      csv.header = std::move(cells);
      continue;
    }
    if (cells.size() != csv.header.size())
      throw InputError(csv.origin, "row " + std::to_string(csv.rows.size() + 2), "expected " + std::to_string(csv.header.size()) + " columns");
    csv.rows.push_back(std::move(cells));
  }
  if (csv.rows.empty()) throw InputError(csv.origin, "", "the table has no rows");
  return csv;
}


}  // namespace citynoise::io::detail
