// The serving contract: LLM inference split into prefill (time to first
// token) and decode (inter-token latency), with KV-cache memory,
// disaggregated decode and speculative decoding (MLSys·im 0.1.0's
// ServingModel, reference/physics.md §7), plus the figures users derive from them:
// decode tokens per second, the time of a whole request and the largest
// batch that fits. The reference implementation is plugins/serving.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Serving final : public Contract {
 public:
  Serving()
      : Contract("serving", "1", "LLM serving: TTFT, ITL and KV-cache memory of a transformer") {
        describe(Tier::kModel, {4});
      }

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "a transformer (zoo id or inline spec)"};
    const Input<HardwareRef> hardware{c, "hardware", "prefill device (and decode device)"};
    const Input<std::int64_t> seq_len{c, "seq_len",
                                      "context length in tokens (prompt, or prompt + output)",
                                      at_least(1)};
    const Input<std::int64_t> batch_size{c, "batch_size", 1, "sequences served together",
                                         at_least(1)};
    const Input<std::string> precision{c, "precision", std::string("fp16"),
                                       "numeric precision of weights and KV cache"};
    const Input<double> efficiency{c, "efficiency", 0.5, "achieved fraction of peak FLOP/s (prefill)",
                                   in_range(1e-9, 1.0)};
    const Input<HardwareRef> decode_hardware{c, "decode_hardware", kOptional,
                                             "separate decode device (disaggregated serving)"};
    const Input<ByteRate> network_bandwidth{c, "network_bandwidth", 100e9 * unit::bytes_per_second,
                                            "prefill-to-decode KV transfer link",
                                            greater_than(0)};
    const Input<ModelRef> draft_model{c, "draft_model", kOptional,
                                      "draft transformer for speculative decoding"};
    const Input<double> draft_acceptance_rate{c, "draft_acceptance_rate", 0.7,
                                              "probability a drafted token is accepted",
                                              in_range(0.0, 1.0)};
    const Input<std::int64_t> cached_prefix_len{c, "cached_prefix_len", 0,
                                                "prompt tokens already in the KV cache "
                                                "(must be < seq_len)"};
    const Input<std::int64_t> output_tokens{c, "output_tokens", 128,
                                            "tokens generated per request (for request_latency)",
                                            at_least(1)};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<bool> feasible{c, "feasible", "weights + KV cache fit on the decode device"};
    const Output<Seconds> ttft{c, "ttft", "time to first token"};
    const Output<Seconds> itl{c, "itl", "inter-token latency"};
    const Output<Bytes> kv_cache_size{c, "kv_cache_size", "KV-cache bytes of the whole context"};
    const Output<Bytes> model_weights_size{c, "model_weights_size", "weight bytes"};
    const Output<Bytes> total_memory_required{c, "total_memory_required",
                                              "weights + KV cache (+ draft weights)"};
    const Output<double> memory_utilization{c, "memory_utilization",
                                            "total / decode device capacity"};
    const Output<double> prompt_cache_hit_ratio{c, "prompt_cache_hit_ratio",
                                                "cached_prefix_len / seq_len"};
    // Beyond 0.1.0 (parity compares the fields above only).
    const Output<Frequency> decode_throughput{c, "decode_throughput",
                                              "tokens per second over the batch: batch_size / itl"};
    const Output<Seconds> request_latency{c, "request_latency",
                                          "one request end to end: ttft + (output_tokens - 1) x itl"};
    const Output<std::int64_t> max_batch_size{
        c, "max_batch_size", "largest batch whose weights + KV cache fit at seq_len (0: none)"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
