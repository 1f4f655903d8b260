// Expression parsing: recursive descent over the text, emitting the
// postfix program that Expression::check and evaluate run (expression.cpp).
#include "mlsysim/registry/expression.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "mlsysim/framework/unit_parser.hpp"

namespace mlsysim {
namespace {


bool is_unit_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) || c == '_' || u >= 0x80;  // UTF-8 bytes: µs
}

}  // namespace

// Recursive descent over the text, emitting the postfix program.
class ExpressionParser {
 public:
  explicit ExpressionParser(std::string_view text) : text_(text) {}

  Result<Expression> run() {
    Expression e;
    e.text_ = std::string(text_);
    out_ = &e;
    if (!disjunction() || !(skip_space(), at_end() || fail("an operator or the end"))) return *error_;
    if (out_->program_.empty()) return Error::bad_input({}, "empty expression");
    if (max_depth_ > Expression::kMaxDepth)
      return Error::bad_input({}, fmt::format("expression '{}' is nested too deeply", text_));
    return e;
  }

 private:
  // disjunction := conjunction ('||' conjunction)*
  bool disjunction() {
    if (!conjunction()) return false;
    while (skip_space(), accept2('|', '|')) {
      if (!conjunction()) return false;
      emit(Expression::Op::kOr, 0, -1);
    }
    return true;
  }

  // conjunction := comparison ('&&' comparison)*
  bool conjunction() {
    if (!comparison()) return false;
    while (skip_space(), accept2('&', '&')) {
      if (!comparison()) return false;
      emit(Expression::Op::kAnd, 0, -1);
    }
    return true;
  }

  // comparison := sum [('<=' | '>=' | '<' | '>' | '==' | '!=') sum]
  bool comparison() {
    if (!sum()) return false;
    skip_space();
    using Op = Expression::Op;
    Op op;
    if (accept2('<', '=')) op = Op::kLessEqual;
    else if (accept2('>', '=')) op = Op::kGreaterEqual;
    else if (accept2('=', '=')) op = Op::kEqual;
    else if (accept2('!', '=')) op = Op::kNotEqual;
    else if (accept('<')) op = Op::kLess;
    else if (accept('>')) op = Op::kGreater;
    else return true;
    if (!sum()) return false;
    emit(op, 0, -1);
    return true;
  }

  // sum := product (('+' | '-') product)*
  bool sum() {
    return left_associative(&ExpressionParser::product, '+', Expression::Op::kAdd, '-',
                            Expression::Op::kSub);
  }

  // product := unary (('*' | '/') unary)*
  bool product() {
    return left_associative(&ExpressionParser::unary, '*', Expression::Op::kMul, '/',
                            Expression::Op::kDiv);
  }

  // operand ((first | second) operand)*, emitting each operator after its operands.
  bool left_associative(bool (ExpressionParser::*operand)(), char first, Expression::Op first_op,
                        char second, Expression::Op second_op) {
    if (!(this->*operand)()) return false;
    while (true) {
      skip_space();
      Expression::Op op;
      if (accept(first)) op = first_op;
      else if (accept(second)) op = second_op;
      else return true;
      if (!(this->*operand)()) return false;
      emit(op, 0, -1);
    }
  }

  // unary := ('-' | '!') unary | power
  bool unary() {
    // Each nesting (parentheses, unary signs, function arguments) passes
    // through here: bound the recursion, not the stack.
    if (++nesting_ > kMaxNesting) return fail(fmt::format("at most {} levels of nesting", kMaxNesting));
    struct Leave {
      int& n;
      ~Leave() { --n; }
    } leave{nesting_};
    skip_space();
    if (accept('-')) {
      if (!unary()) return false;
      emit(Expression::Op::kNeg, 0, 0);
      return true;
    }
    if (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '=') {
      if (accept('!')) {
        if (!unary()) return false;
        emit(Expression::Op::kNot, 0, 0);
        return true;
      }
    }
    return power();
  }

  // power := primary ['^' unary]. A constant exponent is folded into the
  // step, so check() knows it (a dimension needs an integer power).
  bool power() {
    if (!primary()) return false;
    skip_space();
    if (!accept('^')) return true;
    const std::size_t start = out_->program_.size();
    const long depth = depth_;
    if (!unary()) return false;
    if (std::optional<double> k = constant_since(start)) {
      out_->program_.resize(start);
      depth_ = depth;
      Expression::Step step;
    step.op = Expression::Op::kPowConstant;
      step.number = *k;
      push(step, 0);
    } else {
      emit(Expression::Op::kPow, 0, -1);
    }
    return true;
  }

  // The value of program_[start..] if it reads no names and no units.
  std::optional<double> constant_since(std::size_t start) const {
    if (max_depth_ > Expression::kMaxDepth) return std::nullopt;  // refused by run(); too deep to evaluate
    Expression sub;
    for (std::size_t i = start; i < out_->program_.size(); ++i) {
      const Expression::Step& s = out_->program_[i];
      if (s.op == Expression::Op::kReference || !s.dimension.dimensionless()) return std::nullopt;
      sub.program_.push_back(s);
    }
    return sub.evaluate({});
  }

  // primary := number | name ('.' name)* | ('min' | 'max') '(' sum (',' sum)* ')' | '(' sum ')'
  bool primary() {
    skip_space();
    if (at_end()) return fail("a number, a name or '('");
    const char c = text_[pos_];
    if (c == '(') {
      ++pos_;
      if (!disjunction()) return false;
      skip_space();
      return accept(')') || fail("')'");
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    if (is_name_start(c)) return name();
    return fail("a number, a name or '('");
  }

  // number := digits [unit], e.g. "3", "1e9", "500 KB", "3 GB/s", "2 ms"
  bool number() {
    double value = 0.0;
    const char* begin = text_.data() + pos_;
    auto [end, ec] = std::from_chars(begin, text_.data() + text_.size(), value);
    if (ec != std::errc() || end == begin) return fail("a number");
    pos_ += static_cast<std::size_t>(end - begin);
    Expression::Step step;
    step.op = Expression::Op::kNumber;
    step.number = value;
    // A name right after a number can only be its unit.
    skip_space();
    if (!at_end() && is_unit_byte(text_[pos_])) {
      const std::size_t unit_start = pos_;
      const std::string_view unit_text = unit_token();
      Result<Unit> unit = parse_unit(unit_text, {});
      if (!unit.ok()) {
        pos_ = unit_start;
        return fail(fmt::format("a unit after the number ({})", unit.error().message));
      }
      step.number = value * unit->factor;
      step.dimension = unit->dimension;
      if (!std::isfinite(step.number)) {
        pos_ = unit_start;
        return fail("a unit literal whose value in base units is finite");
      }
    }
    push(step, +1);
    return true;
  }

  // unit := word ('/' word)*, word := letters ['^' ['-'] digits]: "GB/s", "s^2".
  std::string_view unit_token() {
    const std::size_t start = pos_;
    while (true) {
      while (pos_ < text_.size() && is_unit_byte(text_[pos_])) ++pos_;
      if (pos_ + 1 < text_.size() && text_[pos_] == '^' &&
          (std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])) ||
           (text_[pos_ + 1] == '-' && pos_ + 2 < text_.size() &&
            std::isdigit(static_cast<unsigned char>(text_[pos_ + 2]))))) {
        pos_ += 2;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      }
      if (pos_ + 1 < text_.size() && text_[pos_] == '/' && is_unit_byte(text_[pos_ + 1])) {
        ++pos_;
        continue;
      }
      return text_.substr(start, pos_ - start);
    }
  }

  bool name() {
    std::string_view first = identifier();
    skip_space();
    if ((first == "min" || first == "max") && accept('(')) {
      std::size_t args = 0;
      do {
        if (!disjunction()) return false;
        ++args;
        skip_space();
      } while (accept(','));
      if (!accept(')')) return fail("',' or ')'");
      emit(first == "min" ? Expression::Op::kMin : Expression::Op::kMax, args,
           1 - static_cast<int>(args));
      return true;
    }
    // stage.output, and nested outputs: node_profile.feasible, train.node_profile.latency.
    std::string full(first);
    while (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (pos_ >= text_.size() || !is_name_start(text_[pos_])) return fail("an output name after '.'");
      full += '.';
      full += identifier();
    }
    auto& refs = out_->references_;
    auto it = std::find(refs.begin(), refs.end(), full);
    Expression::Step step;
    step.op = Expression::Op::kReference;
    step.arg = static_cast<std::size_t>(it - refs.begin());
    if (it == refs.end()) refs.push_back(std::move(full));
    push(step, +1);
    return true;
  }

  std::string_view identifier() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() &&
           (is_name_start(text_[pos_]) || std::isdigit(static_cast<unsigned char>(text_[pos_]))))
      ++pos_;
    return text_.substr(start, pos_ - start);
  }

  static bool is_name_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
  }
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool at_end() const { return pos_ >= text_.size(); }
  bool accept2(char a, char b) {
    if (pos_ + 1 < text_.size() && text_[pos_] == a && text_[pos_ + 1] == b) {
      pos_ += 2;
      return true;
    }
    return false;
  }
  bool accept(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool fail(std::string_view expected) {
    if (!error_) {
      const std::string found = at_end() ? "the end" : fmt::format("'{}'", character_at(text_, pos_));
      error_ = Error::bad_input({}, fmt::format("expression '{}': expected {} at position {}, found {}",
                                                excerpt(text_, 80), expected, pos_ + 1, found));
    }
    return false;
  }

  void emit(Expression::Op op, std::size_t arg, int depth_change) {
    Expression::Step step;
    step.op = op;
    step.arg = arg;
    push(step, depth_change);
  }
  void push(const Expression::Step& step, int depth_change) {
    out_->program_.push_back(step);
    depth_ += depth_change;
    max_depth_ = std::max(max_depth_, static_cast<std::size_t>(depth_));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  Expression* out_ = nullptr;
  std::optional<Error> error_;
  long depth_ = 0;
  std::size_t max_depth_ = 0;
  static constexpr int kMaxNesting = 200;
  int nesting_ = 0;
};

Result<Expression> Expression::parse(std::string_view text) { return ExpressionParser(text).run(); }

}  // namespace mlsysim
