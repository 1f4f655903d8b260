// The input options every single-case command shares (solve, elasticity,
// inverse): --set name=value (repeatable) and the shorthands --model,
// --hardware, --batch-size, --precision.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "mlsysim/framework/record.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::cli {

struct InputArgs {
  std::vector<std::string> sets;
  std::optional<std::string> model, hardware, batch_size, precision;

  // --set, and unless `shorthands` is false the --model, --hardware,
  // --batch-size and --precision shorthands (solve has every port as an
  // option instead: port_options.hpp).
  void add_options(CLI::App& command, bool shorthands = true);
  // The input record for `info`'s solver, every value decoded for its port.
  Result<Record> build(const Registry& registry, const SolverInfo& info) const;
};

}  // namespace mlsysim::cli
