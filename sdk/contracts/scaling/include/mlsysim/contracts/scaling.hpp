// The scaling contract: the compute-optimal (Chinchilla) model size and
// token count for a compute budget, or the tokens a given model size gets
// from it (MLSys·im 0.1.0's ScalingModel, reference/physics-more.md §1.7). The
// budget is work or accelerator time, kept as written (written_quantity.hpp):
// 0.1.0 sizes a budget of work by its magnitude as written. The reference
// implementation is plugins/scaling/reference.
#pragma once

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"
#include "mlsysim/framework/written_quantity.hpp"

namespace mlsysim::contracts {

class Scaling final : public Contract {
 public:
  Scaling() : Contract("scaling", "1", "Compute-optimal model size and tokens for a compute budget (C = 6PD)") {
    describe(Tier::kModel, {11});
  }

  struct Inputs {
    Contract& c;
    const Input<Written<Flops>> compute_budget{
        c, "compute_budget", "work (\"1e24 flop\") or H100 time (\"1000 day\"), kept as written"};
    const Input<Count> target_model_size{c, "target_model_size", kOptional,
                                         "a fixed model size (\"70 Bparam\"); 0 or absent: compute-optimal"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<Count> optimal_parameters{c, "optimal_parameters", "parameters P"};
    const Output<Count> optimal_tokens{c, "optimal_tokens", "training tokens D"};
    const Output<Flops> compute_budget_flops{c, "compute_budget_flops", "the budget as work"};
    const Output<double> tokens_per_parameter{c, "tokens_per_parameter", "D / P (0 when P <= 0)"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
