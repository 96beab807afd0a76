#pragma once
// The small data tables citynoise ships (io/data/**/*.csv) and users replace: header, rows,
// typed access with errors naming the file, the row and the column. No quoted fields; lines
// starting with # are comments. Internal to citynoise_io.

#include <filesystem>
#include <string>
#include <vector>

namespace citynoise::io::detail {

struct Csv {
  std::string origin;  ///< the file, for messages
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  /// The index of a column; InputError when the header lacks it.
  [[nodiscard]] std::size_t column(const std::string& name) const;
  /// A number in [lo, hi] in row `row` (0 = the first after the header).
  [[nodiscard]] double number(std::size_t row, const std::string& name, double lo, double hi) const;
  [[nodiscard]] const std::string& text(std::size_t row, const std::string& name) const { return rows[row][column(name)]; }
};

/// The cells of one line (no quoted fields; a trailing comma is an empty last cell).
std::vector<std::string> splitCsvLine(const std::string& line);

/// `file`, or the built-in data file `builtIn` (a path in the data folder) when `file` is empty.
Csv readCsv(const std::filesystem::path& file, const std::string& builtIn);

}  // namespace citynoise::io::detail
