// The continuous_batching contract: how many requests a device serves at
// once when the KV cache is paged (PagedAttention) rather than reserved per
// request, and what that buys over static batching (MLSys·im 0.1.0's
// ContinuousBatchingModel, reference/physics-more.md §3.1). The reference
// implementation is plugins/continuous_batching/reference.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class ContinuousBatching final : public Contract {
 public:
  ContinuousBatching()
      : Contract("continuous_batching", "1", "Concurrent requests with a paged KV cache, and the gain over static") {
        describe(Tier::kModel, {5});
      }

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "transformer being served (zoo id or inline spec)"};
    const Input<HardwareRef> hardware{c, "hardware", "device serving it"};
    const Input<std::int64_t> seq_len{c, "seq_len", "context length of each request, tokens", at_least(1)};
    const Input<std::int64_t> max_batch_size{c, "max_batch_size", 1, "most requests admitted at once",
                                             at_least(0)};
    const Input<std::int64_t> page_size{c, "page_size", 16, "tokens per KV page", at_least(1)};
    const Input<std::string> precision{c, "precision", std::string("fp16"), "numeric precision"};
    const Input<double> efficiency{c, "efficiency", 0.5, "achieved fraction of peak FLOP/s (prefill)"};
    // Not in MLSys·im 0.1.0 (its variant ignores it). seq_len is then the mean
    // context of a request over its decode, input + output/2.
    const Input<std::int64_t> output_len{c, "output_len", 0,
                                         "output tokens per request, when known (0: not given); seq_len is "
                                         "then input + output_len/2, the mean context while decoding",
                                         at_least(0)};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<bool> feasible{c, "feasible", "at least one request fits beside the weights"};
    const Output<double> throughput_tokens_per_sec{c, "throughput_tokens_per_sec",
                                                   "decode tokens per second over the admitted requests"};
    const Output<std::int64_t> max_active_requests{c, "max_active_requests",
                                                   "requests whose paged KV fits, at most max_batch_size"};
    const Output<double> memory_fragmentation_pct{c, "memory_fragmentation_pct",
                                                  "share of the last page left empty (a fraction, as 0.1.0)"};
    const Output<Bytes> paged_kv_cache_size{c, "paged_kv_cache_size", "KV cache of the admitted requests"};
    const Output<Seconds> ttft{c, "ttft", "prefill of max_batch_size requests at the derated peak"};
    const Output<Seconds> itl{c, "itl", "one decode step: weights + KV read at the memory bandwidth"};
    const Output<double> speedup_vs_static{c, "speedup_vs_static",
                                           "throughput over static batching of 60% as many requests"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
