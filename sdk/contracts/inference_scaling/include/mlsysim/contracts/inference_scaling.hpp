// The inference_scaling contract: what a reasoning model's chain of thought
// costs per query — prefill once, then reasoning steps of 50 decoded tokens
// each — in time and energy (MLSys·im 0.1.0's InferenceScalingModel,
// reference/physics-more.md §3.5). It calls the serving contract once and carries
// serving's whole answer as serving_detail.* outputs. The reference
// implementation is plugins/inference_scaling/reference.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class InferenceScaling final : public Contract {
 public:
  InferenceScaling()
      : Contract("inference_scaling", "1", "Time and energy of a reasoning query: TTFT + steps x 50 tokens") {
        describe(Tier::kModel, {12});
      }

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "transformer that reasons (zoo id or inline spec)"};
    const Input<HardwareRef> hardware{c, "hardware", "device serving it"};
    const Input<std::int64_t> reasoning_steps{c, "reasoning_steps", 8, "steps of 50 tokens each"};
    const Input<std::int64_t> context_length{c, "context_length", 2048, "prompt context, tokens (serving's seq_len)",
                                             at_least(1)};
    const Input<std::string> precision{c, "precision", std::string("fp16"), "numeric precision"};
    const Input<double> efficiency{c, "efficiency", 0.5, "achieved fraction of peak FLOP/s (prefill)"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<Seconds> total_reasoning_time{c, "total_reasoning_time", "ttft + reasoning_steps x time_per_step"};
    const Output<Seconds> ttft{c, "ttft", "serving's time to first token"};
    const Output<Seconds> itl{c, "itl", "serving's inter-token latency"};
    const Output<std::int64_t> tokens_generated{c, "tokens_generated", "reasoning_steps x 50"};
    const Output<std::int64_t> reasoning_steps{c, "reasoning_steps", "echoed"};
    const Output<Seconds> time_per_step{c, "time_per_step", "50 x itl"};
    const Output<Joules> energy_per_query{c, "energy_per_query", "TDP x total_reasoning_time (0 without a TDP)"};
    const Output<bool> feasible{c, "feasible", "serving's: weights + KV cache fit"};
    // serving's parity outputs, as 0.1.0 nests its whole result.
    const Output<bool> serving_feasible{c, "serving_detail.feasible", "serving: weights + KV cache fit"};
    const Output<Seconds> serving_ttft{c, "serving_detail.ttft", "serving: time to first token"};
    const Output<Seconds> serving_itl{c, "serving_detail.itl", "serving: inter-token latency"};
    const Output<Bytes> serving_kv_cache_size{c, "serving_detail.kv_cache_size", "serving: KV cache bytes"};
    const Output<Bytes> serving_model_weights_size{c, "serving_detail.model_weights_size", "serving: weight bytes"};
    const Output<Bytes> serving_total_memory_required{c, "serving_detail.total_memory_required",
                                                      "serving: weights + KV cache"};
    const Output<double> serving_memory_utilization{c, "serving_detail.memory_utilization",
                                                    "serving: total / capacity"};
    const Output<double> serving_prompt_cache_hit_ratio{c, "serving_detail.prompt_cache_hit_ratio",
                                                        "serving: cached prefix / context (0 here)"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
