// The topology contract: the effective and bisection bandwidth and the
// average hop count of a network fabric laid out as a fat tree, dragonfly,
// 3D torus or ring (MLSys·im 0.1.0's TopologyModel, reference/physics-more.md §1.3).
// The reference implementation is plugins/topology/reference.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Topology final : public Contract {
 public:
  Topology() : Contract("topology", "1", "Bisection bandwidth and hop count of a fabric in a given topology") {
    describe(Tier::kModel, {10});
  }

  struct Inputs {
    Contract& c;
    const Input<FabricSpec> fabric{c, "fabric", "network fabric (zoo id or inline spec)"};
    const Input<std::string> topology{c, "topology", std::string("fat_tree"),
                                      "fat_tree, dragonfly, torus_3d or ring (others count as a fat tree)"};
    const Input<std::int64_t> num_nodes{c, "num_nodes", 64, "nodes the fabric joins"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<ByteRate> effective_bw{c, "effective_bw", "per-link bandwidth x bisection fraction / oversubscription"};
    const Output<ByteRate> bisection_bw{c, "bisection_bw", "bandwidth across the bisection of the network"};
    const Output<double> bisection_bw_fraction{c, "bisection_bw_fraction", "fraction of full bisection"};
    const Output<double> hops_avg{c, "hops_avg", "average hops between two nodes"};
    const Output<std::string> topology{c, "topology", "the topology (as given)"};
    const Output<std::int64_t> num_nodes{c, "num_nodes", "the node count (as given)"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
