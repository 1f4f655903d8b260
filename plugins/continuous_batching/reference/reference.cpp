// continuous_batching:reference — MLSys·im 0.1.0's ContinuousBatchingModel (physics-more.md §3.1).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "mlsysim/contracts/continuous_batching.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/workload/lowering.hpp"
#include "mlsysim/sdk/workload/precision.hpp"

namespace mlsysim::continuous_batching {
namespace {

constexpr double kStaticAdmission = 0.6;  // static batching reserves for 60% as many requests
constexpr double kNoFitItlSeconds = 1000;  // 0.1.0 reports 1,000,000 ms when the weights do not fit

const char* kDoc =
    "MLSys·im 0.1.0 ContinuousBatchingModel, reproduced exactly. Quirks kept for parity: TTFT is the "
    "prefill of max_batch_size requests, not of those admitted; ITL reads the weights and the admitted "
    "KV at the memory bandwidth with no layer or dispatch tax; memory_fragmentation_pct is a fraction; "
    "weights that do not fit give ITL 1,000,000 ms, no requests and speed-up 1; max_batch_size 0 is "
    "infeasible although the model fits; a model without kv_heads keeps every head in its KV cache "
    "(Llama-2-70B). Refused where 0.1.0 dies of a Python accident: a model without a parameter count "
    "(DLRM), a model that is not a transformer when the weights fit (it has no KV heads), efficiency 0.";

// Each request's KV cache in pages of `page` tokens, and the share of its last page left empty.
struct PagedKv {
  double bytes_per_request;
  double fragmentation;
};

// 0.1.0's fallbacks for a model that leaves its attention shape out: 32 heads of 4096 / 32.
std::int64_t heads_of(const ModelSpec& m) { return m.heads.value_or(0) ? *m.heads : 32; }
std::int64_t head_dim_of(const ModelSpec& m) { return (m.hidden_dim.value_or(0) ? *m.hidden_dim : 4096) / heads_of(m); }

PagedKv paged_kv(const ModelSpec& m, std::int64_t seq_len, std::int64_t page, double bpp) {
  const std::int64_t kv_heads = m.kv_heads.value_or(0) ? *m.kv_heads : heads_of(m);
  const std::int64_t head_dim = head_dim_of(m);
  const std::int64_t padded = (seq_len + page - 1) / page * page;
  const double bytes = 2.0 * static_cast<double>(m.layers.value_or(0) * kv_heads * head_dim * padded) * bpp;
  const double fragmentation = padded == 0 ? 0.0 : static_cast<double>(padded - seq_len) / static_cast<double>(padded);
  return {bytes, fragmentation};
}

// Step 2: prefill of the whole batch at the derated peak, plus the dispatch tax.
Seconds prefill_time(const ModelSpec& m, const HardwareSpec& hw, std::int64_t seq_len, std::int64_t batch,
                     FlopRate peak, double efficiency) {
  const double layers = static_cast<double>(m.layers.value_or(0) ? *m.layers : 1);
  const double heads = static_cast<double>(heads_of(m)), head_dim = static_cast<double>(head_dim_of(m));
  const double s = static_cast<double>(seq_len), b = static_cast<double>(batch);
  const double flops = 2.0 * *m.parameters * s * b + 4.0 * layers * heads * head_dim * s * s * b;
  return Seconds::from_value(flops / (peak.value() * efficiency)) + hw.dispatch_tax;
}

Status solve(sdk::Call<contracts::ContinuousBatching>& call) {
  const auto& c = call.contract();
  const ModelSpec& model = *call[c.in.model];
  const HardwareSpec& hw = *call[c.in.hardware];
  const double efficiency = call[c.in.efficiency];
  if (!model.parameters)
    return Error::bad_input("model", fmt::format("model '{}' has no parameter count (0.1.0 fails on it)", model.id));
  if (efficiency == 0)
    return Error::bad_input("efficiency", "efficiency: 0 gives no prefill rate (0.1.0 divides by zero)");
  const std::int64_t seq_len = call[c.in.seq_len], batch = call[c.in.max_batch_size];
  const double bpp = workload::bytes_per_element(call[c.in.precision]);
  const FlopRate* listed = hw.find_precision_flops(call[c.in.precision]);
  const Seconds ttft = prefill_time(model, hw, seq_len, batch, listed ? *listed : hw.peak_flops, efficiency);

  // Step 3: the weights against the memory; what is left holds KV pages.
  const double weights = workload::weight_bytes(model, bpp).value();
  const double room = hw.memory_capacity.value() - weights;
  if (room <= 0) {
    call.set(c.out.feasible, false).set(c.out.throughput_tokens_per_sec, 0.0).set(c.out.max_active_requests, 0)
        .set(c.out.memory_fragmentation_pct, 0.0).set(c.out.paged_kv_cache_size, Bytes{}).set(c.out.ttft, ttft)
        .set(c.out.itl, kNoFitItlSeconds * unit::seconds).set(c.out.speedup_vs_static, 1.0);
    return {};
  }
  if (model.family != ModelFamily::kTransformer)
    return Error::bad_input("model", fmt::format("model '{}' is a {} model; continuous batching pages a transformer's "
                                                 "KV cache (0.1.0 fails on kv_heads)", model.id, to_string(model.family)));

  // Steps 4-8: paged KV per request, the requests that fit, the decode step, the static comparison.
  const PagedKv kv = paged_kv(model, seq_len, call[c.in.page_size], bpp);
  const double fit = kv.bytes_per_request > 0 ? std::trunc(room / kv.bytes_per_request) : INFINITY;
  const std::int64_t active = static_cast<std::int64_t>(std::min(fit, static_cast<double>(batch)));
  const double bandwidth = hw.memory_bandwidth.value();
  const double kv_bytes = kv.bytes_per_request * static_cast<double>(active);
  const double itl = (weights + kv_bytes) / bandwidth;
  double throughput = 0, speedup = 1;
  if (active > 0 && itl != 0) {
    throughput = static_cast<double>(active) / itl;
    const double n_static = std::max(1.0, std::trunc(kStaticAdmission * static_cast<double>(active)));
    speedup = throughput / (n_static / ((weights + kv.bytes_per_request * n_static) / bandwidth));
  }
  call.set(c.out.feasible, active > 0)
      .set(c.out.throughput_tokens_per_sec, throughput)
      .set(c.out.max_active_requests, active)
      .set(c.out.memory_fragmentation_pct, kv.fragmentation)
      .set(c.out.paged_kv_cache_size, kv_bytes * unit::bytes)
      .set(c.out.ttft, ttft)
      .set(c.out.itl, itl * unit::seconds)
      .set(c.out.speedup_vs_static, speedup);
  return {};
}

}  // namespace
}  // namespace mlsysim::continuous_batching

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::ContinuousBatching, "reference", "0.1.0",
                       mlsysim::continuous_batching::kDoc, mlsysim::continuous_batching::solve)
