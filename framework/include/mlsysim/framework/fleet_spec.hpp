// Fleet specs (reference/zoo-fleet.md): a cluster is `count` nodes joined by a
// network fabric; a node is some accelerators of one hardware spec with an
// intra-node link; a fleet may name the grid region and the datacenter it
// runs in. Entries refer to each other (a node's accelerator is a hardware
// id, a fleet's node and fabric are ids or inline objects); references are
// resolved when the entry is read, so a spec always holds what it names.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/hardware_spec.hpp"
#include "mlsysim/framework/spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim {

struct MLSYSIM_API FabricSpec final : Spec {
  const SpecKind& kind() const override;
  std::string topology = "fat-tree";  // descriptive; the topology contract takes its own
  ByteRate bandwidth;                 // per link
  std::optional<Seconds> latency;     // solvers fall back to 5 us
  double oversubscription_ratio = 1.0;
};

struct MLSYSIM_API NodeSpec final : Spec {
  const SpecKind& kind() const override;
  HardwareRef accelerator;
  std::int64_t accelerators_per_node = 1;
  ByteRate intra_node_bw;  // NVLink-class, used by intra-node rings
  std::int64_t nics_per_node = 1;
  std::int64_t psus_per_node = 2;
};

struct MLSYSIM_API GridSpec final : Spec {
  const SpecKind& kind() const override;
  double carbon_intensity_g_kwh = 0;  // gCO2 per kWh
  double pue = 1.0;                   // facility PUE assumed for the region
  double wue = 0;                     // litres per kWh
  std::string primary_source;
  std::optional<double> lat, lon, renewable_pct;
  std::optional<double> kwh_price_usd;  // no 0.1.0 grid has one
};

// A datacenter on a grid. MLSys·im 0.1.0 accepts a bare grid wherever a
// datacenter is expected; read from a grid id, it is that grid with no PUE
// override, which every solver treats the same way.
struct MLSYSIM_API DatacenterSpec final : Spec {
  const SpecKind& kind() const override;
  std::shared_ptr<const GridSpec> grid;
  std::optional<double> pue_override;
  double pue() const { return pue_override && *pue_override != 0 ? *pue_override : grid->pue; }
};

struct MLSYSIM_API FleetSpec final : Spec {
  const SpecKind& kind() const override;
  std::shared_ptr<const NodeSpec> node;
  std::int64_t count = 0;  // nodes, not accelerators (0 is a valid, empty fleet)
  std::shared_ptr<const FabricSpec> fabric;
  std::shared_ptr<const GridSpec> region;              // optional
  std::shared_ptr<const DatacenterSpec> datacenter;    // optional
  std::optional<Seconds> mtbf;                         // stored; no 0.1.0 solver reads it
  std::int64_t total_accelerators() const { return count * node->accelerators_per_node; }
};

MLSYSIM_API const SpecKind& fabric_kind();
MLSYSIM_API const SpecKind& node_kind();
MLSYSIM_API const SpecKind& grid_kind();
MLSYSIM_API const SpecKind& datacenter_kind();
MLSYSIM_API const SpecKind& fleet_kind();

// The kind a spec struct belongs to, for ports (Input<FleetSpec>).
template <class T>
const SpecKind& kind_of();
template <> inline const SpecKind& kind_of<FabricSpec>() { return fabric_kind(); }
template <> inline const SpecKind& kind_of<NodeSpec>() { return node_kind(); }
template <> inline const SpecKind& kind_of<GridSpec>() { return grid_kind(); }
template <> inline const SpecKind& kind_of<DatacenterSpec>() { return datacenter_kind(); }
template <> inline const SpecKind& kind_of<FleetSpec>() { return fleet_kind(); }

}  // namespace mlsysim
