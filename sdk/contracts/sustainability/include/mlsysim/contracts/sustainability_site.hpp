// What every sustainability variant shares: where the power is drawn (the
// datacenter in force and the grid whose carbon and water count, with
// MLSys·im 0.1.0's fallbacks), its PUE, and the outputs that follow from the
// IT energy (reference/physics-more.md §2.1).
#pragma once

#include <memory>

#include <fmt/format.h>

#include "mlsysim/contracts/sustainability.hpp"
#include "mlsysim/sdk/call.hpp"

namespace mlsysim::sustainability {

inline constexpr double kJoulesPerKwh = 3.6e6;

struct Site {
  const DatacenterSpec* datacenter = nullptr;  // the argument's, else the fleet's
  const GridSpec* grid = nullptr;
  std::shared_ptr<const Spec> fallback;  // holds the US_Avg grid when nothing else names one
};

// The datacenter in force and its grid: the argument's, else the fleet's
// datacenter, else its region, else the zoo's US_Avg grid.
inline Result<Site> site_of(sdk::Call<contracts::Sustainability>& call, const FleetSpec& fleet) {
  const auto& c = call.contract();
  Site s;
  s.datacenter = call.given(c.in.datacenter) ? &call[c.in.datacenter] : fleet.datacenter.get();
  if (s.datacenter != nullptr) s.grid = s.datacenter->grid.get();
  else if (fleet.region) s.grid = fleet.region.get();
  if (s.grid != nullptr) return s;
  Result<SpecRef> us = call.context().catalog().spec(grid_kind(), "US_Avg");
  if (!us.ok())
    return Error::bad_input("datacenter", "no datacenter or region given, and the fallback grid US_Avg is not in the zoo");
  s.fallback = *us;
  s.grid = static_cast<const GridSpec*>(s.fallback.get());
  return s;
}

// The argument's datacenter PUE, else the fleet's own (its datacenter's,
// else its region's, else 1.12).
inline double pue_of(const Site& site, const FleetSpec& fleet, bool datacenter_given) {
  if (datacenter_given) return site.datacenter->pue();
  if (fleet.datacenter) return fleet.datacenter->pue();
  if (fleet.region) return fleet.region->pue;
  return 1.12;
}

// Every output, from the IT energy of the period (kWh) and the accelerator count.
inline void set_outputs(sdk::Call<contracts::Sustainability>& call, const Site& site, double pue, double it_kwh,
                        double accelerators) {
  const auto& c = call.contract();
  const double total_kwh = it_kwh * pue;
  const double operational_kg = total_kwh * (site.grid->carbon_intensity_g_kwh / 1000.0);
  const double embodied_kg = call[c.in.embodied_carbon_per_device] * accelerators;
  call.set(c.out.it_energy_kwh, it_kwh * kJoulesPerKwh * unit::joules)
      .set(c.out.total_energy_kwh, total_kwh * kJoulesPerKwh * unit::joules)
      .set(c.out.carbon_footprint_kg, operational_kg + embodied_kg)
      .set(c.out.water_usage_liters, total_kwh * site.grid->wue)
      .set(c.out.pue, pue)
      .set(c.out.region_name, site.grid->name)
      .set(c.out.embodied_carbon_kg, embodied_kg);
}

}  // namespace mlsysim::sustainability
