// topology:reference — MLSys·im 0.1.0's TopologyModel (physics-more.md §1.3).
#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "mlsysim/contracts/topology.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::topology {
namespace {

const char* kDoc =
    "MLSys·im 0.1.0 TopologyModel, reproduced exactly. Quirks kept for parity: the fabric's own "
    "topology field is ignored; an unknown topology counts as a fat tree (fraction 1, 4 hops); powers "
    "are pow(n, +-1/3), not a cube root (0.75 x 64^(1/3) = 2.9999999999999996); a ring of 0 nodes has "
    "fraction 2 and a torus of 1 node fraction 2 (not clamped to 1); a zero bandwidth gives zero "
    "bandwidths. Refused where 0.1.0 dies of a Python accident: a negative num_nodes, a torus_3d of 0 "
    "nodes (0 to a negative power) and a fabric with oversubscription_ratio 0 (division by zero).";

struct Shape {
  double fraction;  // of full bisection
  double hops;
};

Shape shape_of(std::string_view topology, double n) {
  if (topology == "ring") return {2.0 / std::max(n, 1.0), n / 4.0};
  if (topology == "torus_3d") return {2.0 * std::pow(n, -1.0 / 3.0), 0.75 * std::pow(n, 1.0 / 3.0)};
  if (topology == "dragonfly") return {0.85, 3.0};
  return {1.0, 4.0};  // fat_tree, and any other name
}

Status solve(sdk::Call<contracts::Topology>& call) {
  const auto& c = call.contract();
  const FabricSpec& fabric = call[c.in.fabric];
  const std::string& topology = call[c.in.topology];
  const std::int64_t nodes = call[c.in.num_nodes];
  if (nodes < 0 || (nodes == 0 && topology == "torus_3d"))
    return Error::bad_input("num_nodes", fmt::format("num_nodes: {} nodes cannot form a {} (expected at least {})",
                                                     nodes, topology, topology == "torus_3d" ? 1 : 0));
  if (fabric.oversubscription_ratio == 0)
    return Error::bad_input("fabric", "fabric: oversubscription_ratio is 0 (0.1.0 divides by it)");
  const double n = static_cast<double>(nodes);
  const Shape s = shape_of(topology, n);
  const ByteRate beta = fabric.bandwidth * s.fraction;
  call.set(c.out.effective_bw, beta / fabric.oversubscription_ratio)
      .set(c.out.bisection_bw, beta * n / 2.0 / fabric.oversubscription_ratio)
      .set(c.out.bisection_bw_fraction, s.fraction)
      .set(c.out.hops_avg, s.hops)
      .set(c.out.topology, topology)
      .set(c.out.num_nodes, nodes);
  return {};
}

}  // namespace
}  // namespace mlsysim::topology

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Topology, "reference", "0.1.0", mlsysim::topology::kDoc,
                       mlsysim::topology::solve)
