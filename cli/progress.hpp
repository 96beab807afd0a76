#pragma once
// Progress on stderr: a bar (done/total, rate, ETA) on a terminal; one line per 10 % otherwise;
// nothing with --quiet.

#include <chrono>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace citynoise::cli {

class Progress {
 public:
  Progress(std::size_t total, bool quiet, std::string label)
      : total_(total), quiet_(quiet || total == 0), tty_(::isatty(2) != 0), label_(std::move(label)), start_(Clock::now()) {}

  void update(std::size_t done) {
    if (quiet_) return;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
    const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0;
    if (tty_) {
      if (elapsed - lastDraw_ < 0.2 && done < total_) return;
      lastDraw_ = elapsed;
      const int width = 30, filled = static_cast<int>(width * done / total_);
      std::fprintf(stderr, "\r%s[%s%s] %zu/%zu  %.0f rec/s  ETA %d:%02d ", prefix().c_str(), std::string(static_cast<std::size_t>(filled), '#').c_str(),
                   std::string(static_cast<std::size_t>(width - filled), ' ').c_str(), done, total_, rate,
                   static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    } else {
      const std::size_t tenth = done * 10 / total_;
      if (tenth <= lastTenth_ && done < total_) return;
      lastTenth_ = tenth;
      std::fprintf(stderr, "%s%3zu %%  %zu/%zu receivers  %.0f rec/s  ETA %d:%02d\n", prefix().c_str(), tenth * 10, done, total_,
                   rate, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    }
  }

  void finish() {
    if (!quiet_ && tty_) std::fprintf(stderr, "\n");
  }

 private:
  using Clock = std::chrono::steady_clock;
  [[nodiscard]] std::string prefix() const { return label_.empty() ? "" : label_ + ": "; }
  std::size_t total_;
  bool quiet_, tty_;
  std::string label_;
  Clock::time_point start_;
  double lastDraw_ = -1.0;
  std::size_t lastTenth_ = 0;
};

}  // namespace citynoise::cli
