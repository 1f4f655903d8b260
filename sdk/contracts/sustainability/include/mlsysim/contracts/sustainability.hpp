// The sustainability contract: the energy a fleet draws over a period, the
// carbon and water that energy costs on its grid, and the embodied carbon
// of its accelerators (MLSys·im 0.1.0's SustainabilityModel,
// reference/physics-more.md §2.1). The reference implementation is
// plugins/sustainability/reference.
#pragma once

#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Sustainability final : public Contract {
 public:
  Sustainability() : Contract("sustainability", "1", "Energy, carbon and water of a fleet over a period") {
    describe(Tier::kModel, {18});
  }

  struct Inputs {
    Contract& c;
    const Input<FleetSpec> fleet{c, "fleet", "cluster drawing the power (zoo id or inline spec)"};
    const Input<double> duration_days{c, "duration_days", "length of the period, in days"};
    const Input<DatacenterSpec> datacenter{c, "datacenter", kOptional,
                                           "where it runs: a datacenter {grid, pue_override} or a grid id "
                                           "(else the fleet's own datacenter or region, else US_Avg)"};
    const Input<double> mfu{c, "mfu", 1.0, "utilisation: each chip draws 30% of TDP idle plus 70% x mfu",
                            in_range(0.0, 1.0)};
    const Input<double> embodied_carbon_per_device{c, "embodied_carbon_per_device", 0.0,
                                                   "manufacturing carbon per accelerator, in kg", at_least(0.0)};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<Joules> it_energy_kwh{c, "it_energy_kwh", "energy of the accelerators (0.1.0 reports kWh)"};
    const Output<Joules> total_energy_kwh{c, "total_energy_kwh", "IT energy x PUE"};
    const Output<double> carbon_footprint_kg{c, "carbon_footprint_kg", "operational + embodied carbon, in kg CO2"};
    const Output<double> water_usage_liters{c, "water_usage_liters", "total energy x the grid's WUE, in litres"};
    const Output<double> pue{c, "pue", "power usage effectiveness applied"};
    const Output<std::string> region_name{c, "region_name", "the grid's display name"};
    const Output<double> embodied_carbon_kg{c, "embodied_carbon_kg", "embodied carbon per device x accelerators"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
