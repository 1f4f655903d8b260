// The reliability contract: how often a fleet fails during a job, the
// checkpoint interval that minimises lost work (Young) and the goodput that
// is left (MLSys·im 0.1.0's ReliabilityModel, reference/physics-more.md §1.5). The
// reference implementation is plugins/reliability/reference.
#pragma once

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Reliability final : public Contract {
 public:
  Reliability() : Contract("reliability", "1", "Fleet MTBF, failure probability and Young's checkpoint interval") {
    describe(Tier::kModel, {15});
  }

  struct Inputs {
    Contract& c;
    const Input<FleetSpec> fleet{c, "fleet", "cluster running the job (zoo id or inline spec)"};
    const Input<double> job_duration_hours{c, "job_duration_hours", "length of the job, in hours"};
    const Input<double> checkpoint_time_s{c, "checkpoint_time_s", 60.0, "time to write one checkpoint, in seconds"};
    const Input<double> avg_recovery_time_s{c, "avg_recovery_time_s", 300.0,
                                            "time to recover from one failure, in seconds"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<Seconds> fleet_mtbf{c, "fleet_mtbf", "mean time between failures of the fleet"};
    const Output<double> failure_probability{c, "failure_probability", "P(at least one failure during the job)"};
    const Output<Seconds> optimal_checkpoint_interval{c, "optimal_checkpoint_interval",
                                                      "Young: sqrt(2 x checkpoint time x MTBF)"};
    const Output<double> expected_failures{c, "expected_failures", "job duration / MTBF"};
    const Output<double> goodput_ratio{c, "goodput_ratio", "useful fraction after checkpoints and recoveries"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
