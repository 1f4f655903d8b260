// How MLSys·im 0.1.0 lowers a zoo model for the roofline (physics.md §1.4,
// §1.6, §2.3): bytes per element, weight bytes, forward FLOPs, the layer
// count used for the layer tax, and the transformer training footprint.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::roofline {

// PRECISION_MAP: fp32/tf32 4, bf16/fp16 2, fp8/int8 1, int4 0.5; nullopt if
// the precision is not one MLSys·im knows (it would silently use 2).
std::optional<double> bytes_per_element(std::string_view precision);

// The separate, smaller map of the training-memory formula (§1.4): fp32 4,
// fp16 2, int8 1, int4 0.5, anything else 2.
double training_bytes_per_element(std::string_view precision);

struct Lowered {
  Bytes weights;        // W
  Flops forward_ops;    // OPS, one sample
  std::int64_t layers;  // layers for the layer tax (1 if none)
};

Lowered lower(const ModelSpec& model, double bpp);

struct TrainingOptions {
  std::int64_t seq_len = 2048;
  std::int64_t zero_stage = 0;
  std::int64_t dp_size = 1;
  bool is_lora = false;
  bool activation_recomputation = false;
  std::int64_t batch_size = 1;
};

// Weights + gradients + Adam states + activations (§2.3), in bytes.
Bytes transformer_training_memory(const ModelSpec& model, std::string_view precision,
                                  const TrainingOptions& options);

}  // namespace mlsysim::roofline
