// Scenarios and personas (reference/zoo-fleet.md §8): MLSys·im's named bundles of a
// workload, the system it runs on and its service-level targets, and the
// lab personas whose scale turns one device into a deployed fleet. `mlsysim
// eval SCENARIO` scores a scenario; `mlsysim simulate` runs it at a
// persona's scale.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/hardware_spec.hpp"
#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim {

struct MLSYSIM_API ScenarioSpec final : Spec {
  const SpecKind& kind() const override;
  std::string description;
  ModelRef workload;
  // Bytes per second the workload ingests (0.1.0's `data_rate` on a copy of
  // the model): when set, the scenario also meets the data wall.
  std::optional<ByteRate> workload_data_rate;
  // Exactly one of the two: a single device, or a fleet.
  HardwareRef hardware;
  std::shared_ptr<const FleetSpec> fleet;
  std::optional<Seconds> sla_latency;
  std::optional<Watts> power_budget;
  std::optional<double> target_accuracy;

  // The device one accelerator of the system is.
  const HardwareSpec& accelerator() const { return fleet ? *fleet->node->accelerator : *hardware; }
};

struct MLSYSIM_API PersonaSpec final : Spec {
  const SpecKind& kind() const override;
  std::string role;
  double scale_factor = 1;  // devices a single-device scenario becomes
  std::string primary_constraint;
  std::string unit_of_scale;
};

MLSYSIM_API const SpecKind& scenario_kind();
MLSYSIM_API const SpecKind& persona_kind();

}  // namespace mlsysim
