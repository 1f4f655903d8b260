// Collective communication and pipeline formulas shared by the fleet
// solvers (MLSys·im 0.1.0, reference/physics-more.md §0.3), in seconds and bytes.
// Where 0.1.0 raises (a ring over no GPUs, a link without bandwidth, a
// pipeline with no micro-batch slots) these return nullopt and the caller
// refuses the input that led there.
#pragma once

#include <cstdint>
#include <optional>

#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::workload {

// Per-message latency of an intra-node (NVLink-class) ring.
inline constexpr Seconds kNvlinkLatency = 500e-9 * unit::seconds;
// A fabric without a latency of its own.
inline constexpr Seconds kFabricLatencyFallback = 5e-6 * unit::seconds;

struct Link {
  ByteRate bandwidth;
  Seconds latency;
};

// The fleet's inter-node link: bandwidth / oversubscription, its latency or 5 us.
inline Link fabric_link(const FabricSpec& fabric) {
  return {fabric.bandwidth / fabric.oversubscription_ratio, fabric.latency.value_or(kFabricLatencyFallback)};
}
inline Link intra_node_link(const NodeSpec& node) { return {node.intra_node_bw, kNvlinkLatency}; }

// Ring all-reduce of `bytes` over `n` GPUs: 2(n-1)/n M/beta + 2(n-1) alpha;
// 0 for one GPU; nullopt when n < 1, or n > 1 over a link without bandwidth.
inline std::optional<Seconds> ring_all_reduce(Bytes bytes, std::int64_t n, Link link) {
  if (n < 1) return std::nullopt;
  if (n == 1) return Seconds{};
  if (link.bandwidth.value() <= 0) return std::nullopt;
  const double steps = 2.0 * static_cast<double>(n - 1);
  return steps / static_cast<double>(n) * (bytes / link.bandwidth) + steps * link.latency;
}

// Reduce-scatter and broadcast inside each of `k` nodes of `g` GPUs (each
// priced as a full ring), and a ring over the nodes on M/g.
inline std::optional<Seconds> hierarchical_all_reduce(Bytes bytes, std::int64_t g, std::int64_t k, Link intra,
                                                      Link inter) {
  const std::optional<Seconds> inside = ring_all_reduce(bytes, g, intra);
  const std::optional<Seconds> across = ring_all_reduce(bytes / static_cast<double>(g), k, inter);
  if (!inside || !across) return std::nullopt;
  return 2.0 * *inside + *across;
}

// The two-level all-reduce NCCL runs on a multi-node fleet, as it costs
// (not 0.1.0's formula above): a reduce-scatter and an all-gather inside
// each node, together one ring all-reduce of M over `g` GPUs, and between
// them `g` concurrent rings over the `k` nodes, each on M/g.
inline std::optional<Seconds> two_level_all_reduce(Bytes bytes, std::int64_t g, std::int64_t k, Link intra,
                                                   Link inter) {
  const std::optional<Seconds> inside = ring_all_reduce(bytes, g, intra);
  const std::optional<Seconds> across = ring_all_reduce(bytes / static_cast<double>(g), k, inter);
  if (!inside || !across) return std::nullopt;
  return *inside + *across;
}
// All-to-all: (n-1)/n M/beta + (n-1) alpha (no shortcut for one GPU);
// nullopt over a link without bandwidth.
inline std::optional<Seconds> all_to_all(Bytes bytes, std::int64_t n, Link link) {
  if (link.bandwidth.value() == 0) return std::nullopt;
  const double steps = static_cast<double>(n - 1);
  return steps / static_cast<double>(n) * (bytes / link.bandwidth) + steps * link.latency;
}

// Idle fraction of a pipeline of p stages, m micro-batches, v virtual
// stages: (p-1)/(v m + p-1); nullopt when that denominator is 0.
inline std::optional<double> pipeline_bubble(std::int64_t p, std::int64_t m, std::int64_t v) {
  const std::int64_t slots = v * m + p - 1;
  if (slots == 0) return std::nullopt;
  return static_cast<double>(p - 1) / static_cast<double>(slots);
}

}  // namespace mlsysim::workload
