#include "lowering.hpp"

#include <cstdint>

namespace mlsysim::roofline {

namespace {
// Precision names are at most four characters: compare them (and their
// length) as one word, since this runs on every solve.
constexpr std::uint64_t word(std::string_view s) {
  std::uint64_t w = std::uint64_t(s.size()) << 32;
  for (std::size_t i = 0; i < s.size() && i < 4; ++i) w |= std::uint64_t(std::uint8_t(s[i])) << (8 * i);
  return w;
}
}  // namespace

std::optional<double> bytes_per_element(std::string_view p) {
  if (p.size() > 4) return std::nullopt;
  switch (word(p)) {
    case word("fp32"): case word("tf32"): return 4.0;
    case word("bf16"): case word("fp16"): return 2.0;
    case word("fp8"): case word("int8"): return 1.0;
    case word("int4"): return 0.5;
    default: return std::nullopt;
  }
}

double training_bytes_per_element(std::string_view p) {
  if (p == "fp32") return 4.0;
  if (p == "int8") return 1.0;
  if (p == "int4") return 0.5;
  return 2.0;  // fp16, and (quirk) bf16, tf32, fp8 and anything else
}

Lowered lower(const ModelSpec& m, double bpp) {
  Lowered out;
  const bool by_size = !m.parameters.has_value();  // DLRM: only model_size
  const double n = m.parameters.value_or(0.0);
  out.weights = by_size ? m.model_size.value_or(Bytes{}) : (n * bpp) * unit::bytes;

  const double stored = m.inference_flops ? m.inference_flops->value() : 0.0;
  double ops = stored != 0.0 ? stored : (by_size ? 0.0 : 2.0 * n);
  if (m.family == ModelFamily::kDiffusion) ops *= static_cast<double>(m.denoising_steps.value_or(1));
  out.forward_ops = ops * unit::flops;

  // Only these classes have a `layers` field in MLSys·im; null or 0 means 1.
  const bool has_layers = m.family == ModelFamily::kTransformer || m.family == ModelFamily::kCnn ||
                          m.family == ModelFamily::kSsm;
  out.layers = has_layers && m.layers.value_or(0) != 0 ? *m.layers : 1;
  return out;
}

Bytes transformer_training_memory(const ModelSpec& m, std::string_view precision,
                                  const TrainingOptions& o) {
  const double bpp = training_bytes_per_element(precision);
  const double n = m.parameters.value_or(0.0);
  const double hidden = static_cast<double>(m.hidden_dim.value_or(4096));
  const double layers = static_cast<double>(m.layers.value_or(0));
  double weight = n * bpp;
  double grad = n * bpp;
  double opt = n * 12.0;  // Adam: fp32 master copy + two moments
  if (o.is_lora) {
    double frac = std::min(2.0 * 16.0 * hidden * (4.0 * layers) / n, 1.0);
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
  // MLSys·im sums in bytes and reports GB (x 1e-9); we keep the exact bytes.
  return (((weight + grad) + opt) + act) * unit::bytes;
}

}  // namespace mlsysim::roofline
