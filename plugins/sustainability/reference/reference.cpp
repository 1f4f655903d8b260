// sustainability:reference — MLSys·im 0.1.0's SustainabilityModel (physics-more.md §2.1).
#include <fmt/format.h>

#include "mlsysim/contracts/sustainability_site.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::sustainability {
namespace {

constexpr double kTdpFallbackWatts = 700;  // H100 SXM
constexpr double kIdleShare = 0.3;         // of TDP, drawn whatever the load

const char* kDoc =
    "MLSys·im 0.1.0 SustainabilityModel, reproduced exactly. Quirks kept for parity: a grid id where a "
    "datacenter is expected is that grid with its own PUE; pue_override 0 means the grid's PUE; with no "
    "datacenter and no fleet region the grid is US_Avg and the PUE 1.12; an accelerator without a TDP "
    "draws 700 W; the hardware's own embodied carbon is not used; a negative duration gives negative "
    "energy, a fleet of 0 nodes zero; a negative carbon intensity passes through.";

Status solve(sdk::Call<contracts::Sustainability>& call) {
  const auto& c = call.contract();
  const FleetSpec& fleet = call[c.in.fleet];
  Result<Site> site = site_of(call, fleet);
  if (!site.ok()) return site.error();
  const double accelerators = static_cast<double>(fleet.total_accelerators());
  const HardwareSpec& chip = *fleet.node->accelerator;
  const double tdp = chip.tdp ? chip.tdp->value() : kTdpFallbackWatts;
  const double it_power = (tdp * kIdleShare + tdp * (1.0 - kIdleShare) * call[c.in.mfu]) * accelerators;
  const double it_kwh = it_power / 1000.0 * (call[c.in.duration_days] * 24.0);
  set_outputs(call, *site, pue_of(*site, fleet, call.given(c.in.datacenter)), it_kwh, accelerators);
  return {};
}

}  // namespace
}  // namespace mlsysim::sustainability

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Sustainability, "reference", "0.1.0", mlsysim::sustainability::kDoc,
                       mlsysim::sustainability::solve)
