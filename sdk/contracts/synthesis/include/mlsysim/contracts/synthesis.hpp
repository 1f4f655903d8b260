// The synthesis contract: the inverse roofline. What bandwidth, FLOP/s and
// memory would a device need to run a model within a latency target?
// (MLSys·im 0.1.0's SynthesisSolver, reference/physics.md §6.) For the smallest or
// largest value of any input that meets any target, see
// mlsysim/registry/inverse_design.hpp.
#pragma once

#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Synthesis final : public Contract {
 public:
  Synthesis()
      : Contract("synthesis", "1",
                 "Inverse roofline: hardware a model needs to meet a latency target") {
                   describe(Tier::kSolver, {22});
                 }

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "workload (zoo id or inline spec)"};
    const Input<Seconds> target_latency{c, "target_latency", "latency target (SLA)",
                                        greater_than(0)};
    const Input<std::string> precision{c, "precision", std::string("fp16"),
                                       "numeric precision of the weights"};
    const Input<double> efficiency{c, "efficiency", 0.5, "achieved fraction of peak FLOP/s",
                                   greater_than(0)};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<ByteRate> required_bw{c, "required_bw", "weight bytes / target"};
    const Output<FlopRate> required_flops{c, "required_flops",
                                          "forward FLOPs / (target x efficiency)"};
    const Output<Bytes> required_memory{c, "required_memory", "weight bytes"};
    const Output<Intensity> compute_memory_ratio{c, "compute_memory_ratio",
                                                 "required_flops / required_bw"};
    const Output<Seconds> target_latency{c, "target_latency", "the target (echoed)"};
    const Output<Bytes> model_size{c, "model_size", "weight bytes"};
    const Output<Flops> total_ops{c, "total_ops", "forward FLOPs of one sample"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
