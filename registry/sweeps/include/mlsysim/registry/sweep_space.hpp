// SweepSpace: the cartesian product of some input axes, enumerated lazily.
// Each axis holds its values decoded once for its port (a typo or a value
// outside the port's constraint fails before anything is solved) with the
// label the user gave (or the zoo id a `*` expanded to). Combination i sets
// axis values in odometer order, last axis fastest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/solver_info.hpp"
#include "mlsysim/framework/providers.hpp"

namespace mlsysim {

// A combination's place in enumeration order. 128 bits: a sweep of ten
// axes of a hundred values (10^20 combinations) must still be enumerable.
__extension__ using SweepIndex = unsigned __int128;  // a GCC and Clang extension, said so for -Wpedantic

// Its decimal digits ("100000000000000000000").
MLSYSIM_API std::string count_text(SweepIndex n);

// One axis: a list of values decoded up front, or a range computed on
// demand (so a range of a billion batch sizes costs no memory).
class MLSYSIM_API SweepAxis {
 public:
  struct Range {
    double start = 0, step = 1;  // in base units
    double end = 0;              // as written: the last value, where rounding lands within 1e-9 of it
    bool geometric = false;
    std::uint64_t count = 0;
    ValueKind kind = ValueKind::kInteger;  // of the port: integer, number or quantity
    Dimension dimension;
    std::string unit;  // labels show quantities in the unit the range was written in
    double unit_factor = 1;
  };

  SweepAxis(std::string name, std::vector<std::string> labels, std::vector<Value> values)
      : name_(std::move(name)), labels_(std::move(labels)), values_(std::move(values)) {}
  SweepAxis(std::string name, Range range) : name_(std::move(name)), range_(std::move(range)) {}

  const std::string& name() const { return name_; }
  std::uint64_t size() const { return range_ ? range_->count : values_.size(); }
  Value value(std::uint64_t i) const;
  // The value as given ("GPT2", "8", "1 GB/s"), appended to `out`.
  void append_label(std::uint64_t i, std::string& out) const;
  std::string label(std::uint64_t i) const {
    std::string out;
    append_label(i, out);
    return out;
  }

 private:
  double range_magnitude(std::uint64_t i) const;

  std::string name_;
  std::vector<std::string> labels_;  // as given, or the zoo ids a `*` expanded to
  std::vector<Value> values_;        // decoded for the port, same order
  std::optional<Range> range_;
};

// Parses one axis, `name=TEXT`, for `info`'s input port `name`:
//   a,b,c              a list ("A100,H100", "50 GB/s,100 GB/s")
//   1..1024            every integer in a range (step 1)
//   1..1024:*2         a geometric range (multiply by 2 while <= end)
//   0.1..0.9:+0.2      an arithmetic range; quantities take units: 1 GB/s..8 GB/s:*2
//   *                  every zoo entry (hardware and model ports)
//   @FILE              one value per line of FILE
// `name` may also be a numeric field of a spec input ("fleet.count",
// "fleet.fabric.bandwidth", "hardware.memory.bandwidth"): its values are
// the field's (>= 0), set on a copy of the spec the input holds.
// Every value is decoded and checked against the port's kind, unit and
// constraint; an error names the axis and the value.
MLSYSIM_API Result<SweepAxis> parse_sweep_axis(std::string_view assignment, const SolverInfo& info,
                                               const Catalog& catalog);

class MLSYSIM_API SweepSpace {
 public:
  SweepSpace() = default;
  explicit SweepSpace(std::vector<SweepAxis> axes) : axes_(std::move(axes)) {}

  const std::vector<SweepAxis>& axes() const { return axes_; }
  // The number of combinations, or nullopt beyond 2^128 - 1.
  std::optional<SweepIndex> size() const;
  // The value index on each axis of combination `index`.
  void position(SweepIndex index, std::span<std::uint64_t> out) const;
  // "model=GPT2, batch_size=8": the combination, for messages.
  std::string describe(std::span<const std::uint64_t> position) const;

 private:
  std::vector<SweepAxis> axes_;
};

}  // namespace mlsysim
