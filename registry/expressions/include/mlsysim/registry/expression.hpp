// Expression: the arithmetic of a pipeline binding, e.g.
//   "batch_size * sample_size_bytes / compute.latency"
//   "max(compute.latency, cpu.transform_time) + 2 * 0.5"
//
// Grammar: numbers, unit literals ("500 KB", "3 GB/s": a number and a unit
// written without spaces), names (a pipeline input `name` or a stage output
// `stage.output`), + - * / with the usual precedence, ^ (power, binds
// tighter than unary minus and to the right: -2^2 is -4, 2^3^2 is 512),
// parentheses, min(a, b, ...) / max(a, b, ...), comparisons (< <= > >= ==
// !=, giving 1 or 0) and logic (&& || !, on plain numbers: 0 is false), so
// a filter reads `feasible && latency <= 50 ms`.
//
// The caller resolves names: references() lists them, and check/evaluate
// take one dimension/value per reference, in that order. Dimensions are
// checked before any value exists: + - min max need equal dimensions, * and
// / combine them, a dimensioned value may only be raised to a constant
// integer power. Evaluation works in base units, so it never converts, and
// follows IEEE rules (x / 0 is inf).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/dimension.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/result.hpp"

namespace mlsysim {

class MLSYSIM_API Expression {
 public:
  // Parses `text`. A syntax error says what was expected and where.
  static Result<Expression> parse(std::string_view text);

  // Every name the expression reads, each once, in order of appearance:
  // "batch_size", "compute.latency".
  const std::vector<std::string>& references() const { return references_; }

  // The result's dimension given each reference's, or an error describing
  // the mismatch ("cannot add a time (s) and a data size (B)").
  Result<Dimension> check(std::span<const Dimension> reference_dimensions) const;

  // The result's magnitude in base units given each reference's. Call only
  // after check() succeeded for the same references.
  double evaluate(std::span<const double> reference_values) const;

  const std::string& text() const { return text_; }

 private:
  // Evaluation uses a fixed stack; deeper expressions are refused at parse.
  static constexpr std::size_t kMaxDepth = 64;
  // Postfix program: evaluation is one pass over a small stack.
  enum class Op : unsigned char {
    kNumber, kReference, kAdd, kSub, kMul, kDiv, kNeg, kMin, kMax, kPow, kPowConstant,
    kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual, kAnd, kOr, kNot
  };
  struct Step {
    Op op = Op::kNumber;
    std::size_t arg = 0;   // reference index, or argument count of min/max
    double number = 0.0;   // kNumber: value in base units; kPowConstant: the exponent
    Dimension dimension;   // kNumber: of a unit literal
  };
  friend class ExpressionParser;

  std::string text_;
  std::vector<Step> program_;
  std::vector<std::string> references_;
};

}  // namespace mlsysim
