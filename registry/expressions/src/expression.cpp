// Expression checking (dimensions) and evaluation of the postfix program
// the parser (expression_parser.cpp) emits.
#include "mlsysim/registry/expression.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

namespace mlsysim {
namespace {

// Largest dimension exponent a power may produce (Dimension stores int8).
constexpr double kMaxDimensionExponent = 64;

std::string describe(Dimension d) {
  return fmt::format("{} ({})", d.description(), d.unit_symbol());
}

}  // namespace

Result<Dimension> Expression::check(std::span<const Dimension> dims) const {
  std::vector<Dimension> stack;
  for (const Step& s : program_) {
    switch (s.op) {
      case Op::kNumber: stack.push_back(s.dimension); break;
      case Op::kReference: stack.push_back(dims[s.arg]); break;
      case Op::kNeg: break;
      case Op::kNot:
        if (!stack.back().dimensionless())
          return Error::bad_input({}, fmt::format("expression '{}': '!' needs a plain number, got {}", text_,
                                                  describe(stack.back())));
        break;
      case Op::kAnd:
      case Op::kOr: {
        const Dimension b = stack.back();
        stack.pop_back();
        if (!b.dimensionless() || !stack.back().dimensionless())
          return Error::bad_input({}, fmt::format("expression '{}': '{}' needs plain numbers (conditions), got {} "
                                                  "and {}", text_, s.op == Op::kAnd ? "&&" : "||",
                                                  describe(stack.back()), describe(b)));
        break;
      }
      case Op::kLess: case Op::kLessEqual: case Op::kGreater: case Op::kGreaterEqual:
      case Op::kEqual: case Op::kNotEqual: {
        const Dimension b = stack.back();
        stack.pop_back();
        if (b != stack.back())
          return Error::bad_input({}, fmt::format("expression '{}': cannot compare {} and {}", text_,
                                                  describe(stack.back()), describe(b)));
        stack.back() = Dimension{};
        break;
      }
      case Op::kPowConstant: {
        const Dimension base = stack.back();
        if (base.dimensionless()) break;
        if (std::trunc(s.number) != s.number)
          return Error::bad_input({}, fmt::format("expression '{}': cannot raise {} to the "
                                                  "non-integer power {}", text_, describe(base), s.number));
        for (int b = 0; b < Dimension::kCount; ++b)
          if (std::fabs(base.exponent(static_cast<Dimension::Base>(b)) * s.number) > kMaxDimensionExponent)
            return Error::bad_input({}, fmt::format("expression '{}': {} to the power {} is out of range",
                                                    text_, describe(base), s.number));
        stack.back() = base.pow(static_cast<int>(s.number));
        break;
      }
      case Op::kPow: {
        const Dimension exponent = stack.back();
        stack.pop_back();
        if (!stack.back().dimensionless() || !exponent.dimensionless())
          return Error::bad_input({}, fmt::format("expression '{}': only a plain number can be raised "
                                                  "to a power that is not a constant (got {} ^ {})", text_,
                                                  describe(stack.back()), describe(exponent)));
        break;
      }
      case Op::kMul:
      case Op::kDiv: {
        const Dimension b = stack.back();
        stack.pop_back();
        for (int i = 0; i < Dimension::kCount; ++i) {  // exact, before the 8-bit Dimension stores it
          const auto base = static_cast<Dimension::Base>(i);
          const int e = stack.back().exponent(base) + (s.op == Op::kMul ? 1 : -1) * b.exponent(base);
          if (e < -kMaxDimensionExponent || e > kMaxDimensionExponent)
            return Error::bad_input({}, fmt::format("expression '{}': a dimension exponent beyond {}", text_,
                                                    kMaxDimensionExponent));
        }
        stack.back() = s.op == Op::kMul ? stack.back() * b : stack.back() / b;
        break;
      }
      case Op::kAdd:
      case Op::kSub:
      case Op::kMin:
      case Op::kMax: {
        const std::size_t n = s.op == Op::kAdd || s.op == Op::kSub ? 2 : s.arg;
        const Dimension first = stack[stack.size() - n];
        for (std::size_t i = stack.size() - n + 1; i < stack.size(); ++i) {
          if (stack[i] != first) {
            const char* verb = s.op == Op::kAdd ? "add" : s.op == Op::kSub ? "subtract" : "compare";
            return Error::bad_input({}, fmt::format("expression '{}': cannot {} {} and {}", text_,
                                                    verb, describe(first), describe(stack[i])));
          }
        }
        stack.resize(stack.size() - n + 1);
        break;
      }
    }
  }
  return stack.back();
}

double Expression::evaluate(std::span<const double> values) const {
  std::array<double, kMaxDepth> stack;
  std::size_t top = 0;  // number of live entries
  for (const Step& s : program_) {
    switch (s.op) {
      case Op::kNumber: stack[top++] = s.number; break;
      case Op::kReference: stack[top++] = values[s.arg]; break;
      case Op::kNeg: stack[top - 1] = -stack[top - 1]; break;
      case Op::kPowConstant: stack[top - 1] = std::pow(stack[top - 1], s.number); break;
      case Op::kPow: --top; stack[top - 1] = std::pow(stack[top - 1], stack[top]); break;
      case Op::kNot: stack[top - 1] = stack[top - 1] == 0 ? 1.0 : 0.0; break;
      case Op::kAnd: --top; stack[top - 1] = (stack[top - 1] != 0 && stack[top] != 0) ? 1.0 : 0.0; break;
      case Op::kOr: --top; stack[top - 1] = (stack[top - 1] != 0 || stack[top] != 0) ? 1.0 : 0.0; break;
      case Op::kLess: --top; stack[top - 1] = stack[top - 1] < stack[top]; break;
      case Op::kLessEqual: --top; stack[top - 1] = stack[top - 1] <= stack[top]; break;
      case Op::kGreater: --top; stack[top - 1] = stack[top - 1] > stack[top]; break;
      case Op::kGreaterEqual: --top; stack[top - 1] = stack[top - 1] >= stack[top]; break;
      case Op::kEqual: --top; stack[top - 1] = stack[top - 1] == stack[top]; break;
      case Op::kNotEqual: --top; stack[top - 1] = stack[top - 1] != stack[top]; break;
      case Op::kAdd: --top; stack[top - 1] += stack[top]; break;
      case Op::kSub: --top; stack[top - 1] -= stack[top]; break;
      case Op::kMul: --top; stack[top - 1] *= stack[top]; break;
      case Op::kDiv: --top; stack[top - 1] /= stack[top]; break;
      case Op::kMin:
      case Op::kMax: {
        const std::size_t first = top - s.arg;
        double r = stack[first];
        for (std::size_t i = first + 1; i < top; ++i)
          r = s.op == Op::kMin ? std::min(r, stack[i]) : std::max(r, stack[i]);
        top = first + 1;
        stack[first] = r;
        break;
      }
    }
  }
  return stack[0];
}

}  // namespace mlsysim
