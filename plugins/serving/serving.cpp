// serving:reference — MLSys·im 0.1.0's ServingModel (physics.md §7): one
// LLM request split into prefill (time to first token) and decode (time per
// output token), with KV-cache memory against the decode device, plus the
// figures users derive from them. Quirks of 0.1.0 are kept (physics.md §8,
// 16 and 17) and listed in the variant's doc.
#include <cmath>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "mlsysim/contracts/serving.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/plugin.hpp"
#include "mlsysim/sdk/workload/kv_cache.hpp"
#include "mlsysim/sdk/workload/lowering.hpp"
#include "mlsysim/sdk/workload/precision.hpp"

namespace mlsysim::serving {
namespace {

using std::int64_t;

constexpr Seconds kLayerTax = 1e-5 * unit::seconds;  // 0.01 ms per layer per decoded token
constexpr int kDraftTokens = 4;                      // K: tokens drafted per verification step

const char* kDoc =
    "MLSys·im 0.1.0 ServingModel, reproduced exactly. Quirks kept for parity: attention prefill "
    "FLOPs are 4 x layers x heads x head_dim x new tokens x seq_len x batch; decode is purely "
    "memory-bound (weights + KV cache read once per token, no compute term) and adds the layer "
    "tax (0.01 ms per layer) but not the dispatch tax, which only TTFT pays; models without "
    "kv_heads count full multi-head attention; the draft model's KV cache costs time but not "
    "memory; feasibility is judged on the decode device only; a negative cached_prefix_len "
    "adds prefill tokens and gives a negative hit ratio. Stricter than 0.1.0 (which accepted "
    "these silently): batch_size < 1, efficiency outside [1e-9, 1], draft_acceptance_rate "
    "outside [0, 1], seq_len < 1, network_bandwidth <= 0, and devices with no memory "
    "bandwidth, capacity or peak FLOP/s are refused. Beyond 0.1.0: decode_throughput, "
    "request_latency and max_batch_size.";

// A transformer's parameters and shape, or an error naming `field`.
Status check_transformer(const ModelSpec& m, std::string_view field) {
  if (m.family != ModelFamily::kTransformer)
    return Error::bad_input(
        std::string(field),
        fmt::format("{} '{}' is a {} model; serving needs a transformer (it has a KV cache)", field,
                    m.id, to_string(m.family)));
  if (!m.parameters)
    return Error::bad_input(std::string(field),
                            fmt::format("{} '{}' has no parameter count", field, m.id));
  if (m.layers.value_or(0) < 1)
    return Error::bad_input(std::string(field),
                            fmt::format("{} '{}' needs layers >= 1 for its KV cache", field, m.id));
  if (workload::kv_cache_bytes(m, 1, 1, 1.0).value() <= 0)
    return Error::bad_input(
        std::string(field),
        fmt::format("{} '{}' has no KV cache: hidden_dim must be at least heads", field, m.id));
  return {};
}

Status check_device(const HardwareSpec& hw, std::string_view field, bool prefill) {
  auto refuse = [&](std::string_view what, double value) {
    return Error::bad_input(std::string(field), fmt::format("{} '{}': {} must be > 0, got {}",
                                                            field, hw.id, what, value));
  };
  if (prefill && !(hw.peak_flops.value() > 0)) return refuse("peak_flops", hw.peak_flops.value());
  if (!(hw.memory_bandwidth.value() > 0))
    return refuse("memory.bandwidth", hw.memory_bandwidth.value());
  if (!(hw.memory_capacity.value() > 0))
    return refuse("memory.capacity", hw.memory_capacity.value());
  return {};
}

// Prefill FLOPs of the tokens not already cached (step 2 of §7). The
// integers of 0.1.0 are formed in doubles: exact below 2^53, and no overflow.
Flops prefill_ops(const ModelSpec& m, int64_t seq_len, int64_t cached, int64_t batch) {
  const double fresh = static_cast<double>(std::max<int64_t>(1, seq_len - cached));
  const double b = static_cast<double>(batch);
  const double layers = static_cast<double>(m.layers.value_or(0) != 0 ? *m.layers : 1);
  const int64_t heads = m.heads.value_or(0) != 0 ? *m.heads : 32;
  const int64_t head_dim = (m.hidden_dim.value_or(0) != 0 ? *m.hidden_dim : 4096) / heads;
  const double linear = 2.0 * *m.parameters * fresh * b;
  const double attention = 4.0 * layers * static_cast<double>(heads) *
                           static_cast<double>(head_dim) * fresh *
                           static_cast<double>(seq_len) * b;
  return (linear + attention) * unit::flops;
}

// Expected tokens per verification step with K drafted tokens accepted
// with probability alpha each.
double expected_tokens_per_step(double alpha) {
  if (alpha >= 1.0) return 1.0 + kDraftTokens;
  return 1.0 + alpha * (1.0 - std::pow(alpha, kDraftTokens)) / (1.0 - alpha);
}

// Steps 5-6: decode reads the weights and the KV cache once per token and
// pays the layer tax; speculative decoding amortises K draft steps (the
// draft's weights and its own KV cache) over the expected accepted tokens.
Seconds inter_token_latency(const ModelSpec& model, const ModelSpec* draft, double alpha,
                            int64_t seq_len, int64_t batch, double bpp, Bytes kv,
                            ByteRate bandwidth) {
  const Seconds target = (workload::weight_bytes(model, bpp) + kv) / bandwidth +
                         static_cast<double>(*model.layers) * kLayerTax;
  if (draft == nullptr) return target;
  const Bytes draft_kv = workload::kv_cache_bytes(*draft, seq_len, batch, bpp);
  const Seconds t_draft = (workload::weight_bytes(*draft, bpp) + draft_kv) / bandwidth;
  return (static_cast<double>(kDraftTokens) * t_draft + target) / expected_tokens_per_step(alpha);
}

// Largest batch whose memory fits: total(B) = W + B x kv(1) (+ draft W) is
// linear in B; the estimate is then settled with the exact sum `feasible`
// uses, so the answer and `feasible` never disagree at the boundary.
int64_t max_batch_that_fits(const ModelSpec& m, int64_t seq_len, double bpp, Bytes weights,
                            Bytes draft_weights, Bytes capacity) {
  auto fits = [&](int64_t b) {
    return (weights + workload::kv_cache_bytes(m, seq_len, b, bpp)) + draft_weights <= capacity;
  };
  const double per_sequence = workload::kv_cache_bytes(m, seq_len, 1, bpp).value();
  const double room = (capacity - weights - draft_weights).value();
  if (room < 0) return 0;
  constexpr double kCap = 1e15;  // far beyond any batch; keeps the integer finite
  int64_t b = static_cast<int64_t>(std::min(std::floor(room / per_sequence), kCap));
  while (b > 0 && !fits(b)) --b;
  while (b < static_cast<int64_t>(kCap) && fits(b + 1)) ++b;
  return b;
}

class Reference final : public sdk::Implementation<contracts::Serving> {
 public:
  Reference() : Implementation(contracts::serving(), {"reference", "0.1.0", kDoc}) {}

  Status solve(const Record& inputs, Record& outputs, Context&) const override {
    const auto& c = contract();
    InputReader in(inputs);
    const ModelRef& model = in.get(c.in.model);
    const HardwareRef& hw = in.get(c.in.hardware);
    const int64_t seq_len = in.get(c.in.seq_len);
    const int64_t batch = in.get(c.in.batch_size);
    const std::string& precision = in.get(c.in.precision);
    const double efficiency = in.get(c.in.efficiency);
    const HardwareRef& decode_hw = in.get(c.in.decode_hardware);
    const ByteRate network = in.get(c.in.network_bandwidth);
    const ModelRef& draft = in.get(c.in.draft_model);
    const double alpha = in.get(c.in.draft_acceptance_rate);
    const int64_t cached = in.get(c.in.cached_prefix_len);
    const int64_t output_tokens = in.get(c.in.output_tokens);
    if (!in.ok()) return in.error();

    // 0.1.0 checks the cached prefix first, then fails on the model.
    if (cached >= seq_len)
      return Error::bad_input("cached_prefix_len",
                              fmt::format("cached_prefix_len ({}) must be < seq_len ({})", cached,
                                          seq_len));
    if (Status s = check_transformer(*model, "model"); !s.ok()) return s;
    if (draft)
      if (Status s = check_transformer(*draft, "draft_model"); !s.ok()) return s;
    const HardwareSpec& decode = decode_hw ? *decode_hw : *hw;
    if (Status s = check_device(*hw, "hardware", true); !s.ok()) return s;
    if (decode_hw)
      if (Status s = check_device(*decode_hw, "decode_hardware", false); !s.ok()) return s;

    // 1-4. Element size, peak, prefill and the KV cache of the whole context.
    const double bpp = workload::bytes_per_element(precision);
    const FlopRate* listed = hw->find_precision_flops(precision);
    const FlopRate peak = listed ? *listed : hw->peak_flops;
    Seconds ttft = prefill_ops(*model, seq_len, cached, batch) / (peak * efficiency) +
                   hw->dispatch_tax;
    const Bytes kv = workload::kv_cache_bytes(*model, seq_len, batch, bpp);
    if (decode_hw) ttft += kv / network;

    const Seconds itl = inter_token_latency(*model, draft.get(), alpha, seq_len, batch, bpp, kv,
                                            decode.memory_bandwidth);

    // 7-9. Memory wall on the decode device (the draft's KV cache is not counted).
    const Bytes weights = workload::weight_bytes(*model, bpp);
    const Bytes draft_weights = draft ? workload::weight_bytes(*draft, bpp) : Bytes{};
    const Bytes total = (weights + kv) + draft_weights;
    const Bytes capacity = decode.memory_capacity;
    const int64_t max_batch =
        max_batch_that_fits(*model, seq_len, bpp, weights, draft_weights, capacity);
    const double b = static_cast<double>(batch);

    OutputWriter(outputs, info())
        .set(c.out.feasible, total <= capacity)
        .set(c.out.ttft, ttft)
        .set(c.out.itl, itl)
        .set(c.out.kv_cache_size, kv)
        .set(c.out.model_weights_size, weights)
        .set(c.out.total_memory_required, total)
        .set(c.out.memory_utilization, total / capacity)
        .set(c.out.prompt_cache_hit_ratio,
             static_cast<double>(cached) / static_cast<double>(seq_len))
        .set(c.out.decode_throughput, b / itl)
        .set(c.out.request_latency, ttft + static_cast<double>(output_tokens - 1) * itl)
        .set(c.out.max_batch_size, max_batch);
    return {};
  }
};

}  // namespace
}  // namespace mlsysim::serving

MLSYSIM_PLUGIN("serving", "0.1.0", mlsysim::sdk::registers<mlsysim::serving::Reference>)
