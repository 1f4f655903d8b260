// The placement contract: which grid region a fleet should run in, by TCO
// plus a price on its carbon, over a list of candidate regions (MLSys·im
// 0.1.0's PlacementOptimizer, reference/physics-more.md §2.3). The reference
// implementation is plugins/placement/reference.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Placement final : public Contract {
 public:
  Placement() : Contract("placement", "1", "The grid region with the lowest TCO plus carbon price") {
    describe(Tier::kOptimizer, {});
  }

  struct Inputs {
    Contract& c;
    const Input<FleetSpec> fleet{c, "fleet", "cluster to place (zoo id or inline spec)"};
    const Input<double> duration_days{c, "duration_days", "length of the period, in days"};
    const Input<StringList> regions{c, "regions", StringList{"US_Avg", "Quebec", "Iowa"},
                                    "grid ids to compare, in order (unknown ids are skipped)"};
    const Input<double> carbon_tax_per_ton{c, "carbon_tax_per_ton", 100.0, "USD per tonne of CO2"};
    const Input<double> mfu{c, "mfu", 1.0, "utilisation (sustainability's power model)", in_range(0.0, 1.0)};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<double> objective_value{c, "objective_value", "the best region's TCO + carbon x tax, USD"};
    const Output<std::string> best_config_region{c, "best_config.region", "the best region's id"};
    const Output<std::int64_t> total_searched{c, "total_searched", "regions found among the grids"};
    const Output<std::string> best_region{c, "best_region", "the best region's id"};
    const Output<double> lowest_tco{c, "lowest_tco", "the best region's TCO, USD"};
    const Output<double> carbon_footprint{c, "carbon_footprint", "the best region's carbon, tonnes CO2"};
    const Output<double> pue{c, "pue", "the best region's PUE"};
    const Output<RecordList> top_candidates{c, "top_candidates",
                                            "every region found, best first: region, tco, carbon, pue, objective"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
