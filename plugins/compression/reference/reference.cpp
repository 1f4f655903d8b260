// compression:reference — MLSys·im 0.1.0's CompressionModel (physics-more.md §4.1).
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "mlsysim/contracts/compression.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/workload/lowering.hpp"

namespace mlsysim::compression {
namespace {

constexpr double kFp32Bytes = 4.0;  // every compression starts from FP32
constexpr double kNegligibleSeconds = 1e-18;  // 0.1.0's classifier: 1e-15 ms

const char* kDoc =
    "MLSys·im 0.1.0 CompressionModel, reproduced exactly. Quirks kept for parity: the baseline is "
    "always FP32 (DLRM: its stored size); 8 bits takes the FP8 accuracy figure (-0.002), 4-15 bits "
    "-0.025, fewer -0.05; a memory-bound model speeds up by the compression ratio (below 1 for more "
    "than 32 bits); a compute-bound one by the device's int<bits>/fp<bits> peak over its default peak, "
    "at most the ratio, or 1 without that key; pruning speeds up only when structured (the ratio) or "
    "2:4 at sparsity 0.5 +- 0.05 (2x); methods other than quantization and pruning change nothing; "
    "sparsity 1 counts as a ratio of 100. memory_savings_pct is negative for more than 32 bits.";

struct Outcome {
  double ratio = 1, accuracy_delta = 0, speedup = 1;
};

// 0.1.0's roofline classifier at FP32 on the default peak: memory-bound unless compute takes longer.
bool memory_bound(const ModelSpec& m, const HardwareSpec& hw, double fp32_bytes) {
  const double compute = workload::forward_ops(m).value() / hw.peak_flops.value();
  const double memory = fp32_bytes / hw.memory_bandwidth.value();
  if (compute < kNegligibleSeconds) return true;
  if (memory < kNegligibleSeconds) return false;
  return memory > compute;
}

Outcome quantize(std::int64_t bits, const HardwareSpec& hw, bool memory_bound) {
  Outcome o;
  o.ratio = 32.0 / static_cast<double>(bits);
  o.accuracy_delta = bits >= 16 ? 0.0 : bits == 8 ? -0.002 : bits >= 4 ? -0.025 : -0.05;
  if (memory_bound) {
    o.speedup = o.ratio;
  } else {
    const std::string key = fmt::format("{}{}", bits <= 8 ? "int" : "fp", bits);
    const FlopRate* listed = hw.find_precision_flops(key);
    o.speedup = listed ? std::min(listed->value() / hw.peak_flops.value(), o.ratio) : 1.0;
  }
  return o;
}

Outcome prune(double sparsity, const std::string& type) {
  Outcome o;
  o.ratio = sparsity < 1 ? 1.0 / (1.0 - sparsity) : 100.0;
  o.accuracy_delta = sparsity <= 0.5 ? -0.001 : -0.01 * std::exp(2 * sparsity);
  if (type == "structured") o.speedup = o.ratio;
  else if (type == "n_m") o.speedup = std::fabs(sparsity - 0.5) < 0.05 ? 2.0 : 1.0;
  return o;
}

Status solve(sdk::Call<contracts::Compression>& call) {
  const auto& c = call.contract();
  const ModelSpec& m = *call[c.in.model];
  const HardwareSpec& hw = *call[c.in.hardware];
  const double original = workload::weight_bytes(m, kFp32Bytes).value();
  const std::string& method = call[c.in.method];
  Outcome o;
  if (method == "quantization") o = quantize(call[c.in.target_bitwidth], hw, memory_bound(m, hw, original));
  else if (method == "pruning") o = prune(call[c.in.sparsity], call[c.in.sparsity_type]);
  call.set(c.out.original_size_gb, original * unit::bytes)
      .set(c.out.compressed_size_gb, original / o.ratio * unit::bytes)
      .set(c.out.compression_ratio, o.ratio)
      .set(c.out.estimated_accuracy_delta, o.accuracy_delta)
      .set(c.out.memory_savings_pct, (1 - 1 / o.ratio) * 100)
      .set(c.out.inference_speedup, o.speedup);
  return {};
}

}  // namespace
}  // namespace mlsysim::compression

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Compression, "reference", "0.1.0", mlsysim::compression::kDoc,
                       mlsysim::compression::solve)
