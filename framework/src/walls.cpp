#include "mlsysim/framework/walls.hpp"

#include <array>

namespace mlsysim {
namespace {

// MLSys·im 0.1.0's taxonomy (its `core/walls.py`), the constraints in our words.
constexpr std::array<Wall, 22> kWalls = {{
    {1, "Compute", "node", "SingleNodeModel",
     "an accelerator's peak arithmetic rate bounds how fast a step can go"},
    {2, "Memory", "node", "SingleNodeModel",
     "memory capacity bounds what fits; memory bandwidth bounds how fast weights and activations stream"},
    {3, "Software", "node", "EfficiencyModel",
     "kernels, occupancy and the framework keep achieved FLOP/s below peak"},
    {4, "Serving", "node", "ServingModel",
     "an LLM request is a compute-bound prefill followed by a bandwidth-bound decode"},
    {5, "Batching", "node", "ContinuousBatchingModel",
     "reserving the KV cache per request wastes memory; paging it admits more requests"},
    {6, "Streaming", "node", "WeightStreamingModel",
     "a wafer-scale part streams weights in, so the injection bandwidth, not HBM, sets the pace"},
    {7, "Tail Latency", "node", "TailLatencyModel",
     "queueing makes P99 latency grow without bound as utilisation approaches 1"},
    {8, "Ingestion", "data", "DataModel",
     "storage and the interconnect must deliver bytes as fast as the accelerator consumes them"},
    {9, "Transformation", "data", "TransformationModel",
     "CPU decoding and augmentation can fall behind the accelerator"},
    {10, "Locality", "data", "TopologyModel",
     "topology and oversubscription cut the bisection bandwidth a job sees"},
    {11, "Complexity", "algorithm", "ScalingModel",
     "compute-optimal training splits a budget between parameters and tokens (Chinchilla)"},
    {12, "Reasoning", "algorithm", "InferenceScalingModel",
     "test-time compute grows with the number of reasoning steps a query takes"},
    {13, "Fidelity", "algorithm", "CompressionModel",
     "quantisation and pruning buy size and speed with accuracy"},
    {14, "Communication", "fleet", "DistributedModel",
     "training across devices pays for synchronisation: all-reduce, pipeline bubbles, all-to-all"},
    {15, "Fragility", "fleet", "ReliabilityModel",
     "failures become routine as the fleet grows, so checkpoints and restarts cost goodput"},
    {16, "Multi-tenant", "fleet", "OrchestrationModel",
     "a shared cluster makes jobs wait in a queue"},
    {17, "Capital", "operations", "EconomicsModel",
     "the total cost of ownership bounds what is worth building and running"},
    {18, "Sustainability", "operations", "SustainabilityModel",
     "energy becomes carbon and water through the facility's PUE and the grid's intensity"},
    {19, "Checkpoint", "operations", "CheckpointModel",
     "saving training state periodically costs utilisation"},
    {20, "Safety", "operations", "ResponsibleEngineeringModel",
     "privacy and fairness mechanisms add compute and data"},
    {21, "Sensitivity", "analysis", "SensitivitySolver",
     "perturbing each resource in turn shows which one binds"},
    {22, "Synthesis", "analysis", "SynthesisSolver",
     "inverting the roofline gives the hardware a latency target needs"},
}};

constexpr std::array<std::string_view, 6> kDomains = {"node", "data", "algorithm", "fleet", "operations",
                                                      "analysis"};

}  // namespace

std::span<const Wall> walls() { return kWalls; }

const Wall* find_wall(int number) {
  return number >= 1 && number <= static_cast<int>(kWalls.size()) ? &kWalls[static_cast<std::size_t>(number - 1)]
                                                                  : nullptr;
}

std::span<const std::string_view> wall_domains() { return kDomains; }

}  // namespace mlsysim
