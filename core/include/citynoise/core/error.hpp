#pragma once
// Errors that point at their origin: which file, which object or JSON path, which field.
// Bad input must never crash nor silently change results; it ends here, with a clear message.

#include <stdexcept>
#include <string>

namespace citynoise {

class InputError : public std::runtime_error {
 public:
  /// `where` is the object id, feature id or JSON path inside `file`.
  InputError(std::string file, std::string where, const std::string& message)
      : std::runtime_error(format(file, where, message)),
        file_(std::move(file)), where_(std::move(where)), message_(message) {}

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] const std::string& where() const { return where_; }
  [[nodiscard]] const std::string& message() const { return message_; }

 private:
  static std::string format(const std::string& file, const std::string& where, const std::string& msg) {
    std::string s = file;
    if (!where.empty()) s += (s.empty() ? "" : ": ") + where;
    return s + (s.empty() ? "" : ": ") + msg;
  }
  std::string file_, where_, message_;
};

}  // namespace citynoise
