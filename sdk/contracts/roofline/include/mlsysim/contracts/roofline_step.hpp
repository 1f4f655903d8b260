// What every roofline variant shares: the step its inputs describe
// (read_step), the peak FLOP/s of a precision with MLSys·im 0.1.0's
// fallback warning when the device does not list it (peak_flops_for), and
// the memory-fit outputs that close every answer (set_memory_fit).
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/sdk/call.hpp"
#include "mlsysim/sdk/workload/training_memory.hpp"

namespace mlsysim::roofline {

using RooflineCall = sdk::Call<contracts::Roofline>;

// One step of one model on one device, as the inputs give it.
struct Step {
  const ModelSpec* model = nullptr;
  const HardwareSpec* hw = nullptr;
  std::int64_t batch = 1;
  std::string_view precision;  // a view into the inputs (or the port's default)
  double efficiency = 0.5;
  bool raise_errors = false;
  bool training = false;
  workload::TrainingOptions train;
};

MLSYSIM_INLINE Step read_step(RooflineCall& call) {
  const contracts::Roofline& c = call.contract();
  Step s;
  s.model = call[c.in.model].get();
  s.hw = call[c.in.hardware].get();
  s.batch = call[c.in.batch_size];
  s.precision = call[c.in.precision];
  s.efficiency = call[c.in.efficiency];
  s.raise_errors = call[c.in.raise_errors];
  s.training = call[c.in.is_training];
  s.train.seq_len = call[c.in.seq_len];
  s.train.zero_stage = call[c.in.zero_stage];
  s.train.dp_size = call[c.in.dp_size];
  s.train.is_lora = call[c.in.is_lora];
  s.train.activation_recomputation = call[c.in.activation_recomputation];
  s.train.batch_size = s.batch;
  return s;
}

namespace detail {
// Equality with a literal as a fixed-size compare, which the compiler
// inlines (string_view's == calls an out-of-line three-way compare).
template <std::size_t N>
bool equals(std::string_view s, const char (&literal)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), literal, N - 1) == 0;
}

MLSYSIM_COLD inline void warn_precision_fallback(RooflineCall& call, const HardwareSpec& hw,
                                                 std::string_view precision) {
  std::string keys = "[";
  for (const auto& [key, rate] : hw.precision_flops)
    keys += (keys.size() > 1 ? ", '" : "'") + key + "'";
  call.warn(fmt::format("Precision '{}' not in {} precision_flops (available: {}]); using "
                        "default peak_flops (FP16). Results may be inaccurate.",
                        precision, hw.name, keys));
}
}  // namespace detail

// The device's listed peak for `precision`, else its default (FP16) peak,
// warning as 0.1.0 does unless the precision is fp16 or bf16 or the device
// lists no precisions at all.
inline FlopRate peak_flops_for(RooflineCall& call, const HardwareSpec& hw, std::string_view precision) {
  if (const FlopRate* listed = hw.find_precision_flops(precision)) return *listed;
  if (!detail::equals(precision, "fp16") && !detail::equals(precision, "bf16") &&
      !hw.precision_flops.empty())
    detail::warn_precision_fallback(call, hw, precision);
  return hw.peak_flops;
}

// The intensity at which the step's compute and memory times are equal, at
// the rates it actually runs at (the derated peak, the served bandwidth):
// the one ridge-point definition the CLI's roofline plot draws too.
inline void set_ridge_point(RooflineCall& call, FlopRate compute, ByteRate bandwidth) {
  const double ridge = bandwidth.value() > 0 ? compute.value() / bandwidth.value()
                                              : std::numeric_limits<double>::infinity();
  call.set(call.contract().out.ridge_point, ridge * unit::flop_per_byte);
}

namespace detail {
MLSYSIM_COLD inline void note_offload(RooflineCall& call) {
  call.note("the model does not fit in device memory (feasible is false): MLSys·im 0.1.0's offload rule, kept "
            "for parity, serves the whole step's traffic at the offload bandwidth (memory bandwidth capped by the "
            "interconnect, or 64 GB/s without one), so latency and throughput follow that rule, not a real "
            "offload path");
}
}  // namespace detail

// The last three outputs: whether the footprint fits, and when it does not,
// how much spills and the bandwidth the offloaded traffic is served at (a
// row then carries a note: its figures are the offload rule's).
inline void set_memory_fit(RooflineCall& call, Bytes footprint, const HardwareSpec& hw, ByteRate bandwidth) {
  const contracts::Roofline& c = call.contract();
  const bool feasible = footprint <= hw.memory_capacity;
  call.set(c.out.feasible, feasible);
  if (feasible) {
    call.set_null(c.out.offload_spill_bytes).set_null(c.out.offload_effective_bw);
  } else {
    call.set(c.out.offload_spill_bytes, footprint - hw.memory_capacity).set(c.out.offload_effective_bw, bandwidth);
    detail::note_offload(call);
  }
}

}  // namespace mlsysim::roofline
