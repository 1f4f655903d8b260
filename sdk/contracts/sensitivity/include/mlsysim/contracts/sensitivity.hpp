// The sensitivity contract: which hardware resource binds a model on a
// device? Relative latency change for a perturbation of peak FLOP/s, memory
// bandwidth and memory capacity (MLSys·im 0.1.0's SensitivitySolver,
// reference/physics.md §5). For elasticities of any output with respect to any input,
// see mlsysim/registry/elasticity.hpp.
#pragma once

#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Sensitivity final : public Contract {
 public:
  Sensitivity()
      : Contract("sensitivity", "1",
                 "Which resource binds: latency change for +pct FLOP/s, bandwidth, capacity") {
                   describe(Tier::kSolver, {21});
                 }

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "workload (zoo id or inline spec)"};
    const Input<HardwareRef> hardware{c, "hardware", "device (zoo id or inline spec)"};
    const Input<std::string> precision{c, "precision", std::string("fp16"),
                                       "numeric precision, passed to the roofline"};
    const Input<double> perturbation_pct{c, "perturbation_pct", 10.0,
                                         "percentage increase of each resource",
                                         greater_than(-100.0)};
    const Input<double> efficiency{c, "efficiency", 0.5, "passed to the roofline",
                                   in_range(1e-9, 1.0)};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<NumberTable> sensitivities{
        c, "sensitivities",
        "relative latency change per resource: peak_flops, memory_bandwidth, memory_capacity"};
    const Output<std::string> binding_constraint{c, "binding_constraint",
                                                 "the resource with the largest |change|"};
    const Output<Seconds> baseline_latency{c, "baseline_latency",
                                           "roofline latency at batch 1, inference"};
    const Output<double> perturbation_pct{c, "perturbation_pct", "the perturbation (echoed)"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
