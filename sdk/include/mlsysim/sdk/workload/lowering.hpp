// How a zoo model is lowered for analysis (reference/physics.md §1.6): weight bytes,
// forward FLOPs of one sample and the layer count of the layer tax.
#pragma once

#include <cstdint>

#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::workload {

struct Lowered {
  Bytes weights;        // W
  Flops forward_ops;    // OPS, one sample (all denoising steps for diffusion)
  std::int64_t layers;  // layers for the layer tax (1 if none)
};

// Weight bytes: parameters x bytes per element, or the stored model_size
// for models given only by size (DLRM; precision is then ignored).
inline Bytes weight_bytes(const ModelSpec& m, double bytes_per_element) {
  if (!m.parameters) return m.model_size.value_or(Bytes{});
  return (*m.parameters * bytes_per_element) * unit::bytes;
}

// Forward FLOPs of one sample: inference_flops if set and non-zero, else
// 2 x parameters (0 for models given only by size), times the denoising
// steps for diffusion models.
inline Flops forward_ops(const ModelSpec& m) {
  const double stored = m.inference_flops ? m.inference_flops->value() : 0.0;
  double ops = stored != 0.0 ? stored : (m.parameters ? 2.0 * *m.parameters : 0.0);
  if (m.family == ModelFamily::kDiffusion) ops *= static_cast<double>(m.denoising_steps.value_or(1));
  return ops * unit::flops;
}

// Layers for the per-layer tax: only transformers, CNNs and SSMs have a
// `layers` field in MLSys·im; null or 0 means 1.
inline std::int64_t tax_layers(const ModelSpec& m) {
  const bool has_layers = m.family == ModelFamily::kTransformer || m.family == ModelFamily::kCnn ||
                          m.family == ModelFamily::kSsm;
  return has_layers && m.layers.value_or(0) != 0 ? *m.layers : 1;
}

inline Lowered lower(const ModelSpec& m, double bytes_per_element) {
  return {weight_bytes(m, bytes_per_element), forward_ops(m), tax_layers(m)};
}

}  // namespace mlsysim::workload
