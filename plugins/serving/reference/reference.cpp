// serving:reference — MLSys·im 0.1.0's ServingModel (physics.md §7): one
// LLM request split into prefill (time to first token) and decode (time per
// output token), with KV-cache memory against the decode device, plus the
// figures users derive from them. Quirks of 0.1.0 are kept (physics.md §8,
// 16 and 17) and listed in the variant's doc.
#include <cmath>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/contracts/serving_case.hpp"

namespace mlsysim::serving {
namespace {

using std::int64_t;

constexpr Seconds kLayerTax = 1e-5 * unit::seconds;  // 0.01 ms per layer per decoded token

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

// Steps 5-6: decode reads the weights and the KV cache once per token and
// pays the layer tax; speculative decoding amortises K draft steps (the
// draft's weights and its own KV cache) over the expected accepted tokens.
Seconds inter_token_latency(const ServingCase& s) {
  const ByteRate bandwidth = s.decode->memory_bandwidth;
  const Seconds target = (s.weights + s.kv) / bandwidth + static_cast<double>(*s.model->layers) * kLayerTax;
  if (s.draft == nullptr) return target;
  const Bytes draft_kv = workload::kv_cache_bytes(*s.draft, s.seq_len, s.batch, s.bpp);
  const Seconds t_draft = (workload::weight_bytes(*s.draft, s.bpp) + draft_kv) / bandwidth;
  return (static_cast<double>(kDraftTokens) * t_draft + target) / expected_tokens_per_step(s.alpha);
}

// 0.1.0's decode has no compute term. When one decode step's FLOPs (a new
// token per sequence) at the decode device's derated peak would take longer
// than its memory traffic, that quirk decides the row: say so.
void note_if_decode_compute_bound(sdk::Call<contracts::Serving>& call, const ServingCase& s, Seconds itl) {
  const FlopRate* listed = s.decode->find_precision_flops(s.precision);
  const FlopRate peak = (listed ? *listed : s.decode->peak_flops) * s.efficiency;
  const Seconds compute = prefill_ops(*s.model, s.seq_len, s.seq_len - 1, s.batch) / peak;
  if (!(compute > itl)) return;
  call.note(fmt::format("decode is compute-bound here (one step's FLOPs take {:.4g} ms at the derated peak, more "
                        "than the {:.4g} ms itl), but MLSys·im 0.1.0's decode has no compute term, kept for parity: "
                        "itl counts memory traffic only and is too low",
                        compute.value() * 1e3, itl.value() * 1e3));
}

Status solve(sdk::Call<contracts::Serving>& call) {
  Result<ServingCase> read = ServingCase::read(call);
  if (!read.ok()) return read.error();
  const ServingCase& s = *read;
  // 1-4. Prefill at the derated peak, plus the KV transfer when disaggregated.
  Seconds ttft = prefill_ops(*s.model, s.seq_len, s.cached, s.batch) / (s.peak() * s.efficiency) +
                 s.prefill->dispatch_tax;
  if (s.disaggregated) ttft += s.kv / s.network;
  const Seconds itl = inter_token_latency(s);
  note_if_decode_compute_bound(call, s, itl);
  write_serving_outputs(call, s, ttft, itl);
  return {};
}

}  // namespace
}  // namespace mlsysim::serving

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Serving, "reference", "0.1.0", mlsysim::serving::kDoc,
                       mlsysim::serving::solve)
