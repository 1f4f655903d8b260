// The output contract, enforced: a solve that succeeds must write every
// declared output exactly once, in declaration order, of the declared kind
// and unit, and null only where the contract allows it. The registry checks
// every solve of an implementation that does not enforce this itself (the
// SDK's Call does, as it writes), so no caller ever sees a partial answer.
#pragma once

#include <string>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/framework/solver_info.hpp"

namespace mlsysim {

// Whether `outputs` keeps the contract `info` declares (the fast test).
MLSYSIM_API bool outputs_conform(const SolverInfo& info, const Record& outputs);

// One way `outputs` breaks the contract: the port and a sentence naming it
// (an undeclared name gets the nearest declared ones).
struct OutputProblem {
  std::string port;
  std::string sentence;
};
// Every problem, in port order; empty if none.
MLSYSIM_API std::vector<OutputProblem> output_problems(const SolverInfo& info, const Record& outputs);

// OK, or the plugin error naming the implementation and, as its field, the
// port of its first problem.
MLSYSIM_API Status check_outputs(const SolverInfo& info, const Record& outputs);

}  // namespace mlsysim
