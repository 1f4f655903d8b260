// The data contract: can storage and the host link feed the accelerator at
// the workload's data rate? (MLSys·im 0.1.0's DataModel, reference/physics.md §3.)
#pragma once

#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Data final : public Contract {
 public:
  Data()
      : Contract("data", "1",
                 "Data pipeline: can storage and the host link keep up with the workload") {
                   describe(Tier::kModel, {8});
                 }

  struct Inputs {
    Contract& c;
    const Input<ByteRate> workload_data_rate{c, "workload_data_rate",
                                             "data the workload consumes per second (demand)",
                                             at_least(0)};
    const Input<HardwareRef> hardware{c, "hardware",
                                      "device whose storage and interconnect supply the data"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<bool> is_stalled{c, "is_stalled", "demand exceeds supply"};
    const Output<double> utilization{c, "utilization", "demand / supply"};
    const Output<ByteRate> demand_bw{c, "demand_bw", "the workload data rate"};
    const Output<ByteRate> supply_bw{c, "supply_bw", "what storage and interconnect deliver"};
    const Output<std::string> bottleneck{c, "bottleneck", "\"Storage\" or \"Interconnect\""};
    const Output<ByteRate> margin{c, "margin", "supply - demand"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
