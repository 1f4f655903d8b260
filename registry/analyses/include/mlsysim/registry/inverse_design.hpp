// Inverse design: for any contract, the smallest (or largest) value of one
// numeric input or spec field for which an output meets a target, e.g. the
// least HBM bandwidth at which a model decodes in 50 ms per token, or the
// largest batch whose training step still fits in memory. The
// generalisation of MLSys·im's synthesis solver (kept, at parity, as the
// `synthesis` contract).
//
// The range [low, high] is first sampled (geometrically when low > 0) to
// check that the output is monotone there and that the target is met
// somewhere; the boundary is then found by bisection to a relative
// tolerance (integers: exactly). An unreachable target is an `infeasible`
// error saying the best value seen; a response that is not monotone in the
// range is a `bad_input` error naming where it turns.
#pragma once

#include <string>
#include <string_view>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/session.hpp"

namespace mlsysim {

// "latency <= 50 ms", "throughput >= 1000 1/s", "feasible == true".
struct Target {
  enum Op { kAtMost, kAtLeast, kEquals };
  std::string output;
  Op op = kAtMost;
  double value = 0.0;  // base units; 1 or 0 for booleans
  std::string text;    // as given, for messages

  bool met_by(double output_value) const;
};

// Parses and checks a target against `info`'s outputs (numbers, integers,
// quantities with <= or >=; booleans with ==).
MLSYSIM_API Result<Target> parse_target(std::string_view text, const SolverInfo& info);

struct InverseRequest {
  enum Seek { kSmallest, kLargest };
  std::string solver;     // "contract" or "contract:variant"
  Record inputs;          // everything but the parameter
  std::string parameter;  // a knob (knob.hpp)
  double low = 0.0;       // the range searched, base units
  double high = 0.0;
  Target target;
  Seek seek = kSmallest;
  double tolerance = 1e-6;  // relative width of the final bracket
  int samples = 16;         // points checked before bisecting
};

struct InverseResult {
  double value = 0.0;   // the smallest / largest parameter that meets the target
  double missed = 0.0;  // the nearest parameter seen that misses it (== value at a bound)
  bool at_bound = false;  // the answer is the end of the range (met all the way)
  Record outputs;       // the solver's outputs at `value`
  int evaluations = 0;
};

MLSYSIM_API Result<InverseResult> inverse_design(const Registry& registry,
                                                 const InverseRequest& request, Session& session);

}  // namespace mlsysim
