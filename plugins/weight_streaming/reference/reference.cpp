// weight_streaming:reference — MLSys·im 0.1.0's WeightStreamingModel (physics-more.md §3.2).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "mlsysim/contracts/weight_streaming.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/workload/precision.hpp"

namespace mlsysim::weight_streaming {
namespace {

constexpr double kKvOverhead = 1.1;                    // working memory beside the KV cache
constexpr double kFallbackInjectionBytesPerSecond = 100e9;  // a device without an interconnect

const char* kDoc =
    "MLSys·im 0.1.0 WeightStreamingModel, reproduced exactly. Quirks kept for parity: "
    "wafer_memory_utilization divides the requirement's magnitude in GB by the capacity's magnitude "
    "in the unit it was written in (x1.073741824 on GiB devices, x1000 on TB ones); prefill attention "
    "counts KV heads, not query heads; the dispatch tax is charged per layer; any phase but \"prefill\" "
    "is decode; seq_len 0 and batch 0 are answered. Refused where 0.1.0 dies of a Python accident: a "
    "model that is not a transformer (no KV heads), one without parameters or layers, efficiency 0.";

// 0.1.0's attention-shape fallbacks: kv_heads, else heads, else 32; head dimension (hidden or 4096) / (heads or 32).
struct Attention {
  double kv_heads, head_dim;
};
Attention attention_of(const ModelSpec& m) {
  const std::int64_t heads = m.heads.value_or(0) ? *m.heads : 32;
  const std::int64_t kv = m.kv_heads.value_or(0) ? *m.kv_heads : heads;
  return {static_cast<double>(kv), static_cast<double>((m.hidden_dim.value_or(0) ? *m.hidden_dim : 4096) / heads)};
}

Status check(const ModelSpec& m, double efficiency) {
  if (m.family != ModelFamily::kTransformer)
    return Error::bad_input("model", fmt::format("model '{}' is a {} model; weight streaming keeps a transformer's "
                                                 "KV cache on the wafer (0.1.0 fails on kv_heads)",
                                                 m.id, to_string(m.family)));
  if (!m.parameters || !m.layers.value_or(0))
    return Error::bad_input("model", fmt::format("model '{}' needs a parameter count and a layer count to be "
                                                 "streamed layer by layer (0.1.0 fails without them)", m.id));
  if (efficiency == 0)
    return Error::bad_input("efficiency", "efficiency: 0 gives no compute rate (0.1.0 divides by zero); "
                                          "expected a non-zero fraction of peak");
  return {};
}

Status solve(sdk::Call<contracts::WeightStreaming>& call) {
  const auto& c = call.contract();
  const ModelSpec& m = *call[c.in.model];
  const HardwareSpec& hw = *call[c.in.hardware];
  const double efficiency = call[c.in.efficiency];
  if (Status st = check(m, efficiency); !st.ok()) return st;
  const double bpp = workload::bytes_per_element(call[c.in.precision]);
  const FlopRate* listed = hw.find_precision_flops(call[c.in.precision]);
  const double peak = (listed ? *listed : hw.peak_flops).value();
  const double seq = static_cast<double>(call[c.in.seq_len]), batch = static_cast<double>(call[c.in.batch_size]);
  const double layers = static_cast<double>(*m.layers);
  const Attention a = attention_of(m);

  // Steps 2-3: the KV cache (+10%) against the memory, and 0.1.0's utilisation across units.
  const double required = kKvOverhead * seq * a.kv_heads * a.head_dim * 2 * bpp * layers * batch;
  const bool feasible = required <= hw.memory_capacity.value();
  const double capacity_as_written = hw.memory_capacity.value() / hw.memory_capacity_unit.value();
  const double utilization = capacity_as_written == 0 ? 1.0 : (required / 1e9) / capacity_as_written;

  // Steps 5-7: one layer's weights in, one layer's FLOPs, the slower of the two.
  const double layer_params = *m.parameters / layers;
  const double link = hw.interconnect ? hw.interconnect->bandwidth.value() : 0.0;
  const double injection = layer_params * bpp / (link > 0 ? link : kFallbackInjectionBytesPerSecond);
  const bool prefill = call[c.in.phase] == "prefill";
  const double flops = prefill ? 2 * layer_params * seq * batch + 2 * a.kv_heads * seq * seq * a.head_dim * batch
                               : 2 * layer_params * batch;
  const double compute = flops / (peak * efficiency) + hw.dispatch_tax.value();
  const bool compute_bound = compute >= injection;
  const double token_time = (compute_bound ? compute : injection) * layers;
  const double tokens = prefill ? batch * seq : batch;
  const double throughput = !feasible || token_time == 0 ? 0.0 : tokens / token_time;
  // Held below 2^63 so the count stays an integer (0.1.0's Python int has no bound).
  const double optimal =
      std::clamp(std::trunc(injection * peak * efficiency / (2 * layer_params)), 1.0, 0x1p62);

  call.set(c.out.feasible, feasible)
      .set(c.out.throughput_tokens_per_sec, throughput)
      .set(c.out.bottleneck, std::string(compute_bound ? "Compute-Bound" : "Interconnect-Bandwidth-Bound"))
      .set(c.out.layer_compute_time, compute * unit::seconds)
      .set(c.out.layer_injection_time, injection * unit::seconds)
      .set(c.out.optimal_batch_size, static_cast<std::int64_t>(optimal))
      .set(c.out.wafer_memory_utilization, feasible ? std::min(utilization, 1.0) : utilization);
  return {};
}

}  // namespace
}  // namespace mlsysim::weight_streaming

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::WeightStreaming, "reference", "0.1.0", mlsysim::weight_streaming::kDoc,
                       mlsysim::weight_streaming::solve)
