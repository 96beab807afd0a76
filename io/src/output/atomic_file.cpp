#include <citynoise/io/atomic_file.hpp>

#include <stdexcept>
#include <unistd.h>

namespace citynoise::io {

AtomicFile::AtomicFile(std::filesystem::path target)
    : target_(std::move(target)),
      temp_(target_.parent_path() / ("." + target_.filename().string() + ".tmp" + std::to_string(::getpid()))) {
  if (!target_.parent_path().empty()) std::filesystem::create_directories(target_.parent_path());
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error("cannot write " + temp_.string());
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  out_.close();
  std::error_code ec;
  std::filesystem::remove(temp_, ec);
}

void AtomicFile::commit() {
  out_.flush();
  if (!out_) throw std::runtime_error("write error on " + temp_.string());
  out_.close();
  std::filesystem::rename(temp_, target_);
  committed_ = true;
}

}  // namespace citynoise::io
