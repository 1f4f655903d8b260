// What every serving variant shares around its timing physics: reading and
// checking the contract's inputs (ServingCase::read), and the memory wall and
// derived figures written from a TTFT and an ITL (write_serving_outputs). A
// variant computes only ttft and itl.
//
//   Status solve(sdk::Call<contracts::Serving>& call) {
//     Result<serving::ServingCase> s = serving::ServingCase::read(call);
//     if (!s.ok()) return s.error();
//     serving::write_serving_outputs(call, *s, ttft, itl);
//     return {};
//   }
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "mlsysim/contracts/serving.hpp"
#include "mlsysim/framework/port.hpp"
#include "mlsysim/sdk/call.hpp"
#include "mlsysim/sdk/workload/kv_cache.hpp"
#include "mlsysim/sdk/workload/lowering.hpp"
#include "mlsysim/sdk/workload/precision.hpp"

namespace mlsysim::serving {

inline constexpr int kDraftTokens = 4;  // K: tokens drafted per verification step

// Expected tokens per verification step when each of the K drafted tokens
// is accepted with probability alpha (reference/physics.md §7, step 6).
inline double expected_tokens_per_step(double alpha) {
  if (alpha >= 1.0) return 1.0 + kDraftTokens;
  return 1.0 + alpha * (1.0 - std::pow(alpha, kDraftTokens)) / (1.0 - alpha);
}

struct ServingCase {
  const ModelSpec* model = nullptr;
  const ModelSpec* draft = nullptr;  // speculative decoding, or nullptr
  const HardwareSpec* prefill = nullptr;
  const HardwareSpec* decode = nullptr;  // the prefill device unless disaggregated
  bool disaggregated = false;
  std::int64_t seq_len = 0, batch = 0, cached = 0, output_tokens = 0;
  std::string_view precision;
  double bpp = 2.0;
  double efficiency = 0.5;
  bool efficiency_given = false;  // set by the caller rather than defaulted
  double alpha = 0.7;
  ByteRate network;
  Bytes kv;       // KV cache of the whole context, batch included
  Bytes weights;  // the target model's

  FlopRate peak() const {  // the precision's listed peak, else the default
    const FlopRate* listed = prefill->find_precision_flops(precision);
    return listed ? *listed : prefill->peak_flops;
  }

  // Reads and checks the inputs: errors of 0.1.0 (cached prefix, a model that
  // is not a transformer or has no parameters) and the devices' rates.
  static Result<ServingCase> read(sdk::Call<contracts::Serving>& call);
};

namespace detail {

inline Status check_transformer(const ModelSpec& m, std::string_view field) {
  auto refuse = [&](const std::string& why) { return Error::bad_input(std::string(field), why); };
  if (m.family != ModelFamily::kTransformer)
    return refuse(fmt::format("{} '{}' is a {} model; serving needs a transformer (it has a KV cache)",
                              field, m.id, to_string(m.family)));
  if (!m.parameters) return refuse(fmt::format("{} '{}' has no parameter count", field, m.id));
  if (m.layers.value_or(0) < 1)
    return refuse(fmt::format("{} '{}' needs layers >= 1 for its KV cache", field, m.id));
  if (workload::kv_cache_bytes(m, 1, 1, 1.0).value() <= 0)
    return refuse(fmt::format("{} '{}' has no KV cache: hidden_dim must be at least heads", field, m.id));
  return {};
}

inline Status check_device(const HardwareSpec& hw, std::string_view field, bool prefill) {
  auto refuse = [&](std::string_view what, double value) {
    return Error::bad_input(std::string(field),
                            fmt::format("{} '{}': {} must be > 0, got {}", field, hw.id, what, value));
  };
  if (prefill && !(hw.peak_flops.value() > 0)) return refuse("peak_flops", hw.peak_flops.value());
  if (!(hw.memory_bandwidth.value() > 0)) return refuse("memory.bandwidth", hw.memory_bandwidth.value());
  if (!(hw.memory_capacity.value() > 0)) return refuse("memory.capacity", hw.memory_capacity.value());
  return {};
}

// Largest batch whose memory fits: W + B x kv(1) (+ draft W) is linear in
// B; the estimate is settled with the exact sum `feasible` uses, so the two
// never disagree at the boundary.
inline std::int64_t max_batch_that_fits(const ServingCase& s, Bytes draft_weights) {
  const Bytes capacity = s.decode->memory_capacity;
  auto fits = [&](std::int64_t b) {
    return (s.weights + workload::kv_cache_bytes(*s.model, s.seq_len, b, s.bpp)) + draft_weights <= capacity;
  };
  const double per_sequence = workload::kv_cache_bytes(*s.model, s.seq_len, 1, s.bpp).value();
  const double room = (capacity - s.weights - draft_weights).value();
  if (room < 0) return 0;
  constexpr double kCap = 1e15;  // far beyond any batch; keeps the integer finite
  auto b = static_cast<std::int64_t>(std::min(std::floor(room / per_sequence), kCap));
  while (b > 0 && !fits(b)) --b;
  while (b < static_cast<std::int64_t>(kCap) && fits(b + 1)) ++b;
  return b;
}

}  // namespace detail

inline Result<ServingCase> ServingCase::read(sdk::Call<contracts::Serving>& call) {
  const contracts::Serving& c = call.contract();
  ServingCase s;
  const ModelRef& model = call[c.in.model];
  const HardwareRef& hw = call[c.in.hardware];
  const HardwareRef& decode_hw = call[c.in.decode_hardware];
  const ModelRef& draft = call[c.in.draft_model];
  s.seq_len = call[c.in.seq_len];
  s.batch = call[c.in.batch_size];
  s.precision = call[c.in.precision];
  s.efficiency = call[c.in.efficiency];
  s.efficiency_given = call.given(c.in.efficiency);
  s.network = call[c.in.network_bandwidth];
  s.alpha = call[c.in.draft_acceptance_rate];
  s.cached = call[c.in.cached_prefix_len];
  s.output_tokens = call[c.in.output_tokens];
  // 0.1.0 checks the cached prefix first, then fails on the model.
  if (s.cached >= s.seq_len)
    return Error::bad_input("cached_prefix_len", fmt::format("cached_prefix_len ({}) must be < seq_len ({})",
                                                             s.cached, s.seq_len));
  if (Status st = detail::check_transformer(*model, "model"); !st.ok()) return st.error();
  if (draft)
    if (Status st = detail::check_transformer(*draft, "draft_model"); !st.ok()) return st.error();
  if (Status st = detail::check_device(*hw, "hardware", true); !st.ok()) return st.error();
  if (decode_hw)
    if (Status st = detail::check_device(*decode_hw, "decode_hardware", false); !st.ok()) return st.error();
  s.model = model.get();
  s.draft = draft.get();
  s.prefill = hw.get();
  s.decode = decode_hw ? decode_hw.get() : hw.get();
  s.disaggregated = decode_hw != nullptr;
  s.bpp = workload::bytes_per_element(s.precision);
  s.kv = workload::kv_cache_bytes(*model, s.seq_len, s.batch, s.bpp);
  s.weights = workload::weight_bytes(*model, s.bpp);
  return s;
}

// The memory wall on the decode device (the draft's weights count, its KV
// cache does not), the cache hit ratio and the derived figures.
inline void write_serving_outputs(sdk::Call<contracts::Serving>& call, const ServingCase& s,
                                  Seconds ttft, Seconds itl) {
  const contracts::Serving& c = call.contract();
  const Bytes draft_weights = s.draft ? workload::weight_bytes(*s.draft, s.bpp) : Bytes{};
  const Bytes total = (s.weights + s.kv) + draft_weights;
  const Bytes capacity = s.decode->memory_capacity;
  call.set(c.out.feasible, total <= capacity)
      .set(c.out.ttft, ttft)
      .set(c.out.itl, itl)
      .set(c.out.kv_cache_size, s.kv)
      .set(c.out.model_weights_size, s.weights)
      .set(c.out.total_memory_required, total)
      .set(c.out.memory_utilization, total / capacity)
      .set(c.out.prompt_cache_hit_ratio, static_cast<double>(s.cached) / static_cast<double>(s.seq_len))
      .set(c.out.decode_throughput, static_cast<double>(s.batch) / itl)
      .set(c.out.request_latency, ttft + static_cast<double>(s.output_tokens - 1) * itl)
      .set(c.out.max_batch_size, detail::max_batch_that_fits(s, draft_weights));
}

}  // namespace mlsysim::serving
