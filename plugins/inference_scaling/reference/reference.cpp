// inference_scaling:reference — MLSys·im 0.1.0's InferenceScalingModel (physics-more.md §3.5).
#include "mlsysim/contracts/inference_scaling.hpp"
#include "mlsysim/contracts/serving.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::inference_scaling {
namespace {

constexpr std::int64_t kTokensPerStep = 50;

const char* kDoc =
    "MLSys·im 0.1.0 InferenceScalingModel, reproduced exactly: the serving contract once at "
    "seq_len = context_length, batch 1; each reasoning step decodes 50 tokens at serving's ITL. Quirks "
    "kept for parity: the context does not grow with the tokens generated; energy charges the full TDP "
    "for the whole time (0 J without a TDP); an infeasible model still gets a time; negative steps are "
    "answered. Refused where 0.1.0 dies of a Python accident: a model that is not a transformer, "
    "efficiency 0 (serving refuses both).";

Status solve(sdk::Call<contracts::InferenceScaling>& call) {
  const auto& c = call.contract();
  Result<Bound<contracts::Serving>> serving = call.bind<contracts::Serving>();
  if (!serving.ok()) return serving.error();
  const auto& s = serving->contract();
  serving->set(s.in.seq_len, call[c.in.context_length]);
  if (Status st = serving->run(call.context(), "prefill and decode"); !st.ok()) return st;

  const auto& r = *serving;
  const std::int64_t steps = call[c.in.reasoning_steps];
  const Seconds step = static_cast<double>(kTokensPerStep) * r[s.out.itl];
  const Seconds total = r[s.out.ttft] + static_cast<double>(steps) * step;
  const HardwareSpec& hw = *call[c.in.hardware];
  const Joules energy = hw.tdp ? Joules::from_value(hw.tdp->value() * total.value()) : Joules{};
  call.set(c.out.total_reasoning_time, total)
      .set(c.out.ttft, r[s.out.ttft])
      .set(c.out.itl, r[s.out.itl])
      .set(c.out.tokens_generated, steps * kTokensPerStep)
      .set(c.out.reasoning_steps, steps)
      .set(c.out.time_per_step, step)
      .set(c.out.energy_per_query, energy)
      .set(c.out.feasible, r[s.out.feasible])
      .set(c.out.serving_feasible, r[s.out.feasible])
      .set(c.out.serving_ttft, r[s.out.ttft])
      .set(c.out.serving_itl, r[s.out.itl])
      .set(c.out.serving_kv_cache_size, r[s.out.kv_cache_size])
      .set(c.out.serving_model_weights_size, r[s.out.model_weights_size])
      .set(c.out.serving_total_memory_required, r[s.out.total_memory_required])
      .set(c.out.serving_memory_utilization, r[s.out.memory_utilization])
      .set(c.out.serving_prompt_cache_hit_ratio, r[s.out.prompt_cache_hit_ratio]);
  return {};
}

}  // namespace
}  // namespace mlsysim::inference_scaling

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::InferenceScaling, "reference", "0.1.0",
                       mlsysim::inference_scaling::kDoc, mlsysim::inference_scaling::solve)
