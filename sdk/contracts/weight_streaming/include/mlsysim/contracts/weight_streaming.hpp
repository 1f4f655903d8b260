// The weight_streaming contract: a wafer-scale device that keeps the KV cache
// on the wafer and streams the weights in one layer at a time (Cerebras
// style): whether the KV cache fits, and whether a layer is bound by its
// compute or by the weights' injection bandwidth (MLSys·im 0.1.0's
// WeightStreamingModel, reference/physics-more.md §3.2). The reference implementation
// is plugins/weight_streaming/reference.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class WeightStreaming final : public Contract {
 public:
  WeightStreaming()
      : Contract("weight_streaming", "1", "Layer-by-layer weight streaming: on-wafer KV fit and injection bound") {
        describe(Tier::kModel, {6});
      }

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "transformer whose weights are streamed (zoo id or inline spec)"};
    const Input<HardwareRef> hardware{c, "hardware", "device holding the KV cache (its memory) and fed by its "
                                                     "interconnect"};
    const Input<std::int64_t> seq_len{c, "seq_len", "context length in tokens"};
    const Input<std::int64_t> batch_size{c, "batch_size", 1, "sequences in flight"};
    const Input<std::string> precision{c, "precision", std::string("fp16"), "numeric precision"};
    const Input<double> efficiency{c, "efficiency", 0.5, "achieved fraction of peak FLOP/s"};
    const Input<std::string> phase{c, "phase", std::string("decode"),
                                   "prefill (whole context) or decode (one token; any other word)"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<bool> feasible{c, "feasible", "KV cache + 10% fits in the device's memory"};
    const Output<double> throughput_tokens_per_sec{c, "throughput_tokens_per_sec", "tokens per second (0 if "
                                                                                   "infeasible)"};
    const Output<std::string> bottleneck{c, "bottleneck", "Compute-Bound or Interconnect-Bandwidth-Bound"};
    const Output<Seconds> layer_compute_time{c, "layer_compute_time", "one layer's FLOPs at the derated peak + "
                                                                      "dispatch tax"};
    const Output<Seconds> layer_injection_time{c, "layer_injection_time", "one layer's weights over the "
                                                                          "interconnect"};
    const Output<std::int64_t> optimal_batch_size{c, "optimal_batch_size", "batch at which compute hides the "
                                                                           "injection"};
    const Output<double> wafer_memory_utilization{c, "wafer_memory_utilization",
                                                  "KV + 10% over capacity, as 0.1.0 divides them (capped at 1 "
                                                  "when feasible)"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
