#include "expression.hpp"

#include <cctype>
#include <cmath>
#include <stdexcept>

namespace citynoise::io {

struct Expression::Node {
  char op = 0;  ///< 0: number, 'f': field, or + - * / n (negation)
  double value = 0.0;
  std::string field;
  std::shared_ptr<const Node> left, right;
};

namespace {

using NodePtr = std::shared_ptr<const Expression::Node>;

class Parser {
 public:
  explicit Parser(const std::string& s) : s_(s) {}
  NodePtr parse() {
    NodePtr n = sum();
    skip();
    if (i_ != s_.size()) error("unexpected '" + std::string(1, s_[i_]) + "'");
    return n;
  }

 private:
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  [[noreturn]] void error(const std::string& what) const {
    throw std::invalid_argument("in expression \"" + s_ + "\" at " + std::to_string(i_ + 1) + ": " + what);
  }
  NodePtr binary(char op, NodePtr l, NodePtr r) {
    auto n = std::make_shared<Expression::Node>();
    n->op = op, n->left = std::move(l), n->right = std::move(r);
    return n;
  }
  NodePtr sum() {
    NodePtr l = product();
    for (skip(); i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-'); skip()) {
      const char op = s_[i_++];
      l = binary(op, l, product());
    }
    return l;
  }
  NodePtr product() {
    NodePtr l = unary();
    for (skip(); i_ < s_.size() && (s_[i_] == '*' || s_[i_] == '/'); skip()) {
      const char op = s_[i_++];
      l = binary(op, l, unary());
    }
    return l;
  }
  NodePtr unary() {
    skip();
    if (i_ < s_.size() && s_[i_] == '-') {
      ++i_;
      return binary('n', unary(), nullptr);
    }
    return atom();
  }
  NodePtr atom() {
    skip();
    if (i_ >= s_.size()) error("expected a number or a field name");
    auto n = std::make_shared<Expression::Node>();
    const char c = s_[i_];
    if (c == '(') {
      ++i_;
      NodePtr inner = sum();
      skip();
      if (i_ >= s_.size() || s_[i_] != ')') error("expected ')'");
      ++i_;
      return inner;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      std::size_t used = 0;
      try {
        n->value = std::stod(s_.substr(i_), &used);
      } catch (const std::exception&) {  // "." alone, or a number beyond double's range
        error("expected a number");
      }
      i_ += used;
      return n;
    }
    if (startsName(c) || c == '"') {
      n->op = 'f';
      if (c == '"') {  // "quoted field name"
        const std::size_t end = s_.find('"', i_ + 1);
        if (end == std::string::npos) error("unterminated quoted field name");
        n->field = s_.substr(i_ + 1, end - i_ - 1);
        i_ = end + 1;
      } else {
        const std::size_t start = i_;
        while (i_ < s_.size() && (startsName(s_[i_]) || std::isdigit(static_cast<unsigned char>(s_[i_])))) ++i_;
        n->field = s_.substr(start, i_ - start);
      }
      return n;
    }
    error("unexpected '" + std::string(1, c) + "'");
  }
  /// Field names: ASCII letters, '_' and any UTF-8 multi-byte character (层数, 小型车_D …).
  static bool startsName(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalpha(u) || c == '_' || u >= 0x80;
  }
  const std::string& s_;
  std::size_t i_ = 0;
};

double eval(const Expression::Node& n, const GisFeature& f) {
  switch (n.op) {
    case 0: return n.value;
    case 'f': {
      const auto it = f.attributes.find(n.field);
      if (it == f.attributes.end()) throw std::invalid_argument("field " + n.field + ": no such field");
      if (const double* d = std::get_if<double>(&it->second)) return *d;
      if (const std::string* s = std::get_if<std::string>(&it->second)) {
        try {
          std::size_t used = 0;
          const double v = std::stod(*s, &used);
          if (used == s->size()) return v;
        } catch (const std::exception&) {
        }
        throw std::invalid_argument("field " + n.field + ": \"" + *s + "\" is not a number");
      }
      throw std::invalid_argument("field " + n.field + ": missing value");
    }
    case 'n': return -eval(*n.left, f);
    case '+': return eval(*n.left, f) + eval(*n.right, f);
    case '-': return eval(*n.left, f) - eval(*n.right, f);
    case '*': return eval(*n.left, f) * eval(*n.right, f);
    default: {
      const double d = eval(*n.right, f);
      if (d == 0.0) throw std::invalid_argument("division by zero");
      return eval(*n.left, f) / d;
    }
  }
}

void collectFields(const Expression::Node& n, std::vector<std::string>& out) {
  if (n.op == 'f') out.push_back(n.field);
  if (n.left) collectFields(*n.left, out);
  if (n.right) collectFields(*n.right, out);
}

}  // namespace

Expression Expression::parse(const std::string& text) {
  Expression e;
  e.text_ = text;
  e.root_ = Parser(text).parse();
  return e;
}

Expression Expression::constant(double value) {
  Expression e;
  auto n = std::make_shared<Node>();
  n->value = value;
  e.root_ = n;
  e.text_ = std::to_string(value);
  return e;
}

double Expression::evaluate(const GisFeature& f) const {
  const double v = eval(*root_, f);
  if (!std::isfinite(v)) throw std::invalid_argument("\"" + text_ + "\" is not a finite number");
  return v;
}

std::vector<std::string> Expression::fields() const {
  std::vector<std::string> out;
  collectFields(*root_, out);
  return out;
}

}  // namespace citynoise::io
