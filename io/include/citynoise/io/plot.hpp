#pragma once
// A scatter plot of measured against modelled levels as a PNG (through GDAL), for reports: the
// 1:1 line, ±3 dB lines, a grid every 5 dB with its numbers, one colour per series.

#include <array>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace citynoise::io {

struct PlotSeries {
  std::vector<std::array<double, 2>> points;  ///< (measured, modelled), dB
  std::array<std::uint8_t, 3> colour{0, 0, 0};
  bool hollow = false;  ///< rings instead of discs (the "before" of a before/after plot)
};

/// Writes the plot (`size` pixels square, axes from lo to hi dB on both) atomically to `file`.
void writeScatterPng(const std::filesystem::path& file, const std::vector<PlotSeries>& series, double lo, double hi, int size = 600);

}  // namespace citynoise::io
