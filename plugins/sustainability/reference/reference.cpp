// sustainability:reference — MLSys·im 0.1.0's SustainabilityModel (physics-more.md §2.1).
#include <fmt/format.h>

#include "mlsysim/contracts/sustainability.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::sustainability {
namespace {

constexpr double kTdpFallbackWatts = 700;  // H100 SXM
constexpr double kIdleShare = 0.3;         // of TDP, drawn whatever the load
constexpr double kPueFallback = 1.12;      // no datacenter, no region
constexpr const char* kGridFallback = "US_Avg";
constexpr double kJoulesPerKwh = 3.6e6;

const char* kDoc =
    "MLSys·im 0.1.0 SustainabilityModel, reproduced exactly. Quirks kept for parity: a grid id where a "
    "datacenter is expected is that grid with its own PUE; pue_override 0 means the grid's PUE; with no "
    "datacenter and no fleet region the grid is US_Avg and the PUE 1.12; an accelerator without a TDP "
    "draws 700 W; the hardware's own embodied carbon is not used; a negative duration gives negative "
    "energy, a fleet of 0 nodes zero; a negative carbon intensity passes through.";

// Step 1: the datacenter in force and the grid whose carbon and water count.
struct Site {
  const DatacenterSpec* datacenter = nullptr;  // the argument's, else the fleet's
  const GridSpec* grid = nullptr;
};

Result<Site> site_of(sdk::Call<contracts::Sustainability>& call, const FleetSpec& fleet,
                     std::shared_ptr<const Spec>& fallback) {
  const auto& c = call.contract();
  Site s;
  s.datacenter = call.given(c.in.datacenter) ? &call[c.in.datacenter] : fleet.datacenter.get();
  if (s.datacenter != nullptr) s.grid = s.datacenter->grid.get();
  else if (fleet.region) s.grid = fleet.region.get();
  if (s.grid != nullptr) return s;
  Result<SpecRef> us = call.context().catalog().spec(grid_kind(), kGridFallback);
  if (!us.ok()) return Error::bad_input("datacenter", fmt::format("no datacenter or region given, and the "
                                                                  "fallback grid {} is not in the zoo", kGridFallback));
  fallback = *us;
  s.grid = static_cast<const GridSpec*>(fallback.get());
  return s;
}

// Step 5: the argument's datacenter PUE, else the fleet's own (its
// datacenter's, else its region's, else 1.12).
double pue_of(const Site& site, const FleetSpec& fleet, bool datacenter_given) {
  if (datacenter_given) return site.datacenter->pue();
  if (fleet.datacenter) return fleet.datacenter->pue();
  if (fleet.region) return fleet.region->pue;
  return kPueFallback;
}

Status solve(sdk::Call<contracts::Sustainability>& call) {
  const auto& c = call.contract();
  const FleetSpec& fleet = call[c.in.fleet];
  std::shared_ptr<const Spec> fallback;
  Result<Site> site = site_of(call, fleet, fallback);
  if (!site.ok()) return site.error();
  const double accelerators = static_cast<double>(fleet.total_accelerators());
  const HardwareSpec& chip = *fleet.node->accelerator;
  const double tdp = chip.tdp ? chip.tdp->value() : kTdpFallbackWatts;
  const double it_power = (tdp * kIdleShare + tdp * (1.0 - kIdleShare) * call[c.in.mfu]) * accelerators;
  const double it_kwh = it_power / 1000.0 * (call[c.in.duration_days] * 24.0);
  const double pue = pue_of(*site, fleet, call.given(c.in.datacenter));
  const double total_kwh = it_kwh * pue;
  const double operational_kg = total_kwh * (site->grid->carbon_intensity_g_kwh / 1000.0);
  const double embodied_kg = call[c.in.embodied_carbon_per_device] * accelerators;
  call.set(c.out.it_energy_kwh, it_kwh * kJoulesPerKwh * unit::joules)
      .set(c.out.total_energy_kwh, total_kwh * kJoulesPerKwh * unit::joules)
      .set(c.out.carbon_footprint_kg, operational_kg + embodied_kg)
      .set(c.out.water_usage_liters, total_kwh * site->grid->wue)
      .set(c.out.pue, pue)
      .set(c.out.region_name, site->grid->name)
      .set(c.out.embodied_carbon_kg, embodied_kg);
  return {};
}

}  // namespace
}  // namespace mlsysim::sustainability

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Sustainability, "reference", "0.1.0", mlsysim::sustainability::kDoc,
                       mlsysim::sustainability::solve)
