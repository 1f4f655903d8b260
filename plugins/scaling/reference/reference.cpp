// scaling:reference — MLSys·im 0.1.0's ScalingModel (physics-more.md §1.7).
#include <cmath>

#include <fmt/format.h>

#include "mlsysim/contracts/scaling.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::scaling {
namespace {

constexpr double kTokensPerParameter = 20;     // Chinchilla
constexpr double kFlopsPerParameterToken = 6;  // C = 6 P D
// A time budget is H100 time at a sustained 40 % of 989 TFLOP/s.
constexpr double kReferencePeak = 989e12, kReferenceMfu = 0.40;

const char* kDoc =
    "MLSys·im 0.1.0 ScalingModel, reproduced exactly. Quirks kept for parity: a budget of work is "
    "sized by its magnitude as written, without unit conversion (\"1e9 TFLOP\" counts as 1e9 flop, "
    "while compute_budget_flops reports the quantity itself, 1e21 flop); any time unit is H100 time "
    "at 40 % of 989 TFLOP/s; a target size of 0 means compute-optimal; a negative target passes "
    "through (negative tokens, tokens_per_parameter 0). Stricter than 0.1.0: a budget that is "
    "neither work nor time (0.1.0 took \"5 GB\" as 5) and a negative budget (0.1.0's square root "
    "fails) are refused.";

Status solve(sdk::Call<contracts::Scaling>& call) {
  const auto& c = call.contract();
  const Written<Flops> budget = call[c.in.compute_budget];
  const bool time = budget.base.dimension == dims::time;
  if (!time && budget.base.dimension != dims::flops)
    return Error::bad_input("compute_budget", fmt::format("compute_budget: '{} {}' is neither work (flop) nor time",
                                                           budget.magnitude, budget.unit));
  if (budget.base.value < 0)
    return Error::bad_input("compute_budget", fmt::format("compute_budget: {} {} is negative", budget.magnitude,
                                                          budget.unit));
  const double work = time ? budget.base.value * kReferencePeak * kReferenceMfu : budget.magnitude;
  const double target = call.given(c.in.target_model_size) ? call[c.in.target_model_size].value() : 0.0;
  double parameters = 0, tokens = 0;
  if (target != 0) {
    parameters = target;
    tokens = work / (kFlopsPerParameterToken * parameters);
  } else {
    parameters = std::sqrt(work / (kFlopsPerParameterToken * kTokensPerParameter));
    tokens = kTokensPerParameter * parameters;
  }
  call.set(c.out.optimal_parameters, parameters * unit::count)
      .set(c.out.optimal_tokens, tokens * unit::count)
      .set(c.out.compute_budget_flops, (time ? work : budget.base.value) * unit::flops)
      .set(c.out.tokens_per_parameter, parameters > 0 ? tokens / parameters : 0.0);
  return {};
}

}  // namespace
}  // namespace mlsysim::scaling

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Scaling, "reference", "0.1.0", mlsysim::scaling::kDoc,
                       mlsysim::scaling::solve)
