// KV-cache bytes of a transformer (reference/physics.md §1.6).
#pragma once

#include <cstdint>

#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::workload {

// 2 x layers x kv_heads x head_dim x seq_len x batch x bytes per element,
// with head_dim = (hidden_dim or 4096) // (heads or 32) (integer division)
// and kv_heads falling back to heads, then 32 (so a zoo entry without
// kv_heads counts as full multi-head attention). Integers are exact, as in
// 0.1.0, until the final multiplication by the element size.
inline Bytes kv_cache_bytes(const ModelSpec& m, std::int64_t seq_len, std::int64_t batch,
                            double bytes_per_element) {
  // Python's `x or default`: null and 0 both take the default.
  const std::int64_t heads = m.heads.value_or(0) != 0 ? *m.heads : 32;
  const std::int64_t hidden = m.hidden_dim.value_or(0) != 0 ? *m.hidden_dim : 4096;
  const std::int64_t head_dim = hidden / heads;
  const std::int64_t kv_heads = m.kv_heads.value_or(0) != 0 ? *m.kv_heads : heads;
  const std::int64_t layers = m.layers.value_or(0);
  const std::int64_t factors[] = {layers, kv_heads, head_dim, seq_len, batch};
  std::int64_t elements = 2;
  double approximate = 2.0;
  bool exact = true;
  for (std::int64_t f : factors) {
    exact = exact && !__builtin_mul_overflow(elements, f, &elements);
    approximate *= static_cast<double>(f);
  }
  const double count = exact ? static_cast<double>(elements) : approximate;
  return (count * bytes_per_element) * unit::bytes;
}

}  // namespace mlsysim::workload
