// serving:calibrated — the serving contract fitted to measured LLM serving
// (zoo/measured/corpus.jsonl) rather than reproducing MLSys·im 0.1.0. Same
// inputs, outputs and memory wall; different timing physics:
//  * prefill and decode each have a compute term and a memory term, at
//    achieved rates (a fraction of peak FLOP/s per precision class, of spec
//    bandwidth), combined with partial overlap t = (t_c^k + t_m^k)^(1/k);
//  * decode's compute grows with the batch (2 x parameters per token) and
//    with the context (attention over the KV cache), so large batches turn
//    compute-bound instead of decoding for free;
//  * causal attention counts each new token against the tokens before it;
//  * a per-layer overhead per phase stands for kernel launches and the
//    runtime's per-step work; speculative verification runs K + 1 tokens.
// The parameters live in serving_calibrated.json beside the plugin.
#include <memory>

#include "mlsysim/contracts/serving.hpp"
#include "mlsysim/sdk/calibration.hpp"
#include "mlsysim/sdk/workload/overlap.hpp"
#include "mlsysim/contracts/serving_case.hpp"

namespace mlsysim::serving_calibrated {
namespace {

// The variant's parameters, fitted by `mlsysim calibrate` (values in
// serving_calibrated.json; bounds are the fit's range).
struct Declared : sdk::ParameterSet {
  const sdk::Param<double> eff16{
      *this, "compute_efficiency_16bit",
      "achieved fraction of the listed peak FLOP/s for 16- and 32-bit transformer steps", in_range(0.05, 1.0),
      sdk::Prior{0.8}};
  const sdk::Param<double> eff8{*this, "compute_efficiency_8bit",
                                "achieved fraction of the listed peak FLOP/s for 8-bit (fp8, int8) "
                                "transformer steps",
                                in_range(0.05, 1.0), sdk::Prior{0.6}};
  const sdk::Param<double> mem_eff{*this, "memory_efficiency",
                                   "achieved fraction of the spec memory bandwidth when streaming weights "
                                   "and KV cache",
                                   in_range(0.3, 1.0), sdk::Prior{0.85}};
  const sdk::Param<double> overlap{*this, "overlap_exponent",
                                   "k in t = (t_compute^k + t_memory^k)^(1/k): 1 serialises compute and "
                                   "memory, large k overlaps them fully",
                                   in_range(1.0, 100.0), sdk::Prior{4.0}};
  const sdk::Param<Seconds> layer_prefill{*this, "layer_overhead_prefill",
                                          "per-layer overhead of a prefill (kernel launches, runtime work)",
                                          in_range(0.0, 0.01), sdk::Prior{5e-5}};
  const sdk::Param<Seconds> layer_decode{*this, "layer_overhead_decode", "per-layer overhead of a decode step",
                                         in_range(0.0, 0.01), sdk::Prior{2e-5}};
};

// Their values in one call (a caller may set any of them).
struct Params {
  double eff16, eff8, mem_eff, overlap, layer_prefill, layer_decode;
};

const char* kDoc =
    "Calibrated against measured LLM serving (zoo/measured/corpus.jsonl), not MLSys·im 0.1.0: "
    "prefill and decode each take max-like combinations (t_c^k + t_m^k)^(1/k) of a compute term "
    "at a fitted fraction of peak (16/32-bit or 8-bit) and a memory term at a fitted fraction "
    "of spec bandwidth; decode compute is 2 x parameters x batch plus attention over the "
    "context; causal prefill attention; per-layer overheads for prefill and decode; "
    "speculative verification processes K + 1 tokens. Memory wall, errors and derived outputs "
    "as serving:reference. An explicit efficiency input overrides the fitted compute "
    "efficiency. Parameters: `plugins show serving:calibrated`; refit with `mlsysim calibrate`.";

// FLOPs of one transformer step over `tokens` new tokens per sequence, each
// attending to `context` earlier-or-equal tokens on average.
double step_flops(const ModelSpec& m, double tokens, double context, double batch) {
  const double attention = 4.0 * static_cast<double>(*m.layers) *
                           static_cast<double>(m.hidden_dim.value_or(4096)) * tokens * context;
  return (2.0 * *m.parameters * tokens + attention) * batch;
}

// One decode (or verification) step of `tokens` tokens per sequence.
double decode_step(const Params& p, const ModelSpec& m, Bytes weights, Bytes kv, double tokens,
                   double context, double batch, double compute, double bandwidth) {
  const double t_compute = step_flops(m, tokens, context, batch) / compute;
  const double t_memory = (weights + kv).value() / (bandwidth * p.mem_eff);
  return workload::overlapped(t_compute, t_memory, p.overlap) + static_cast<double>(*m.layers) * p.layer_decode;
}

Status solve(sdk::Call<contracts::Serving>& call, const Declared& d) {
  const Params p{call[d.eff16],   call[d.eff8],
                 call[d.mem_eff], call[d.overlap],
                 call[d.layer_prefill].value(), call[d.layer_decode].value()};
  Result<serving::ServingCase> read = serving::ServingCase::read(call);
  if (!read.ok()) return read.error();
  const serving::ServingCase& s = *read;
  const double compute = s.peak().value() *
                         (s.efficiency_given ? s.efficiency : s.bpp <= 1.0 ? p.eff8 : p.eff16);
  const double b = static_cast<double>(s.batch);

  // Prefill: the fresh tokens, each attending to the cached prefix and
  // (causally) half of the fresh ones; weights and the cache cross memory once.
  const double fresh = static_cast<double>(std::max<std::int64_t>(1, s.seq_len - s.cached));
  const double prefill_compute = step_flops(*s.model, fresh, static_cast<double>(s.cached) + fresh / 2, b) / compute;
  const double prefill_memory = (s.weights + s.kv).value() / (s.prefill->memory_bandwidth.value() * p.mem_eff);
  double ttft = workload::overlapped(prefill_compute, prefill_memory, p.overlap) + s.prefill->dispatch_tax.value() +
                static_cast<double>(*s.model->layers) * p.layer_prefill;
  if (s.disaggregated) ttft += (s.kv / s.network).value();

  const double seq = static_cast<double>(s.seq_len);
  const double bandwidth = s.decode->memory_bandwidth.value();
  const double target = decode_step(p, *s.model, s.weights, s.kv, 1.0 + (s.draft ? serving::kDraftTokens : 0),
                                    seq, b, compute, bandwidth);
  double itl = target;
  if (s.draft != nullptr) {
    const Bytes draft_weights = workload::weight_bytes(*s.draft, s.bpp);
    const Bytes draft_kv = workload::kv_cache_bytes(*s.draft, s.seq_len, s.batch, s.bpp);
    const double draft = decode_step(p, *s.draft, draft_weights, draft_kv, 1.0, seq, b, compute, bandwidth);
    itl = (serving::kDraftTokens * draft + target) / serving::expected_tokens_per_step(s.alpha);
  }
  serving::write_serving_outputs(call, s, ttft * unit::seconds, itl * unit::seconds);
  return {};
}

}  // namespace
}  // namespace mlsysim::serving_calibrated

MLSYSIM_CALIBRATED_IMPLEMENTATION(mlsysim::contracts::Serving, "calibrated", "0.1.0",
                                  mlsysim::serving_calibrated::kDoc, mlsysim::serving_calibrated::solve,
                                  "serving_calibrated.json")
