#pragma once
// Outputs are written atomically: into a temporary file beside the target, renamed over it when
// complete. A failed run leaves any earlier output untouched.

#include <filesystem>
#include <fstream>

namespace citynoise::io {

class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();  ///< removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  [[nodiscard]] std::ofstream& stream() { return out_; }
  [[nodiscard]] const std::filesystem::path& temporaryPath() const { return temp_; }
  /// Flushes, closes and renames over the target; throws std::runtime_error on failure.
  void commit();

 private:
  std::filesystem::path target_, temp_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace citynoise::io
