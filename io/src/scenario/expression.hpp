#pragma once
// Attribute expressions in scenario files: field names, numbers, + − * / and parentheses,
// e.g. "TV_D - HV_D". Parsed once, evaluated per feature.

#include <citynoise/io/gis.hpp>

#include <memory>
#include <string>
#include <vector>

namespace citynoise::io {

class Expression {
 public:
  /// Throws std::invalid_argument with the text and the position on a syntax error.
  static Expression parse(const std::string& text);
  /// A constant.
  static Expression constant(double value);

  /// Value for a feature; throws std::invalid_argument naming the field when it is missing, null
  /// or not a number.
  [[nodiscard]] double evaluate(const GisFeature& feature) const;
  [[nodiscard]] const std::string& text() const { return text_; }
  /// The field names it reads.
  [[nodiscard]] std::vector<std::string> fields() const;

  struct Node;  ///< syntax tree (defined in expression.cpp)

 private:
  std::shared_ptr<const Node> root_;
  std::string text_;
};

}  // namespace citynoise::io
