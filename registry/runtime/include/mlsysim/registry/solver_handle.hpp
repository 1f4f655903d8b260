// SolverHandle: one registered implementation as callers use it. Every
// solve goes through it: inputs are checked against the contract's ports
// (kinds, units, constraints, required) first; the outputs of a successful
// solve are checked against the contract after (output_check.hpp), unless
// the implementation enforces that itself as the SDK's Call does; and an
// exception escaping the plugin becomes an `internal` error. Holding one
// keeps its library loaded.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "mlsysim/framework/context.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/solver.hpp"

namespace mlsysim {

class MLSYSIM_API SolverHandle final : public CallTarget {
 public:
  SolverHandle(std::shared_ptr<const Solver> solver, std::filesystem::path library);

  const SolverInfo& info() const override { return *info_; }
  // "roofline:reference"
  const std::string& full_name() const override { return full_name_; }
  const std::filesystem::path& library() const { return library_; }
  // The plugin's object itself, for callers that must skip the checks
  // (benchmarks measuring them, the conformance check).
  const Solver& implementation() const { return *solver_; }

  // Validates `inputs`, then solves into `outputs` (cleared first; reuse one
  // record across calls to avoid allocating). On error `outputs` holds
  // nothing meaningful.
  Status solve(const Record& inputs, Record& outputs, Context& ctx) const override;
  // As above, returning a fresh record.
  Result<Record> solve(const Record& inputs, Context& ctx) const;

 private:
  // An input port as the per-solve check needs it, copied once from info():
  // small and contiguous, unlike PortInfo with its default and doc.
  struct InputCheck {
    Name name;
    const PortInfo* port;          // the solver's own
    const Constraint* constraint;  // nullptr when the port has none
  };
  // validate_inputs' rule, on the cached ports. Only when it fails does
  // validate_inputs run, to find and word the error.
  bool inputs_acceptable(const Record& inputs) const;
  // The port check for a field name: a direct-mapped table on the name's
  // hash (names are interned, so one pointer compare confirms it), with a
  // scan for the rare names that share a slot.
  const InputCheck* find_check(Name name) const;

  std::shared_ptr<const Solver> solver_;
  std::filesystem::path library_;
  const SolverInfo* info_;  // the solver's own, which lives as long as it does
  std::string full_name_;
  std::vector<InputCheck> input_checks_;
  static constexpr std::size_t kSlots = 64;
  static constexpr std::uint8_t kEmpty = 0xFF, kShared = 0xFE;
  std::array<std::uint8_t, kSlots> check_slot_{};  // index into input_checks_, kEmpty or kShared
  std::size_t required_inputs_ = 0;
  bool check_outputs_ = true;  // false when the implementation checks its own
};

}  // namespace mlsysim
