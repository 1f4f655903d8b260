// The network_roofline contract: a fleet's roofline with the fabric as the
// memory system — the gradient synchronisation of data-parallel training
// (2 x parameters x bytes per element) against its work (6 x parameters)
// (MLSys·im 0.1.0's NetworkRooflineModel, reference/physics-more.md §1.2). The
// reference implementation is plugins/network_roofline/reference.
#pragma once

#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class NetworkRoofline final : public Contract {
 public:
  NetworkRoofline() : Contract("network_roofline", "1", "Roofline of a fleet with the network fabric as the wall") {
    describe(Tier::kModel, {});
  }

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "model to train (zoo id or inline spec)"};
    const Input<FleetSpec> fleet{c, "fleet", "cluster (zoo id or inline spec)"};
    const Input<std::string> precision{c, "precision", std::string("fp16"), "numeric precision"};
    const Input<double> efficiency{c, "efficiency", 0.5, "achieved fraction of the roofline"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<Seconds> latency{c, "latency", "6 x parameters / achievable FLOP/s (0 when nothing is achievable)"};
    const Output<Frequency> throughput{c, "throughput", "achievable FLOP/s / (6 x parameters)"};
    const Output<Intensity> arithmetic_intensity{c, "arithmetic_intensity", "work per byte synchronised"};
    const Output<Intensity> ridge_point{c, "ridge_point", "fleet FLOP/s / effective fabric bandwidth"};
    const Output<std::string> bottleneck{c, "bottleneck", "\"Network-Bound\" or \"Compute-Bound\""};
  } const out{*this};
};

}  // namespace mlsysim::contracts
