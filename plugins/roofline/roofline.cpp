// roofline:reference — MLSys·im 0.1.0's Engine.solve (physics.md §2), one
// model on one device for one step, inference or training. Quirks of 0.1.0
// are reproduced on purpose (physics.md §8) and listed in the variant's doc.
#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/plugin.hpp"
#include "mlsysim/sdk/workload/lowering.hpp"
#include "mlsysim/sdk/workload/memory_wall.hpp"
#include "mlsysim/sdk/workload/precision.hpp"
#include "mlsysim/sdk/workload/training_memory.hpp"

namespace mlsysim::roofline {
namespace {

using std::int64_t;

constexpr double kMs = 1e-3;                        // seconds per millisecond
constexpr double kLayerTax = 0.01 * kMs;            // per layer per step
constexpr double kActivationTrafficFraction = 0.1;  // activations = 10% of weights per sample

// Equality with a literal as a fixed-size compare, which the compiler
// inlines (string_view's == calls an out-of-line three-way compare).
template <std::size_t N>
bool equals(std::string_view s, const char (&literal)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), literal, N - 1) == 0;
}

std::string keys_of(const HardwareSpec& hw) {
  std::string out = "[";
  for (const auto& [key, rate] : hw.precision_flops)
    out += (out.size() > 1 ? ", '" : "'") + key + "'";
  return out + "]";
}

const char* kDoc =
    "MLSys·im 0.1.0 Engine.solve, reproduced exactly. Quirks kept for parity: memory traffic is "
    "W(1 + 0.1 B) for every model, training too; when the footprint exceeds capacity the whole "
    "traffic runs at min(memory bandwidth, interconnect or 64 GB/s); mfu uses the un-derated "
    "peak; a precision missing from precision_flops falls back to the default (FP16) peak with "
    "a warning; fp4 and any unknown precision string count 2 bytes per element; transformer "
    "training memory maps bf16/fp8/tf32 to 2 bytes. Stricter than 0.1.0 (the contract's "
    "constraints): batch_size < 1, dp_size < 1, zero_stage outside 0-3 and seq_len < 1 are "
    "refused.";

class Reference final : public sdk::Implementation<contracts::Roofline> {
 public:
  Reference() : Implementation(contracts::roofline(), {"reference", "0.1.0", kDoc}) {}

  Status solve(const Record& inputs, Record& outputs, Context& ctx) const override {
    const auto& c = contract();
    InputReader in(inputs);
    const ModelRef& model = in.get(c.in.model);
    const HardwareRef& hw = in.get(c.in.hardware);
    const int64_t batch = in.get(c.in.batch_size);
    // A view: the comparisons with literals below then compile to word compares.
    const std::string_view precision = in.get(c.in.precision);
    const double efficiency = in.get(c.in.efficiency);
    const bool raise_errors = in.get(c.in.raise_errors);
    const bool training = in.get(c.in.is_training);
    workload::TrainingOptions train;
    train.seq_len = in.get(c.in.seq_len);
    train.zero_stage = in.get(c.in.zero_stage);
    train.dp_size = in.get(c.in.dp_size);
    train.is_lora = in.get(c.in.is_lora);
    train.activation_recomputation = in.get(c.in.activation_recomputation);
    train.batch_size = batch;
    if (!in.ok()) return in.error();

    // 1. Element size and peak (§1.4, §1.5).
    const double bpp = workload::bytes_per_element(precision);
    FlopRate peak = hw->peak_flops;
    if (const FlopRate* p = hw->find_precision_flops(precision)) {
      peak = *p;
    } else if (!equals(precision, "fp16") && !equals(precision, "bf16") &&
               !hw->precision_flops.empty()) {
      ctx.warn(fmt::format("Precision '{}' not in {} precision_flops (available: {}); using "
                           "default peak_flops (FP16). Results may be inaccurate.",
                           precision, hw->name, keys_of(*hw)));
    }

    // 2-3. Lowering, ops and footprint.
    const workload::Lowered low = workload::lower(*model, bpp);
    const Bytes w = low.weights;
    const double op_factor = training ? (train.activation_recomputation ? 4.0 : 3.0) : 1.0;
    const Flops base_ops = low.forward_ops * op_factor;
    const Bytes footprint = workload::step_footprint(*model, precision, w, training, train);

    // 4-5. Memory wall.
    const bool feasible = footprint <= hw->memory_capacity;
    if (raise_errors && !feasible) return workload::out_of_memory(*model, *hw, footprint);

    // 6. Effective compute and the bandwidth the traffic is served at (the
    // SRAM test compares W, not the footprint: a quirk).
    const FlopRate compute = peak * efficiency;
    const ByteRate bandwidth = workload::served_bandwidth(*hw, feasible, w);

    // 7. Times.
    const double b = static_cast<double>(batch);
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
        static_cast<double>(low.layers) * kLayerTax * (training ? 3.0 : 1.0) * unit::seconds;
    const Seconds overhead = hw->dispatch_tax + layer_tax;
    const Seconds latency = std::max(t_compute, t_memory) + hw->dispatch_tax + layer_tax;
    const double seconds = latency.value();
    const double throughput = seconds > 0 ? b / seconds : 0.0;
    double mfu = 0.0;
    if (seconds > 0 && peak.value() > 0)
      mfu = std::clamp(batch_ops.value() / seconds / peak.value(), 0.0, 1.0);
    const double hfu = std::min(mfu * 1.1, 1.0);
    const Joules energy = hw->tdp ? Joules(*hw->tdp * (0.3 + 0.7 * mfu) * latency) : Joules{};

    OutputWriter out(outputs, info());
    out.set(c.out.latency, latency)
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
        .set(c.out.hfu, hfu)
        .set(c.out.feasible, feasible);
    if (!feasible) {
      out.set(c.out.offload_spill_bytes, footprint - hw->memory_capacity).set(c.out.offload_effective_bw, bandwidth);
    } else {
      out.set_null(c.out.offload_spill_bytes).set_null(c.out.offload_effective_bw);
    }
    return {};
  }
};

}  // namespace
}  // namespace mlsysim::roofline

MLSYSIM_PLUGIN("roofline", "0.1.0", mlsysim::sdk::registers<mlsysim::roofline::Reference>)
