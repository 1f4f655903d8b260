#include "roofline.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include <fmt/format.h>

#include "lowering.hpp"

namespace mlsysim::roofline {
namespace {

using std::int64_t;

// ---- ports (names are MLSys·im's keyword arguments and result fields) ----
const Input<ModelRef> kModel{"model", "workload to run (zoo id or inline spec)"};
const Input<HardwareRef> kHardware{"hardware", "device to run it on (zoo id or inline spec)"};
const Input<int64_t> kBatchSize{"batch_size", 1, "samples per step (>= 1)"};
const Input<std::string> kPrecision{
    "precision", std::string("fp16"), "fp32, tf32, bf16, fp16, fp8, fp4, int8 or int4"};
const Input<double> kEfficiency{"efficiency", 0.5, "achieved fraction of peak FLOP/s, in [1e-9, 1]"};
const Input<bool> kRaiseErrors{"raise_errors", false,
                               "fail with an infeasible error if the model does not fit"};
const Input<bool> kIsTraining{"is_training", false, "a training step (3x forward ops)"};
const Input<int64_t> kSeqLen{"seq_len", 2048, "sequence length for transformer training memory"};
const Input<int64_t> kZeroStage{"zero_stage", 0, "ZeRO stage 0-3 (transformer training memory)"};
const Input<int64_t> kDpSize{"dp_size", 1, "ZeRO data-parallel shard count (>= 1)"};
const Input<bool> kIsLora{"is_lora", false, "LoRA fine-tuning (training memory)"};
const Input<bool> kRecompute{"activation_recomputation", false,
                             "recompute activations: 4x forward ops, activation coefficient 10"};

const Output<Seconds> kLatency{"latency", "step time: max(compute, memory) + overheads"};
const Output<Seconds> kLatencyCompute{"latency_compute", "batch FLOPs / (peak x efficiency)"};
const Output<Seconds> kLatencyMemory{"latency_memory", "memory traffic / effective bandwidth"};
const Output<Seconds> kLatencyOverhead{"latency_overhead", "dispatch tax + per-layer tax"};
const Output<Frequency> kThroughput{"throughput", "samples per second"};
const Output<std::string> kBottleneck{"bottleneck", "\"Memory\" or \"Compute\""};
const Output<Intensity> kIntensity{"arithmetic_intensity", "batch FLOPs per byte of traffic"};
const Output<Joules> kEnergy{"energy", "tdp x (0.3 + 0.7 mfu) x latency"};
const Output<Bytes> kFootprint{"memory_footprint", "weights (inference) or training footprint"};
const Output<FlopRate> kPeakActual{"peak_flops_actual", "peak FLOP/s x efficiency"};
const Output<ByteRate> kBwActual{"peak_bw_actual", "bandwidth the traffic is served at"};
const Output<double> kMfu{"mfu", "model FLOPs utilisation against the un-derated peak"};
const Output<double> kHfu{"hfu", "min(1.1 x mfu, 1)"};
const Output<bool> kFeasible{"feasible", "footprint fits in device memory"};
const Output<Bytes> kSpill{"offload_spill_bytes", "footprint beyond capacity (when infeasible)",
                           Output<Bytes>::kNullable};
const Output<ByteRate> kOffloadBw{"offload_effective_bw", "offload bandwidth (when infeasible)",
                                  Output<ByteRate>::kNullable};

constexpr double kMs = 1e-3;                       // seconds per millisecond
constexpr double kLayerTax = 0.01 * kMs;           // per layer per step
constexpr double kDefaultOffloadLink = 64e9;       // B/s, PCIe Gen5 when no interconnect
constexpr double kActivationTrafficFraction = 0.1; // activations = 10% of weights per sample

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
    "a warning; fp4 counts 2 bytes per element; transformer training memory maps bf16/fp8/tf32 "
    "to 2 bytes. Stricter than 0.1.0: unknown precisions, batch_size < 1, dp_size < 1, "
    "zero_stage outside 0-3 and seq_len < 1 are refused.";

}  // namespace

RooflineSolver::RooflineSolver() {
  info_.name = "roofline";
  info_.version = "0.1.0";
  info_.summary = "Single-node roofline: latency, throughput, bottleneck, memory fit (MLSys·im Engine.solve)";
  info_.doc = kDoc;
  info_.inputs = {kModel.info(),     kHardware.info(),    kBatchSize.info(), kPrecision.info(),
                  kEfficiency.info(), kRaiseErrors.info(), kIsTraining.info(), kSeqLen.info(),
                  kZeroStage.info(), kDpSize.info(),      kIsLora.info(),     kRecompute.info()};
  info_.outputs = {kLatency.info(),    kLatencyCompute.info(), kLatencyMemory.info(),
                   kLatencyOverhead.info(), kThroughput.info(), kBottleneck.info(),
                   kIntensity.info(),  kEnergy.info(),         kFootprint.info(),
                   kPeakActual.info(), kBwActual.info(),       kMfu.info(),
                   kHfu.info(),        kFeasible.info(),       kSpill.info(),
                   kOffloadBw.info()};
}

Status RooflineSolver::solve(const Record& inputs, Record& outputs, Context& ctx) const {
  InputReader in(inputs);
  const ModelRef& model = in.get(kModel);
  const HardwareRef& hw = in.get(kHardware);
  const int64_t batch = in.get(kBatchSize);
  // A view: the comparisons with literals below then compile to word compares.
  const std::string_view precision = in.get(kPrecision);
  const double efficiency = in.get(kEfficiency);
  const bool raise_errors = in.get(kRaiseErrors);
  const bool training = in.get(kIsTraining);
  TrainingOptions train;
  train.seq_len = in.get(kSeqLen);
  train.zero_stage = in.get(kZeroStage);
  train.dp_size = in.get(kDpSize);
  train.is_lora = in.get(kIsLora);
  train.activation_recomputation = in.get(kRecompute);
  train.batch_size = batch;
  if (!in.ok()) return in.error();

  // Validation, in MLSys·im's order (efficiency before batch size).
  if (!(efficiency >= 1e-9 && efficiency <= 1.0))
    return Error::bad_input("efficiency", fmt::format("efficiency must be in [1e-09, 1.0], got {}", efficiency));
  if (batch < 1)
    return Error::bad_input("batch_size", fmt::format("batch_size must be >= 1, got {}", batch));
  const std::optional<double> element_bytes = bytes_per_element(precision);
  if (!element_bytes && !equals(precision, "fp4"))  // fp4 is known but has no entry: 2 bytes (quirk)
    return Error::bad_input("precision",
                            fmt::format("unknown precision '{}' (expected one of fp32, tf32, "
                                        "bf16, fp16, fp8, fp4, int8, int4)", precision));
  if (train.seq_len < 1)
    return Error::bad_input("seq_len", fmt::format("seq_len must be >= 1, got {}", train.seq_len));
  if (train.zero_stage < 0 || train.zero_stage > 3)
    return Error::bad_input("zero_stage", fmt::format("zero_stage must be 0, 1, 2 or 3, got {}", train.zero_stage));
  if (train.dp_size < 1)
    return Error::bad_input("dp_size", fmt::format("dp_size must be >= 1, got {}", train.dp_size));

  // 1. Element size and peak (§1.4, §1.5).
  const double bpp = element_bytes.value_or(2.0);
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
  const Lowered low = lower(*model, bpp);
  const Bytes w = low.weights;
  const double op_factor = training ? (train.activation_recomputation ? 4.0 : 3.0) : 1.0;
  const Flops base_ops = low.forward_ops * op_factor;
  Bytes footprint = w;
  if (training) {
    footprint = model->family == ModelFamily::kTransformer
                    ? transformer_training_memory(*model, precision, train)
                    : w * (train.is_lora ? 1.1 : 3.0);
  }

  // 4-5. Memory wall.
  const Bytes capacity = hw->memory_capacity;
  const bool feasible = footprint <= capacity;
  if (raise_errors && !feasible)
    return Error::infeasible(
        "memory_footprint",
        fmt::format("Model '{}' requires {} GB but hardware '{}' has only {} GB.", model->name,
                    footprint.value() * 1e-9, hw->name, capacity.value() * 1e-9));

  // 6. Effective compute and the bandwidth the traffic is served at.
  const FlopRate compute = peak * efficiency;
  ByteRate bandwidth = hw->memory_bandwidth;
  std::optional<Bytes> spill;
  if (!feasible) {
    const ByteRate link = hw->interconnect ? hw->interconnect->bandwidth
                                           : kDefaultOffloadLink * unit::bytes_per_second;
    bandwidth = std::min(hw->memory_bandwidth, link);
    spill = footprint - capacity;
  } else if (hw->sram_capacity && hw->sram_bandwidth && w <= *hw->sram_capacity) {
    bandwidth = *hw->sram_bandwidth;  // quirk: tests W, not the footprint
  } else if (hw->flash_bandwidth) {
    bandwidth = *hw->flash_bandwidth;
  }

  // 7. Times.
  const double b = static_cast<double>(batch);
  const Flops batch_ops = base_ops * b;
  const Bytes traffic = w + (w * kActivationTrafficFraction) * b;
  const Seconds t_compute =
      batch_ops.value() == 0.0 ? Seconds{} : Seconds(batch_ops / compute);
  const Seconds t_memory =
      bandwidth.value() == 0.0 ? Seconds{} : Seconds(traffic / bandwidth);

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
  const Joules energy =
      hw->tdp ? Joules(*hw->tdp * (0.3 + 0.7 * mfu) * latency) : Joules{};

  OutputWriter out(outputs, info_.outputs.size());
  out.set(kLatency, latency)
      .set(kLatencyCompute, t_compute)
      .set(kLatencyMemory, t_memory)
      .set(kLatencyOverhead, overhead)
      .set(kThroughput, throughput * unit::per_second)
      .set(kBottleneck, bottleneck)
      .set(kIntensity, intensity * unit::flop_per_byte)
      .set(kEnergy, energy)
      .set(kFootprint, footprint)
      .set(kPeakActual, compute)
      .set(kBwActual, bandwidth)
      .set(kMfu, mfu)
      .set(kHfu, hfu)
      .set(kFeasible, feasible);
  if (spill) {
    out.set(kSpill, *spill).set(kOffloadBw, bandwidth);
  } else {
    out.set_null(kSpill).set_null(kOffloadBw);
  }
  return {};
}

}  // namespace mlsysim::roofline
