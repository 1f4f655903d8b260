// roofline:reference — MLSys·im 0.1.0's Engine.solve (physics.md §2), one
// model on one device for one step, inference or training. Quirks of 0.1.0
// are reproduced on purpose (physics.md §8) and listed in the variant's doc.
#include <algorithm>
#include <limits>

#include "mlsysim/contracts/roofline_step.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/workload/lowering.hpp"
#include "mlsysim/sdk/workload/memory_wall.hpp"
#include "mlsysim/sdk/workload/precision.hpp"
#include "mlsysim/sdk/workload/training_memory.hpp"

namespace mlsysim::roofline {
namespace {

constexpr double kMs = 1e-3;                        // seconds per millisecond
constexpr double kLayerTax = 0.01 * kMs;            // per layer per step
constexpr double kActivationTrafficFraction = 0.1;  // activations = 10% of weights per sample

const char* kDoc =
    "MLSys·im 0.1.0 Engine.solve, reproduced exactly. Quirks kept for parity: memory traffic is "
    "W(1 + 0.1 B) for every model, training too; when the footprint exceeds capacity the whole "
    "traffic runs at min(memory bandwidth, interconnect or 64 GB/s); mfu uses the un-derated "
    "peak; a precision missing from precision_flops falls back to the default (FP16) peak with "
    "a warning; fp4 and any unknown precision string count 2 bytes per element; transformer "
    "training memory maps bf16/fp8/tf32 to 2 bytes. Stricter than 0.1.0 (the contract's "
    "constraints): batch_size < 1, dp_size < 1, zero_stage outside 0-3 and seq_len < 1 are "
    "refused.";

Status solve(RooflineCall& call) {
  const auto& c = call.contract();
  const Step s = read_step(call);
  const ModelSpec& model = *s.model;
  const HardwareSpec& hw = *s.hw;

  // 1. Element size and peak (§1.4, §1.5).
  const double bpp = workload::bytes_per_element(s.precision);
  const FlopRate peak = peak_flops_for(call, hw, s.precision);

  // 2-3. Lowering, ops and footprint.
  const workload::Lowered low = workload::lower(model, bpp);
  const Bytes w = low.weights;
  const double op_factor = s.training ? (s.train.activation_recomputation ? 4.0 : 3.0) : 1.0;
  const Flops base_ops = low.forward_ops * op_factor;
  const Bytes footprint = workload::step_footprint(model, s.precision, w, s.training, s.train);

  // 4-5. Memory wall.
  const bool feasible = footprint <= hw.memory_capacity;
  if (s.raise_errors && !feasible) return workload::out_of_memory(model, hw, footprint);

  // 6. Effective compute and the bandwidth the traffic is served at (the
  // SRAM test compares W, not the footprint: a quirk).
  const FlopRate compute = peak * s.efficiency;
  const ByteRate bandwidth = workload::served_bandwidth(hw, feasible, w);

  // 7. Times.
  const double b = static_cast<double>(s.batch);
  const Flops batch_ops = base_ops * b;
  const Bytes traffic = w + (w * kActivationTrafficFraction) * b;
  const Seconds t_compute = batch_ops.value() == 0.0 ? Seconds{} : Seconds(batch_ops / compute);
  const Seconds t_memory = bandwidth.value() == 0.0 ? Seconds{} : Seconds(traffic / bandwidth);

  // 8. Classifier (thresholds are 1e-15 ms in MLSys·im).
  std::string_view bottleneck;  // a literal: written to the record without a temporary string
  double intensity = 0.0;
  if (t_compute.value() / kMs < 1e-15) {
    bottleneck = "Memory";
  } else if (t_memory.value() / kMs < 1e-15) {
    bottleneck = "Compute";
    intensity = std::numeric_limits<double>::infinity();
  } else {
    bottleneck = t_memory > t_compute ? "Memory" : "Compute";
    intensity = batch_ops.value() / traffic.value();
  }

  // 9-12. Overheads, throughput, utilisation, energy.
  const Seconds layer_tax =
      static_cast<double>(low.layers) * kLayerTax * (s.training ? 3.0 : 1.0) * unit::seconds;
  const Seconds overhead = hw.dispatch_tax + layer_tax;
  const Seconds latency = std::max(t_compute, t_memory) + hw.dispatch_tax + layer_tax;
  const double seconds = latency.value();
  const double throughput = seconds > 0 ? b / seconds : 0.0;
  double mfu = 0.0;
  if (seconds > 0 && peak.value() > 0)
    mfu = std::clamp(batch_ops.value() / seconds / peak.value(), 0.0, 1.0);
  const double hfu = std::min(mfu * 1.1, 1.0);
  const Joules energy = hw.tdp ? Joules(*hw.tdp * (0.3 + 0.7 * mfu) * latency) : Joules{};

  call.set(c.out.latency, latency)
      .set(c.out.latency_compute, t_compute)
      .set(c.out.latency_memory, t_memory)
      .set(c.out.latency_overhead, overhead)
      .set(c.out.throughput, throughput * unit::per_second)
      .set(c.out.bottleneck, bottleneck)
      .set(c.out.arithmetic_intensity, intensity * unit::flop_per_byte)
      .set(c.out.energy, energy)
      .set(c.out.memory_footprint, footprint)
      .set(c.out.peak_flops_actual, compute)
      .set(c.out.peak_bw_actual, bandwidth)
      .set(c.out.mfu, mfu)
      .set(c.out.hfu, hfu);
  set_ridge_point(call, compute, bandwidth);
  set_memory_fit(call, footprint, hw, bandwidth);
  return {};
}

}  // namespace
}  // namespace mlsysim::roofline

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Roofline, "reference", "0.1.0", mlsysim::roofline::kDoc,
                       mlsysim::roofline::solve)
