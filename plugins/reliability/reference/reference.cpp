// reliability:reference — MLSys·im 0.1.0's ReliabilityModel (physics-more.md §1.5).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "mlsysim/contracts/reliability.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::reliability {
namespace {

// Component MTTF in hours (0.1.0's constants).
constexpr double kGpuMttfHours = 50'000, kNicMttfHours = 150'000, kPsuMttfHours = 100'000;
constexpr double kSecondsPerHour = 3600;

const char* kDoc =
    "MLSys·im 0.1.0 ReliabilityModel, reproduced exactly. Quirks kept for parity: the fleet MTBF comes "
    "from the node's GPUs, NICs and PSUs (fleet.mtbf_hours is ignored) divided by the node count; a "
    "0 s checkpoint gives a 0 s interval and goodput 0; negative durations pass through (a negative "
    "failure probability). Refused where 0.1.0 dies of a Python accident: a fleet of no nodes (or a "
    "negative count) and a negative checkpoint_time_s (square root of a negative).";

Status solve(sdk::Call<contracts::Reliability>& call) {
  const auto& c = call.contract();
  const FleetSpec& fleet = call[c.in.fleet];
  const double checkpoint = call[c.in.checkpoint_time_s];
  if (fleet.count <= 0)
    return Error::bad_input("fleet.count", fmt::format("fleet.count: a fleet of {} nodes has no MTBF (expected at "
                                                       "least 1 node)", fleet.count));
  if (checkpoint < 0)
    return Error::bad_input("checkpoint_time_s", fmt::format("checkpoint_time_s: {} s is negative", checkpoint));
  const NodeSpec& node = *fleet.node;
  const double node_mtbf_h = 1.0 / (static_cast<double>(node.accelerators_per_node) / kGpuMttfHours +
                                    static_cast<double>(node.nics_per_node) / kNicMttfHours +
                                    static_cast<double>(node.psus_per_node) / kPsuMttfHours);
  const double mtbf_h = node_mtbf_h / static_cast<double>(fleet.count);
  const double mtbf_s = mtbf_h * kSecondsPerHour;
  const double hours = call[c.in.job_duration_hours];
  const double interval = std::sqrt(2.0 * checkpoint * mtbf_s);
  const double goodput = interval > 0 && mtbf_h > 0
                             ? std::max(0.0, 1.0 - checkpoint / interval - call[c.in.avg_recovery_time_s] / mtbf_s)
                             : 0.0;
  call.set(c.out.fleet_mtbf, mtbf_s * unit::seconds)
      .set(c.out.failure_probability, 1.0 - std::exp(-hours / mtbf_h))
      .set(c.out.optimal_checkpoint_interval, interval * unit::seconds)
      .set(c.out.expected_failures, hours / mtbf_h)
      .set(c.out.goodput_ratio, goodput);
  return {};
}

}  // namespace
}  // namespace mlsysim::reliability

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Reliability, "reference", "0.1.0", mlsysim::reliability::kDoc,
                       mlsysim::reliability::solve)
