// The parallelism contract: the best tensor x pipeline x data split of a
// fleet for training a model, by a search over power-of-two degrees through
// the distributed contract (MLSys·im 0.1.0's ParallelismOptimizer,
// reference/physics-more.md §1.4). The reference implementation is
// plugins/parallelism/reference.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Parallelism final : public Contract {
 public:
  Parallelism() : Contract("parallelism", "1", "Best TP x PP x DP split of a fleet for training a model") {
    describe(Tier::kOptimizer, {});
  }

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "model to train (zoo id or inline spec)"};
    const Input<FleetSpec> fleet{c, "fleet", "cluster to split (zoo id or inline spec)"};
    const Input<std::int64_t> batch_size{c, "batch_size", "global batch (samples per step)", at_least(1)};
    const Input<std::string> precision{c, "precision", std::string("fp16"), "numeric precision"};
    const Input<double> efficiency{c, "efficiency", 0.5, "achieved fraction of peak FLOP/s", in_range(1e-9, 1.0)};
    const Input<std::int64_t> max_tp{c, "max_tp", kOptional, "largest TP degree tried (absent or 0: GPUs per node)"};
    const Input<std::int64_t> max_pp{c, "max_pp", kOptional, "largest PP degree tried (absent or 0: all GPUs)"};
    const Input<bool> overlap_comm{c, "overlap_comm", true, "hide DP communication behind compute"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<double> objective_value{c, "objective_value", "the best candidate's mfu"};
    const Output<std::int64_t> best_tp{c, "best_config.tp", "tensor-parallel degree of the best split"};
    const Output<std::int64_t> best_pp{c, "best_config.pp", "pipeline-parallel degree of the best split"};
    const Output<std::int64_t> best_dp{c, "best_config.dp", "data-parallel degree of the best split"};
    const Output<std::int64_t> total_searched{c, "total_searched", "candidates evaluated"};
    const Output<double> best_mfu{c, "best_mfu", "scaling efficiency x efficiency of the best split"};
    const Output<Frequency> best_throughput{c, "best_throughput", "samples per second of the best split"};
    const Output<Seconds> best_step_time{c, "best_step_time", "step time of the best split"};
    const Output<std::int64_t> search_space_size{c, "search_space_size", "candidates evaluated"};
    const Output<RecordList> top_candidates{
        c, "top_candidates", "up to 5 best: config.tp, config.pp, config.dp, mfu, throughput, step_time"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
