// Numeric precisions: the names mlsysim accepts and the bytes one element
// takes in each (MLSys·im 0.1.0's PRECISION_MAP, reference/physics.md §1.4). Shared by
// every solver and contract, so the list exists once.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mlsysim::workload {

// Every precision a contract accepts. fp4 is known to MLSys·im but has no
// PRECISION_MAP entry, so it counts 2 bytes (a 0.1.0 quirk kept for parity).
inline constexpr std::array<std::string_view, 8> kPrecisions = {
    "fp32", "tf32", "bf16", "fp16", "fp8", "fp4", "int8", "int4"};

namespace detail {
// Precision names are at most four characters: compare them (and their
// length) as one word, since this runs on every solve.
constexpr std::uint64_t word(std::string_view s) {
  std::uint64_t w = std::uint64_t(s.size()) << 32;
  for (std::size_t i = 0; i < s.size() && i < 4; ++i) w |= std::uint64_t(std::uint8_t(s[i])) << (8 * i);
  return w;
}
}  // namespace detail

// PRECISION_MAP: fp32/tf32 4, bf16/fp16 2, fp8/int8 1, int4 0.5, and 2 (the
// silent fallback of 0.1.0) for anything else, fp4 included.
inline double bytes_per_element(std::string_view p) {
  using detail::word;
  if (p.size() > 4) return 2.0;
  switch (word(p)) {
    case word("fp32"): case word("tf32"): return 4.0;
    case word("bf16"): case word("fp16"): return 2.0;
    case word("fp8"): case word("int8"): return 1.0;
    case word("int4"): return 0.5;
    default: return 2.0;
  }
}

// The separate, smaller map of the training-memory formula (§1.4): fp32 4,
// fp16 2, int8 1, int4 0.5, anything else (bf16, tf32, fp8: a quirk) 2.
inline double training_bytes_per_element(std::string_view p) {
  if (p == "fp32") return 4.0;
  if (p == "int8") return 1.0;
  if (p == "int4") return 0.5;
  return 2.0;
}

}  // namespace mlsysim::workload
