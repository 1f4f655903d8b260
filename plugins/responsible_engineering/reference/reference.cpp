// responsible_engineering:reference — MLSys·im 0.1.0's ResponsibleEngineeringModel (physics-more.md §4.3).
#include <algorithm>

#include "mlsysim/contracts/responsible_engineering.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::responsible_engineering {
namespace {

constexpr double kDpSgdCoefficient = 2.0;
constexpr double kSmallestEpsilon = 0.01, kSmallestPrevalence = 1e-6;

const char* kDoc =
    "MLSys·im 0.1.0 ResponsibleEngineeringModel, reproduced exactly: DP-SGD slows training by "
    "1 + 2 / max(epsilon, 0.01); serving a subgroup of prevalence p fairly needs 1 / max(p, 1e-6) times "
    "the data. Quirks kept for parity: delta is echoed and never used; no input is validated (a "
    "negative epsilon is floored at 0.01). A bare number for base_training_time is seconds (0.1.0 "
    "needs a unit and fails on a bare number).";

Status solve(sdk::Call<contracts::ResponsibleEngineering>& call) {
  const auto& c = call.contract();
  const double epsilon = call[c.in.epsilon], prevalence = call[c.in.min_subgroup_prevalence];
  const double slowdown = 1.0 + kDpSgdCoefficient / std::max(epsilon, kSmallestEpsilon);
  const double data = 1.0 / std::max(prevalence, kSmallestPrevalence);
  call.set(c.out.dp_slowdown_factor, slowdown)
      .set(c.out.effective_training_time, call[c.in.base_training_time] * slowdown)
      .set(c.out.additional_data_requirement, data)
      .set(c.out.epsilon, epsilon)
      .set(c.out.delta, call[c.in.delta])
      .set(c.out.min_subgroup_prevalence, prevalence)
      .set(c.out.privacy_cost_ratio, slowdown)
      .set(c.out.fairness_data_ratio, data);
  return {};
}

}  // namespace
}  // namespace mlsysim::responsible_engineering

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::ResponsibleEngineering, "reference", "0.1.0",
                       mlsysim::responsible_engineering::kDoc, mlsysim::responsible_engineering::solve)
