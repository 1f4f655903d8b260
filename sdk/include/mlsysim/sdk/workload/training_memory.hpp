// Training footprint of a transformer (reference/physics.md §2.3): weights, gradients,
// Adam states and activations, with ZeRO sharding and LoRA.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/units.hpp"
#include "mlsysim/sdk/workload/precision.hpp"

namespace mlsysim::workload {

struct TrainingOptions {
  std::int64_t seq_len = 2048;
  std::int64_t zero_stage = 0;  // ZeRO stage 0-3
  std::int64_t dp_size = 1;     // ZeRO shard count
  bool is_lora = false;
  bool activation_recomputation = false;
  std::int64_t batch_size = 1;
};

// In bytes (MLSys·im sums the same terms in bytes and reports GB).
inline Bytes transformer_training_memory(const ModelSpec& m, std::string_view precision,
                                         const TrainingOptions& o) {
  const double bpp = training_bytes_per_element(precision);
  const double n = m.parameters.value_or(0.0);
  const double hidden = static_cast<double>(m.hidden_dim.value_or(4096));
  const double layers = static_cast<double>(m.layers.value_or(0));
  double weight = n * bpp;
  double grad = n * bpp;
  double opt = n * 12.0;  // Adam: fp32 master copy + two moments
  if (o.is_lora) {
    const double frac = std::min(2.0 * 16.0 * hidden * (4.0 * layers) / n, 1.0);
    grad *= frac;
    opt *= frac;
  }
  const double dp = static_cast<double>(o.dp_size);
  if (o.zero_stage >= 1) opt /= dp;
  if (o.zero_stage >= 2) grad /= dp;
  if (o.zero_stage >= 3) weight /= dp;
  const double coefficient = o.activation_recomputation ? 10.0 : 34.0;
  const double act = layers * ((((coefficient * static_cast<double>(o.seq_len)) *
                                 static_cast<double>(o.batch_size)) * hidden) * bpp);
  return (((weight + grad) + opt) + act) * unit::bytes;
}

}  // namespace mlsysim::workload
