// The measured-against-modelled plot (see plot.hpp): drawn into an RGB raster here, written by
// GDAL's PNG driver from a MEM dataset.
#include <citynoise/io/plot.hpp>

#include <citynoise/core/error.hpp>

#include "../gdal_support.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace citynoise::io {
namespace {

using Rgb = std::array<std::uint8_t, 3>;

/// 3 × 5 pixel digits (rows top to bottom, 3 bits each, high bit left) for the axis numbers.
constexpr std::array<std::array<std::uint8_t, 5>, 10> kDigits = {{{7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7}, {5, 5, 7, 1, 1},
                                                                  {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 1, 1, 1}, {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7}}};

class Canvas {
 public:
  explicit Canvas(int size) : size_(size), rgb_(static_cast<std::size_t>(size) * static_cast<std::size_t>(size) * 3, 255) {}
  void dot(int x, int y, Rgb c) {
    if (x < 0 || y < 0 || x >= size_ || y >= size_) return;
    auto* p = &rgb_[3 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(size_) + static_cast<std::size_t>(x))];
    p[0] = c[0], p[1] = c[1], p[2] = c[2];
  }
  void line(double x0, double y0, double x1, double y1, Rgb c, int dash = 0) {
    const int steps = static_cast<int>(std::max(std::abs(x1 - x0), std::abs(y1 - y0))) + 1;
    for (int k = 0; k <= steps; ++k) {
      if (dash > 0 && (k / dash) % 2 == 1) continue;
      const double t = static_cast<double>(k) / steps;
      dot(static_cast<int>(std::lround(x0 + t * (x1 - x0))), static_cast<int>(std::lround(y0 + t * (y1 - y0))), c);
    }
  }
  void disc(double cx, double cy, double r, Rgb c, bool hollow) {
    for (int y = static_cast<int>(cy - r - 1); y <= static_cast<int>(cy + r + 1); ++y)
      for (int x = static_cast<int>(cx - r - 1); x <= static_cast<int>(cx + r + 1); ++x) {
        const double d = std::hypot(x - cx, y - cy);
        if (d <= r && (!hollow || d >= r - 1.5)) dot(x, y, c);
      }
  }
  void number(int value, int x, int y, Rgb c) {  // right-aligned at x, top at y, digits 2× scaled
    const std::string text = std::to_string(value);
    int left = x - static_cast<int>(text.size()) * 8;
    for (const char ch : text) {
      const auto& glyph = kDigits[static_cast<std::size_t>(ch - '0')];
      for (int row = 0; row < 5; ++row)
        for (int col = 0; col < 3; ++col)
          if (glyph[static_cast<std::size_t>(row)] >> (2 - col) & 1)
            for (int k = 0; k < 4; ++k) dot(left + 2 * col + k % 2, y + 2 * row + k / 2, c);
      left += 8;
    }
  }
  [[nodiscard]] const std::vector<std::uint8_t>& pixels() const { return rgb_; }
  [[nodiscard]] int size() const { return size_; }

 private:
  int size_;
  std::vector<std::uint8_t> rgb_;
};

void save(const Canvas& canvas, const std::filesystem::path& file) {
  gdal::ensureGdal();
  GDALDriverH mem = GDALGetDriverByName("MEM"), png = GDALGetDriverByName("PNG");
  if (!mem || !png) throw std::runtime_error("GDAL has no MEM or PNG driver");
  const int n = canvas.size();
  const gdal::Dataset ds(GDALCreate(mem, "", n, n, 3, GDT_Byte, nullptr));
  for (int b = 0; b < 3; ++b) {
    std::vector<std::uint8_t> band(static_cast<std::size_t>(n) * static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < band.size(); ++i) band[i] = canvas.pixels()[3 * i + static_cast<std::size_t>(b)];
    if (GDALRasterIO(GDALGetRasterBand(ds.get(), b + 1), GF_Write, 0, 0, n, n, band.data(), n, n, GDT_Byte, 0, 0) != CE_None)
      throw std::runtime_error("writing the plot's pixels: " + gdal::lastError());
  }
  const std::filesystem::path temporary = gdal::temporaryBeside(file);
  {
    const gdal::Dataset out(GDALCreateCopy(png, temporary.c_str(), ds.get(), FALSE, nullptr, nullptr, nullptr));
    if (!out) throw InputError(file.string(), "", "cannot write the plot: " + gdal::lastError());
  }
  std::filesystem::remove(temporary.string() + ".aux.xml");
  std::filesystem::rename(temporary, file);
}

}  // namespace

void writeScatterPng(const std::filesystem::path& file, const std::vector<PlotSeries>& series, double lo, double hi, int size) {
  if (!(hi > lo) || size < 100 || size > 4000) throw InputError(file.string(), "", "a plot needs lo < hi and 100 to 4000 pixels");
  Canvas c(size);
  const double margin = 50, span = size - 2 * margin;
  auto px = [&](double v) { return margin + (v - lo) / (hi - lo) * span; };
  auto py = [&](double v) { return size - margin - (v - lo) / (hi - lo) * span; };
  const Rgb grid{225, 225, 225}, axis{60, 60, 60}, band{150, 150, 150};
  for (int v = static_cast<int>(std::ceil(lo / 5) * 5); v <= hi; v += 5) {
    c.line(px(v), py(lo), px(v), py(hi), grid), c.line(px(lo), py(v), px(hi), py(v), grid);
    c.number(v, static_cast<int>(px(v)) + 8, static_cast<int>(py(lo)) + 8, axis);
    c.number(v, static_cast<int>(px(lo)) - 6, static_cast<int>(py(v)) - 5, axis);
  }
  c.line(px(lo), py(lo), px(hi), py(lo), axis), c.line(px(lo), py(lo), px(lo), py(hi), axis);
  c.line(px(lo), py(lo), px(hi), py(hi), axis);                                    // modelled = measured
  c.line(px(lo), py(lo + 3), px(hi - 3), py(hi), band, 4), c.line(px(lo + 3), py(lo), px(hi), py(hi - 3), band, 4);  // ±3 dB
  for (const PlotSeries& s : series)
    for (const auto& [m, model] : s.points)
      if (std::isfinite(m) && std::isfinite(model)) c.disc(px(std::clamp(m, lo, hi)), py(std::clamp(model, lo, hi)), 5, s.colour, s.hollow);
  save(c, file);
}

}  // namespace citynoise::io
