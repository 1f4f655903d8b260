// synthesis:reference — MLSys·im 0.1.0's SynthesisSolver (physics.md §6): the
// inverse roofline. The bandwidth, FLOP/s and memory a device would need to
// run one sample of a model within a latency target.
#include <string>

#include "mlsysim/contracts/synthesis.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/workload/lowering.hpp"
#include "mlsysim/sdk/workload/precision.hpp"

namespace mlsysim::synthesis {
namespace {

const char* kDoc =
    "MLSys·im 0.1.0 SynthesisSolver, reproduced exactly. Quirks kept for parity: the required "
    "bandwidth and FLOP/s each assume the whole target for that resource alone; no dispatch or "
    "layer overheads; forward FLOPs of one sample; efficiency derates FLOP/s only; models given "
    "only by size (DLRM) need 0 FLOP/s and ignore the precision. target_latency is echoed in "
    "base units (0.1.0 echoes the unit it was given in). Stricter than 0.1.0: a target or "
    "efficiency <= 0 (a ZeroDivisionError or negative hardware in 0.1.0) is refused.";

Status solve(sdk::Call<contracts::Synthesis>& call) {
  const auto& c = call.contract();
  const ModelRef& model = call[c.in.model];
  const Seconds target = call[c.in.target_latency];
  const std::string& precision = call[c.in.precision];
  const double efficiency = call[c.in.efficiency];

  const Bytes weights = workload::weight_bytes(*model, workload::bytes_per_element(precision));
  const Flops ops = workload::forward_ops(*model);
  const ByteRate bandwidth = weights / target;
  const FlopRate flops = ops / (target * efficiency);

  call.set(c.out.required_bw, bandwidth)
      .set(c.out.required_flops, flops)
      .set(c.out.required_memory, weights)
      .set(c.out.compute_memory_ratio, Intensity(flops / bandwidth))
      .set(c.out.target_latency, target)
      .set(c.out.model_size, weights)
      .set(c.out.total_ops, ops);
  return {};
}

}  // namespace
}  // namespace mlsysim::synthesis

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Synthesis, "reference", "0.1.0", mlsysim::synthesis::kDoc,
                       mlsysim::synthesis::solve)
