// The memory wall of one step (reference/physics.md §2.2, steps 4-6): how much memory
// the step needs, whether it fits, and the path its traffic is served by.
// Shared by every roofline variant, so they agree on what fits.
#pragma once

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "mlsysim/framework/error.hpp"
#include "mlsysim/framework/hardware_spec.hpp"
#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/sdk/workload/training_memory.hpp"

namespace mlsysim::workload {

inline constexpr double kDefaultOffloadLink = 64e9;  // B/s, PCIe Gen5, when a device has no interconnect

// The weights for inference; for training the transformer formula, or
// 3 x weights (1.1 x with LoRA) for other models.
inline Bytes step_footprint(const ModelSpec& m, std::string_view precision, Bytes weights, bool training,
                            const TrainingOptions& train) {
  if (!training) return weights;
  return m.family == ModelFamily::kTransformer ? transformer_training_memory(m, precision, train)
                                               : weights * (train.is_lora ? 1.1 : 3.0);
}

// The bandwidth traffic is served at: when the step does not fit, all of it
// crosses the offload link (min of memory and link, a 0.1.0 quirk); else
// SRAM when the weights fit there, else flash where the device has it, else
// memory.
inline ByteRate served_bandwidth(const HardwareSpec& hw, bool feasible, Bytes weights) {
  if (!feasible) {
    const ByteRate link = hw.interconnect ? hw.interconnect->bandwidth : kDefaultOffloadLink * unit::bytes_per_second;
    return std::min(hw.memory_bandwidth, link);
  }
  if (hw.sram_capacity && hw.sram_bandwidth && weights <= *hw.sram_capacity) return *hw.sram_bandwidth;
  if (hw.flash_bandwidth) return *hw.flash_bandwidth;
  return hw.memory_bandwidth;
}

// The infeasible error of raise_errors (reference/physics.md §2.4).
inline Error out_of_memory(const ModelSpec& m, const HardwareSpec& hw, Bytes footprint) {
  return Error::infeasible("memory_footprint",
                           fmt::format("Model '{}' requires {} GB but hardware '{}' has only {} GB.", m.name,
                                       footprint.value() * 1e-9, hw.name, hw.memory_capacity.value() * 1e-9));
}

}  // namespace mlsysim::workload
