// The efficiency contract: the MFU a kind of kernel (attention with or
// without FlashAttention, a feed-forward block, a convolution) achieves on a
// device, and where the rest goes (MLSys·im 0.1.0's EfficiencyModel,
// reference/physics-more.md §4.2). The reference implementation is
// plugins/efficiency/reference.
#pragma once

#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Efficiency final : public Contract {
 public:
  Efficiency() : Contract("efficiency", "1", "Achievable MFU of a kernel type, with its occupancy and stall losses") {
    describe(Tier::kModel, {3});
  }

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "model (0.1.0 reads nothing from it)"};
    const Input<HardwareRef> hardware{c, "hardware", "device whose peak is derated"};
    const Input<std::string> workload_type{c, "workload_type", std::string("ffn"),
                                           "attention, ffn, conv (anything else: the low calibration)"};
    const Input<bool> use_flash_attention{c, "use_flash_attention", false, "FlashAttention (attention only)"};
    const Input<std::string> precision{c, "precision", std::string("fp16"), "numeric precision of the peak"};
    const Input<double> efficiency{c, "efficiency", 0.5, "the calibration's scale: efficiency / 0.5"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<double> mfu{c, "mfu", "achieved fraction of peak FLOP/s, in [0, 1]"};
    const Output<FlopRate> achievable_flops{c, "achievable_flops", "peak x mfu"};
    const Output<FlopRate> peak_flops{c, "peak_flops", "the precision's peak, else the device's default"};
    const Output<std::string> workload_type{c, "workload_type", "echoed"};
    const Output<bool> use_flash_attention{c, "use_flash_attention", "echoed"};
    const Output<double> occupancy_loss{c, "overhead_breakdown.occupancy_loss", "1 - min(1.1 x efficiency, 1)"};
    const Output<double> memory_stall{c, "overhead_breakdown.memory_stall",
                                      "what the MFU loses beyond occupancy, at least 0"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
