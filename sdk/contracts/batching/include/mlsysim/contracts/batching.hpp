// The batching contract, an optimizer: the batch size that meets a P99
// latency target at an arrival rate, searched exhaustively over 1 ..
// max_search_batch with the serving and tail_latency contracts (MLSys·im
// 0.1.0's BatchingOptimizer, reference/physics-more.md §3.4). The reference
// implementation is plugins/batching/reference.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Batching final : public Contract {
 public:
  Batching() : Contract("batching", "1", "The batch size that meets a P99 latency SLA at an arrival rate") {
    describe(Tier::kOptimizer, {});
  }

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "transformer being served (zoo id or inline spec)"};
    const Input<HardwareRef> hardware{c, "hardware", "device serving it"};
    const Input<std::int64_t> seq_len{c, "seq_len", "context length, and tokens generated per request",
                                      at_least(1)};
    const Input<double> sla_latency_ms{c, "sla_latency_ms", "P99 latency target, in ms"};
    const Input<double> arrival_rate_qps{c, "arrival_rate_qps", "requests arriving per second"};
    const Input<double> num_replicas{c, "num_replicas", 1.0, "servers (truncated, at least 1)"};
    const Input<std::string> precision{c, "precision", std::string("fp16"), "numeric precision"};
    const Input<double> efficiency{c, "efficiency", 0.5, "achieved fraction of peak FLOP/s (prefill)"};
    const Input<std::int64_t> max_search_batch{c, "max_search_batch", 256, "largest batch size tried",
                                               at_least(1)};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<double> objective_value{c, "objective_value", "max_throughput when feasible, else 0"};
    const Output<std::int64_t> best_config_max_batch_size{c, "best_config.max_batch_size",
                                                          "the batch size chosen (0: none meets the SLA)"};
    const Output<std::int64_t> total_searched{c, "total_searched", "batch sizes tried"};
    const Output<std::int64_t> best_batch_size{c, "best_batch_size", "the largest batch size that meets the SLA"};
    const Output<double> max_throughput{c, "max_throughput",
                                        "arrival_rate_qps x seq_len, tokens/s (0.1.0: whatever the batch)"};
    const Output<Seconds> p99_latency{c, "p99_latency", "P99 latency at the chosen batch size"};
    const Output<double> slo_violation_probability{c, "slo_violation_probability",
                                                   "tail_latency's P99 wait / (5 x service time) there"};
    const Output<bool> is_feasible{c, "is_feasible", "some batch size meets the SLA"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
