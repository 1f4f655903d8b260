// Racks and deployment tiers (reference/zoo-fleet.md §7): descriptive zoo entries
// that MLSys·im 0.1.0 ships and no resolver reads — a rack's power budget
// and cooling, a deployment tier's memory, storage and typical latency
// budget. Listed, looked up and varied like every other spec kind.
#pragma once

#include <string>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim {

struct MLSYSIM_API RackSpec final : Spec {
  const SpecKind& kind() const override;
  double power_kw = 0;  // power the rack can deliver and cool, kW (0.1.0's unit)
  std::string cooling_type;
};

struct MLSYSIM_API TierSpec final : Spec {
  const SpecKind& kind() const override;
  Bytes ram;
  Bytes storage;
  Seconds typical_latency_budget;
};

MLSYSIM_API const SpecKind& rack_kind();
MLSYSIM_API const SpecKind& tier_kind();

}  // namespace mlsysim
