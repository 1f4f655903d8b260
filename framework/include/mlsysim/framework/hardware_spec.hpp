// HardwareSpec: one accelerator or system node, as the zoo describes it.
// Optional fields are optional, never zero-filled: a device without storage
// has `storage == std::nullopt`, not a 0 B/s drive.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mlsysim/framework/provenance.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim {

struct HardwareSpec {
  struct Link {
    std::string name;
    ByteRate bandwidth;
    std::optional<Seconds> latency;
  };
  struct Storage {
    Bytes capacity;
    ByteRate bandwidth;
    std::optional<Seconds> latency;
  };

  std::string id;                    // zoo id, e.g. "A100", "GB200_NVL72"
  std::vector<std::string> aliases;  // other names that find this entry
  std::string category;              // "Cloud", "Edge", ...
  std::string name;                  // display name, e.g. "NVIDIA A100"
  std::optional<int> release_year;

  FlopRate peak_flops;  // default (FP16/BF16 dense) rate
  // Per-precision peaks in zoo order (the order is visible in warnings).
  std::vector<std::pair<std::string, FlopRate>> precision_flops;

  Bytes memory_capacity;
  // The unit the capacity was written in (1 GiB for "80 GiB"): 0.1.0's
  // weight_streaming divides a magnitude in GB by the capacity's magnitude
  // as written, so it needs the unit (reference/physics-more.md §3.2).
  Bytes memory_capacity_unit = 1 * unit::bytes;
  ByteRate memory_bandwidth;
  std::optional<Bytes> sram_capacity;
  std::optional<ByteRate> sram_bandwidth;
  std::optional<Bytes> flash_capacity;
  std::optional<ByteRate> flash_bandwidth;

  std::optional<Link> interconnect;
  std::optional<Storage> storage;

  std::optional<Watts> tdp;
  std::optional<Joules> battery_capacity;
  std::optional<double> unit_cost_usd;
  std::optional<double> embodied_carbon_kg;
  Seconds dispatch_tax = 1e-5 * unit::seconds;  // MLSys·im's default: 0.01 ms

  Provenance provenance;

  // The precision's peak if listed, else nullptr.
  const FlopRate* find_precision_flops(std::string_view precision) const {
    for (const auto& [key, rate] : precision_flops)
      if (key == precision) return &rate;
    return nullptr;
  }
};

using HardwareRef = std::shared_ptr<const HardwareSpec>;

}  // namespace mlsysim
