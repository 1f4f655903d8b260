// continuous_batching:calibrated — serving throughput at scale as paged,
// in-flight batching engines deliver it (issue 25), not as MLSys·im 0.1.0
// prices it:
//  * the admitted batch is what fits in a fraction of the memory left by the
//    weights (engines reserve the rest), in KV pages;
//  * a decode step has a compute term (2 N + 4 L S H FLOPs per request: the
//    weights and attention over the context) and a memory term (the weights
//    and the admitted KV, at an achieved bandwidth), partly overlapped, plus
//    a per-layer launch cost;
//  * admitted requests' prefill is paid too, input_len / output_len tokens
//    per output token when the request gives output_len (seq_len is then
//    input + output/2); without it (as the scale corpus maps requests) the
//    input tokens processed per output token are a fitted parameter.
// Efficiencies and the memory fraction are fitted (continuous_batching_calibrated.json).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "mlsysim/contracts/continuous_batching.hpp"
#include "mlsysim/sdk/calibration.hpp"
#include "mlsysim/sdk/workload/lowering.hpp"
#include "mlsysim/sdk/workload/overlap.hpp"
#include "mlsysim/sdk/workload/precision.hpp"

namespace mlsysim::continuous_batching_calibrated {
namespace {

using std::int64_t;

struct Declared : sdk::ParameterSet {
  using Frac = sdk::Param<double>;
  const Frac compute{*this, "compute_efficiency", "achieved fraction of peak FLOP/s in batched decode and prefill",
                     in_range(0.05, 1.0), sdk::Prior{0.5}};
  const Frac memory{*this, "memory_efficiency", "achieved fraction of the memory bandwidth in decode",
                    in_range(0.3, 1.0), sdk::Prior{0.8}};
  const Frac overlap{*this, "overlap_exponent",
                     "k in t = (t_compute^k + t_memory^k)^(1/k): 1 serialises compute and memory", in_range(1.0, 100.0),
                     sdk::Prior{2.0}};
  const Frac kv_fraction{*this, "kv_memory_fraction",
                         "fraction of device memory an engine lets the weights and KV cache use (vLLM and "
                         "TensorRT-LLM default to 0.9)", in_range(0.5, 1.0), sdk::Prior{0.9}};
  const Frac prefill{*this, "prefill_tokens_per_output_token",
                     "input tokens prefilled per output token generated, when a request gives no output_len "
                     "(a workload mix)", in_range(0.0, 20.0), sdk::Prior{1.0}};
  const sdk::Param<Seconds> layer{*this, "layer_overhead", "launch cost per layer and decode step",
                                  in_range(0.0, 1e-3), sdk::Prior{2e-5}};
};

const char* kDoc =
    "Calibrated against measured serving at scale (the scale corpus), not MLSys·im 0.1.0: the admitted "
    "batch from paged KV in a fitted fraction of memory; a decode step with a compute term (2N + 4LSH "
    "FLOPs per request) and a memory term (weights and admitted KV at an achieved bandwidth), partly "
    "overlapped, plus a per-layer launch cost; the admitted requests' prefill paid per output token "
    "(input/output from output_len when given, seq_len being input + output/2; else a fitted ratio). "
    "ttft is one request's prefill; the efficiency input is replaced by the fitted compute efficiency.";

struct Shape {
  double layers, heads, kv_heads, head_dim, hidden;
};

Shape shape_of(const ModelSpec& m) {
  const double heads = static_cast<double>(m.heads.value_or(0) ? *m.heads : 32);
  const double hidden = static_cast<double>(m.hidden_dim.value_or(0) ? *m.hidden_dim : 4096);
  return {static_cast<double>(m.layers.value_or(0) ? *m.layers : 1), heads,
          static_cast<double>(m.kv_heads.value_or(0) ? *m.kv_heads : static_cast<int64_t>(heads)), hidden / heads,
          hidden};
}

// Input tokens prefilled per output token: from output_len when the
// request gives it (input = seq_len - output_len/2), else the fitted mix.
Result<double> prefill_per_output_token(sdk::Call<contracts::ContinuousBatching>& call, const Declared& d) {
  const auto& c = call.contract();
  const int64_t output = call[c.in.output_len];
  if (output == 0) return call[d.prefill];
  const double input = static_cast<double>(call[c.in.seq_len]) - static_cast<double>(output) / 2.0;
  if (input < 0)
    return Error::bad_input("output_len", fmt::format("output_len = {}: seq_len ({}) is the mean context, input + "
                                                      "output_len/2, so output_len can be at most 2 x seq_len",
                                                      output, call[c.in.seq_len]));
  return input / static_cast<double>(output);
}

// One decode step of `requests` requests at context `s`, with their share of prefill.
double step_seconds(const ModelSpec& m, const Shape& sh, double requests, double s, double weights,
                    double kv_per_request, FlopRate peak, ByteRate bandwidth, double prefill_ratio,
                    const Declared& d, sdk::Call<contracts::ContinuousBatching>& call) {
  const double per_token = 2.0 * *m.parameters + 4.0 * sh.layers * sh.hidden * s;
  const double prefill = prefill_ratio * 2.0 * *m.parameters;  // prefill tokens cost no attention over S here
  const double flops = requests * (per_token + prefill);
  const double t_compute = flops / (peak.value() * call[d.compute]);
  const double t_memory = (weights + requests * kv_per_request) / (bandwidth.value() * call[d.memory]);
  return workload::overlapped(t_compute, t_memory, call[d.overlap]) + sh.layers * call[d.layer].value();
}

Status solve(sdk::Call<contracts::ContinuousBatching>& call, const Declared& d) {
  const auto& c = call.contract();
  const ModelSpec& m = *call[c.in.model];
  const HardwareSpec& hw = *call[c.in.hardware];
  if (!m.parameters || m.family != ModelFamily::kTransformer)
    return Error::bad_input("model", fmt::format("model '{}': continuous batching pages a transformer's KV cache "
                                                 "and needs its parameter count", m.id));
  const Result<double> prefill_ratio = prefill_per_output_token(call, d);
  if (!prefill_ratio.ok()) return prefill_ratio.error();
  const int64_t seq_len = call[c.in.seq_len], page = call[c.in.page_size];
  const double bpp = workload::bytes_per_element(call[c.in.precision]);
  const FlopRate* listed = hw.find_precision_flops(call[c.in.precision]);
  const FlopRate peak = listed ? *listed : hw.peak_flops;
  const Shape sh = shape_of(m);
  const double s = static_cast<double>(seq_len);
  const double weights = workload::weight_bytes(m, bpp).value();
  const int64_t padded = (seq_len + page - 1) / page * page;
  const double kv_per_request = 2.0 * sh.layers * sh.kv_heads * sh.head_dim * static_cast<double>(padded) * bpp;
  const double room = hw.memory_capacity.value() * call[d.kv_fraction] - weights;
  const double fit = room > 0 && kv_per_request > 0 ? std::floor(room / kv_per_request) : 0.0;
  const int64_t active = static_cast<int64_t>(std::min(fit, static_cast<double>(call[c.in.max_batch_size])));
  const double ttft = s * 2.0 * *m.parameters / (peak.value() * call[d.compute]) + hw.dispatch_tax.value();
  double itl = 0, throughput = 0, speedup = 1;
  if (active > 0) {
    const double a = static_cast<double>(active);
    itl = step_seconds(m, sh, a, s, weights, kv_per_request, peak, hw.memory_bandwidth, *prefill_ratio, d, call);
    throughput = a / itl;
    const double n_static = std::max(1.0, std::trunc(0.6 * a));  // static batching reserves for 60% as many
    speedup = throughput / (n_static / step_seconds(m, sh, n_static, s, weights, kv_per_request, peak,
                                                    hw.memory_bandwidth, *prefill_ratio, d, call));
  }
  call.set(c.out.feasible, active > 0)
      .set(c.out.throughput_tokens_per_sec, throughput)
      .set(c.out.max_active_requests, active)
      .set(c.out.memory_fragmentation_pct, padded == 0 ? 0.0 : static_cast<double>(padded - seq_len) /
                                                                   static_cast<double>(padded))
      .set(c.out.paged_kv_cache_size, kv_per_request * static_cast<double>(active) * unit::bytes)
      .set(c.out.ttft, ttft * unit::seconds)
      .set(c.out.itl, itl * unit::seconds)
      .set(c.out.speedup_vs_static, speedup);
  return {};
}

}  // namespace
}  // namespace mlsysim::continuous_batching_calibrated

MLSYSIM_CALIBRATED_IMPLEMENTATION(mlsysim::contracts::ContinuousBatching, "calibrated", "0.1.0",
                                  mlsysim::continuous_batching_calibrated::kDoc,
                                  mlsysim::continuous_batching_calibrated::solve,
                                  "continuous_batching_calibrated.json")
