// sustainability:calibrated — the energy of a fleet with a power model fitted
// to metered runs (the scale corpus), not 0.1.0's fixed 30% + 70% x mfu:
//  * a chip draws an idle share of its TDP, rising with utilisation until it
//    reaches TDP at a saturation utilisation (accelerators run near TDP well
//    below 100% MFU: memory traffic and clocks draw power too);
//  * the host (CPUs, memory, NICs, fans) adds a share of the accelerators' power.
// The site, PUE and carbon are the reference's (sustainability_site.hpp).
#include <algorithm>

#include "mlsysim/contracts/sustainability_site.hpp"
#include "mlsysim/sdk/calibration.hpp"

namespace mlsysim::sustainability_calibrated {
namespace {

struct Declared : sdk::ParameterSet {
  using Frac = sdk::Param<double>;
  const Frac idle{*this, "idle_share", "share of TDP a chip draws idle", in_range(0.05, 0.8), sdk::Prior{0.3}};
  const Frac saturation{*this, "saturation_mfu", "utilisation at which a chip draws its whole TDP",
                        in_range(0.05, 1.0), sdk::Prior{0.5}};
  const Frac host{*this, "host_overhead", "host power (CPUs, memory, NICs, fans) as a share of the accelerators'",
                  in_range(0.0, 1.0), sdk::Prior{0}};  // no prior: a share that may well be 0
};

constexpr double kTdpFallbackWatts = 700;  // H100 SXM, as the reference

const char* kDoc =
    "Calibrated against metered energy (the scale corpus), not MLSys·im 0.1.0: a chip draws a fitted idle "
    "share of TDP, rising linearly with mfu to its whole TDP at a fitted saturation utilisation; the host "
    "adds a fitted share of the accelerators' power. Site, PUE, carbon and water as the reference.";

Status solve(sdk::Call<contracts::Sustainability>& call, const Declared& d) {
  const auto& c = call.contract();
  const FleetSpec& fleet = call[c.in.fleet];
  Result<sustainability::Site> site = sustainability::site_of(call, fleet);
  if (!site.ok()) return site.error();
  const double accelerators = static_cast<double>(fleet.total_accelerators());
  const HardwareSpec& chip = *fleet.node->accelerator;
  const double tdp = chip.tdp ? chip.tdp->value() : kTdpFallbackWatts;
  const double load = std::clamp(call[c.in.mfu] / call[d.saturation], 0.0, 1.0);
  const double chip_power = tdp * (call[d.idle] + (1.0 - call[d.idle]) * load);
  const double it_power = chip_power * (1.0 + call[d.host]) * accelerators;
  const double it_kwh = it_power / 1000.0 * (call[c.in.duration_days] * 24.0);
  sustainability::set_outputs(call, *site, sustainability::pue_of(*site, fleet, call.given(c.in.datacenter)), it_kwh,
                              accelerators);
  return {};
}

}  // namespace
}  // namespace mlsysim::sustainability_calibrated

MLSYSIM_CALIBRATED_IMPLEMENTATION(mlsysim::contracts::Sustainability, "calibrated", "0.1.0",
                                  mlsysim::sustainability_calibrated::kDoc, mlsysim::sustainability_calibrated::solve,
                                  "sustainability_calibrated.json")
