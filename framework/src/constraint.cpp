#include "mlsysim/framework/constraint.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace mlsysim {

std::string Constraint::describe() const {
  if (!choices_.empty()) return fmt::format("must be one of {}", fmt::join(choices_, ", "));
  if (low_ && high_)
    return fmt::format("must be in {}{}, {}{}", low_->inclusive ? '[' : '(', low_->value,
                       high_->value, high_->inclusive ? ']' : ')');
  if (low_) return fmt::format("must be {} {}", low_->inclusive ? ">=" : ">", low_->value);
  if (high_) return fmt::format("must be {} {}", high_->inclusive ? "<=" : "<", high_->value);
  return "any value";
}

std::optional<std::string> Constraint::violation(std::string_view field, const Value& v) const {
  if (accepts(v)) return std::nullopt;
  return fmt::format("{} {}, got {}", field, describe(), v.describe());
}

double Constraint::sample_number() const {
  if (low_ && high_) return high_->value;
  if (low_) return low_->value + 1.0;
  if (high_) return high_->value - 1.0;
  return 1.0;
}

}  // namespace mlsysim
