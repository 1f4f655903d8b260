// Elasticities: for any contract, how much each numeric output moves, in
// relative terms, when a numeric input or spec field moves (d ln y / d ln x),
// at any operating point. This is the generalisation of MLSys·im's
// sensitivity solver (which is kept, at parity, as the `sensitivity`
// contract): any output (serving's itl, roofline's latency or energy), any
// parameter (batch_size, hardware.memory.bandwidth, hardware.peak_flops,
// model.parameters), any batch size, training or inference.
//
// Estimated by central differences at x(1 +- step); integer inputs move by
// max(1, round(step x)). When one side is refused by the solver (a value
// outside a port's constraint, such as batch_size 0 or efficiency above 1),
// the estimate is one-sided, and says so.
#pragma once

#include <string>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/session.hpp"

namespace mlsysim {

struct ElasticityRequest {
  std::string solver;                   // "contract" or "contract:variant"
  Record inputs;                        // the operating point
  std::vector<std::string> outputs;     // numeric outputs of the contract
  std::vector<std::string> parameters;  // knobs (knob.hpp)
  double step = 0.01;                   // relative perturbation, in (0, 0.5]
};

struct Elasticity {
  std::string output;
  std::string parameter;
  double elasticity = 0.0;  // (dy / y) / (dx / x)
  double x = 0.0;           // the parameter at the operating point (base units)
  double y = 0.0;           // the output at the operating point (base units)
  double x_low = 0.0;       // the two points the difference was taken between
  double x_high = 0.0;
  bool one_sided = false;
};

// One row per (output, parameter), outputs outermost, in the order asked.
MLSYSIM_API Result<std::vector<Elasticity>> elasticities(const Registry& registry,
                                                         const ElasticityRequest& request,
                                                         Session& session);

// A numeric output (number, integer or quantity in base units) of `outputs`.
MLSYSIM_API Result<double> numeric_output(const Record& outputs, std::string_view name,
                                          const SolverInfo& info);

}  // namespace mlsysim
