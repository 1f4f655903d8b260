// The orchestration contract: the job queue of a cluster run as one M/D/1
// server — utilisation, mean wait and queue length (MLSys·im 0.1.0's
// OrchestrationModel, reference/physics-more.md §2.4). The reference implementation
// is plugins/orchestration/reference.
#pragma once

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Orchestration final : public Contract {
 public:
  Orchestration() : Contract("orchestration", "1", "Job queue of a cluster: utilisation, wait and queue length") {
    describe(Tier::kModel, {16});
  }

  struct Inputs {
    Contract& c;
    const Input<FleetSpec> fleet{c, "fleet", "cluster serving the queue (0.1.0 reads nothing from it)"};
    const Input<double> arrival_rate_jobs_per_day{c, "arrival_rate_jobs_per_day", "jobs arriving per day"};
    const Input<double> avg_job_duration_days{c, "avg_job_duration_days", "mean length of a job, in days"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<double> cluster_utilization{c, "cluster_utilization", "arrival rate x job duration"};
    const Output<Seconds> avg_wait_time_days{c, "avg_wait_time_days", "mean wait in the queue (0.1.0 reports days)"};
    const Output<double> avg_queue_length{c, "avg_queue_length", "mean jobs waiting"};
    const Output<bool> is_stable{c, "is_stable", "utilisation below 1 (else the wait is infinite)"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
