// orchestration:reference — MLSys·im 0.1.0's OrchestrationModel (physics-more.md §2.4).
#include <cmath>

#include <fmt/format.h>

#include "mlsysim/contracts/orchestration.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::orchestration {
namespace {

constexpr double kSecondsPerDay = 86'400;

const char* kDoc =
    "MLSys·im 0.1.0 OrchestrationModel, reproduced exactly: the whole cluster is one M/D/1 server "
    "(Pollaczek-Khinchine with deterministic service). Quirks kept for parity: the fleet is not read; "
    "at utilisation 1 or more the wait and the queue are infinite; negative rates pass through. Refused "
    "where 0.1.0 divides by zero: avg_job_duration_days 0.";

Status solve(sdk::Call<contracts::Orchestration>& call) {
  const auto& c = call.contract();
  const double days = call[c.in.avg_job_duration_days];
  if (days == 0)
    return Error::bad_input("avg_job_duration_days", "avg_job_duration_days: jobs of 0 days have no service rate "
                                                     "(0.1.0 divides by zero); expected a non-zero duration");
  const double mu = 1.0 / days;
  const double rho = call[c.in.arrival_rate_jobs_per_day] / mu;
  const bool stable = rho < 1.0;
  const double wait_days = stable ? rho / (2.0 * mu * (1.0 - rho)) : INFINITY;
  const double queue = stable ? rho * rho / (2.0 * (1.0 - rho)) : INFINITY;
  call.set(c.out.cluster_utilization, rho)
      .set(c.out.avg_wait_time_days, wait_days * kSecondsPerDay * unit::seconds)
      .set(c.out.avg_queue_length, queue)
      .set(c.out.is_stable, stable);
  return {};
}

}  // namespace
}  // namespace mlsysim::orchestration

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Orchestration, "reference", "0.1.0", mlsysim::orchestration::kDoc,
                       mlsysim::orchestration::solve)
