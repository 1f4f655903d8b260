// network_roofline:reference — what MLSys·im 0.1.0's NetworkRooflineModel
// computes (physics-more.md §1.2) before it fails: 0.1.0 builds its result
// without ten required fields, so every call there ends in a validation
// error. This variant returns the values computed up to that point.
#include <algorithm>

#include <fmt/format.h>

#include "mlsysim/contracts/network_roofline.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/workload/collectives.hpp"
#include "mlsysim/sdk/workload/precision.hpp"

namespace mlsysim::network_roofline {
namespace {

constexpr double kTrainingFlopsPerParameter = 6;  // forward + backward
constexpr double kSyncCopies = 2;                 // all-reduce: reduce-scatter + all-gather

const char* kDoc =
    "The values MLSys·im 0.1.0's NetworkRooflineModel computes. NOTE: 0.1.0 itself never answers "
    "here: it builds a roofline profile without ten required fields, so every call raises a "
    "validation error; there are no reference outputs, and this variant is checked against the "
    "formulas (and 0.1.0's own intermediate values: Llama3_8B on Research_256, fp16, efficiency 0.5 "
    "gives 1.5 flop/B, Network-Bound, 5139.2 ms). The fleet's peak is the precision's rate if the "
    "accelerator lists it, else its default peak (no warning); ridge_point is in flop/B (0.1.0 "
    "mixed TFLOP/s and GB/s); with the zoo's fabrics every model is network-bound. Refused where "
    "0.1.0 fails earlier: a model without a parameter count (DLRM), a fabric without bandwidth or "
    "with oversubscription_ratio 0.";

Status solve(sdk::Call<contracts::NetworkRoofline>& call) {
  const auto& c = call.contract();
  const ModelSpec& model = *call[c.in.model];
  const FleetSpec& fleet = call[c.in.fleet];
  if (!model.parameters || *model.parameters == 0)
    return Error::bad_input("model", fmt::format("model: '{}' has no parameter count", model.id));
  if (fleet.fabric->bandwidth.value() == 0 || fleet.fabric->oversubscription_ratio == 0)
    return Error::bad_input("fleet", "fleet: the fabric has no effective bandwidth (0.1.0 divides by it)");
  const HardwareSpec& gpu = *fleet.node->accelerator;
  const std::string& precision = call[c.in.precision];
  const FlopRate* listed = gpu.find_precision_flops(precision);
  const FlopRate fleet_peak = (listed ? *listed : gpu.peak_flops) * static_cast<double>(fleet.total_accelerators());
  const ByteRate fabric = workload::fabric_link(*fleet.fabric).bandwidth;

  const Bytes sync = kSyncCopies * *model.parameters * workload::bytes_per_element(precision) * unit::bytes;
  const Flops work = kTrainingFlopsPerParameter * *model.parameters * unit::flops;
  const Intensity intensity = work / sync;
  const Intensity ridge = fleet_peak / fabric;
  const FlopRate achievable = std::min(fleet_peak, FlopRate(fabric * intensity)) * call[c.in.efficiency];
  const bool network_bound = intensity < ridge;
  call.set(c.out.latency, achievable.value() == 0 ? Seconds{} : Seconds(work / achievable))
      .set(c.out.throughput, achievable / work)
      .set(c.out.arithmetic_intensity, intensity)
      .set(c.out.ridge_point, ridge)
      .set(c.out.bottleneck, network_bound ? "Network-Bound" : "Compute-Bound");
  return {};
}

}  // namespace
}  // namespace mlsysim::network_roofline

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::NetworkRoofline, "reference", "0.1.0", mlsysim::network_roofline::kDoc,
                       mlsysim::network_roofline::solve)
