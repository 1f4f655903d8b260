// Constraint: what values an input port accepts beyond its kind and unit,
// declared with the port (`>= 1`, a range, one of a set of strings). The
// registry checks every constraint in one place before any solve; `plugins
// show` prints them and `pipeline check` applies them to literal bindings.
//
//   Input<std::int64_t> batch_size{*this, "batch_size", 1, "samples", at_least(1)};
//   Input<double> efficiency{*this, "efficiency", 0.5, "...", in_range(1e-9, 1.0)};
//   Input<std::string> precision{*this, "precision", "fp16", "...", one_of(kPrecisions)};
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/export.hpp"

namespace mlsysim {

class Value;

class MLSYSIM_API Constraint {
 public:
  Constraint() = default;  // accepts everything

  bool empty() const { return !low_ && !high_ && choices_.empty(); }
  // Numbers, integers and quantities (in base units) are compared with the
  // bounds; strings with the choices. Other kinds always pass.
  MLSYSIM_INLINE bool accepts(const Value& v) const;
  // "must be >= 1", "must be in [1e-09, 1]", "must be one of fp32, fp16"
  std::string describe() const;
  // Why `v` is refused, naming the field and the value; nullopt if accepted.
  std::optional<std::string> violation(std::string_view field, const Value& v) const;

  const std::vector<std::string>& choices() const { return choices_; }
  // A value that satisfies the numeric bounds (for derived test inputs).
  double sample_number() const;

  struct Bound {
    double value;
    bool inclusive;
  };
  // The numeric bounds (a variant parameter's fit range), if any.
  const std::optional<Bound>& low() const { return low_; }
  const std::optional<Bound>& high() const { return high_; }

 private:
  friend Constraint at_least(double);
  friend Constraint greater_than(double);
  friend Constraint in_range(double, double);
  friend Constraint one_of(std::vector<std::string>);
  bool number_ok(double x) const {
    if (low_ && (low_->inclusive ? !(x >= low_->value) : !(x > low_->value))) return false;
    if (high_ && (high_->inclusive ? !(x <= high_->value) : !(x < high_->value))) return false;
    return true;
  }
  bool string_ok(std::string_view s) const {
    // Short choices (precision names) are compared as one word each: this
    // runs on every solve.
    if (s.size() < 8 && !short_words_.empty()) {
      const std::uint64_t w = word(s);
      for (std::uint64_t c : short_words_)
        if (c == w) return true;
      if (short_words_.size() == choices_.size()) return false;
    }
    for (const std::string& choice : choices_)
      if (choice == s) return true;
    return false;
  }
  // The first seven bytes and the length, for strings shorter than 8.
  static std::uint64_t word(std::string_view s) {
    std::uint64_t w = std::uint64_t(s.size()) << 56;
    for (std::size_t i = 0; i < s.size(); ++i) w |= std::uint64_t(std::uint8_t(s[i])) << (8 * i);
    return w;
  }

  std::optional<Bound> low_;
  std::optional<Bound> high_;
  std::vector<std::string> choices_;
  std::vector<std::uint64_t> short_words_;  // word() of each choice shorter than 8
};

// x >= low
inline Constraint at_least(double low) {
  Constraint c;
  c.low_ = Constraint::Bound{low, true};
  return c;
}
// x > low
inline Constraint greater_than(double low) {
  Constraint c;
  c.low_ = Constraint::Bound{low, false};
  return c;
}
// low <= x <= high
inline Constraint in_range(double low, double high) {
  Constraint c;
  c.low_ = Constraint::Bound{low, true};
  c.high_ = Constraint::Bound{high, true};
  return c;
}
inline Constraint one_of(std::vector<std::string> choices) {
  Constraint c;
  for (const std::string& choice : choices)
    if (choice.size() < 8) c.short_words_.push_back(Constraint::word(choice));
  c.choices_ = std::move(choices);
  return c;
}
template <class Range>
Constraint one_of(const Range& choices) {
  return one_of(std::vector<std::string>(std::begin(choices), std::end(choices)));
}

}  // namespace mlsysim

#include "mlsysim/framework/value.hpp"

MLSYSIM_INLINE bool mlsysim::Constraint::accepts(const Value& v) const {
  if (empty()) return true;
  if (const double* d = v.if_number()) return number_ok(*d);
  if (const std::int64_t* i = v.if_integer()) return number_ok(static_cast<double>(*i));
  if (const Quantity* q = v.if_quantity()) return number_ok(q->value);
  if (const std::string* s = v.if_string()) return choices_.empty() || string_ok(*s);
  return true;
}
