// Shared by `solve`, `eval`, `sweep` and `pipeline`: command-line arguments
// ("name=value", "a,b,c"), building an input record from command-line text,
// and printing one result.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "environment.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::cli {

// Adds `name=value` (text decoded for the solver's port) to `record`.
Status set_input(const Registry& registry, const SolverInfo& info, std::string_view name,
                 std::string_view text, Record& record);
// The --set "name=value" assignments as one input record for `info`'s solver.
Result<Record> inputs_from_sets(const Registry& registry, const SolverInfo& info,
                                const std::vector<std::string>& sets);
// "name=value" -> (name, value), or an error naming the argument.
Result<std::pair<std::string, std::string>> split_assignment(std::string_view text,
                                                            std::string_view option);

// "a,b,c" -> {"a", "b", "c"}
std::vector<std::string> split_list(std::string_view text);

struct ResultChecks {
  bool fail_infeasible = false;        // exit 2 if an output `feasible` is false
  std::vector<std::string> requires_;  // "latency<=10 ms": exit 3 if violated
  // An error for a --require that is not OUTPUT<op>VALUE (checked before solving).
  Status parse() const;
};

// One solver's answer, for checks over the answers of a composed command.
struct SolvedResult {
  const SolverInfo* info;
  const Record* outputs;
};
// Applies --fail-infeasible (any result infeasible) and each --require (to
// the first result with that output); prints what failed and returns the
// exit code (an error for a malformed check).
int apply_checks(Environment& env, std::span<const SolvedResult> results, const ResultChecks& checks);

// Prints one result for people (the `-o table` form of a command).
using ReportPrinter = std::function<void(const SolverHandle& solver, const Record& inputs,
                                         const Record& outputs)>;

// Solves and prints (JSON, or the report: by default a table of outputs);
// then applies the checks. Returns the exit code.
int solve_and_print(Environment& env, const SolverHandle& solver, const Record& inputs,
                    const ResultChecks& checks, const ReportPrinter& report = {});

class PortOptions;
// A command bound to one contract (serve, optimize parallelism): finds
// `solver_name`, decodes the options given, then solve_and_print.
int solve_from_options(Environment& env, const std::string& solver_name, const PortOptions& ports,
                       const ResultChecks& checks, const ReportPrinter& report);

}  // namespace mlsysim::cli
