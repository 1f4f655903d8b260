// The economics contract: the total cost of ownership of a fleet over a
// period — amortised CapEx, energy and maintenance — with the energy,
// carbon and water of the sustainability contract it calls (MLSys·im
// 0.1.0's EconomicsModel, reference/physics-more.md §2.2). The reference
// implementation is plugins/economics/reference.
#pragma once

#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Economics final : public Contract {
 public:
  Economics() : Contract("economics", "1", "Total cost of ownership of a fleet over a period (CapEx, energy, upkeep)") {
    describe(Tier::kModel, {17},
             {
              {"Cheaper hardware is always more cost-effective.",
               "Slower hardware runs longer and draws energy for longer: a GPU at half the price but a third of"
               " the speed costs more in total."},
              {"The GPUs are the main cost.",
               "Network, cooling, facility and staff add 50-150% of the GPU capital cost; an infrastructure "
               "multiplier of 2.0-2.5 is realistic."},
              {"Cloud always costs more than owning.",
               "For bursty or short jobs, spot capacity can be 3-10x cheaper than owned hardware that sits idle."}});
  }

  struct Inputs {
    Contract& c;
    const Input<FleetSpec> fleet{c, "fleet", "cluster being paid for (zoo id or inline spec)"};
    const Input<double> duration_days{c, "duration_days", "length of the period, in days"};
    const Input<double> kwh_price{c, "kwh_price", kOptional,
                                  "electricity price in USD per kWh (else the grid's, else 0.12)"};
    const Input<DatacenterSpec> datacenter{c, "datacenter", kOptional,
                                           "where it runs (decides energy, carbon and PUE over `grid`)"};
    const Input<GridSpec> grid{c, "grid", kOptional, "the grid it draws from, when no datacenter is given"};
    const Input<double> mfu{c, "mfu", 1.0, "utilisation (sustainability's power model)", in_range(0.0, 1.0)};
    const Input<double> amortization_years{c, "amortization_years", 3.0, "years over which CapEx is spread"};
    const Input<double> infrastructure_multiplier{c, "infrastructure_multiplier", 1.0,
                                                  "CapEx of the whole facility per dollar of accelerators"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<double> capex_usd{c, "capex_usd", "CapEx amortised over the period, USD"};
    const Output<double> opex_energy_usd{c, "opex_energy_usd", "electricity, USD"};
    const Output<double> opex_maintenance_usd{c, "opex_maintenance_usd", "5% of CapEx a year, USD"};
    const Output<double> total_opex_usd{c, "total_opex_usd", "energy + maintenance, USD"};
    const Output<double> tco_usd{c, "tco_usd", "CapEx + OpEx over the period, USD"};
    const Output<Joules> it_energy_kwh{c, "it_energy_kwh", "from sustainability"};
    const Output<Joules> total_energy_kwh{c, "total_energy_kwh", "from sustainability"};
    const Output<double> carbon_footprint_kg{c, "carbon_footprint_kg", "from sustainability, kg CO2"};
    const Output<double> water_usage_liters{c, "water_usage_liters", "from sustainability, litres"};
    const Output<double> pue{c, "pue", "from sustainability"};
    const Output<std::string> region_name{c, "region_name", "from sustainability"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
