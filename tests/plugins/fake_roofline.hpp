// A stand-in implementation of the roofline contract for tests: latency is
// batch_size seconds, every other output a fixed, well-typed value. The
// `Flaw` parameter breaks exactly one promise, for the conformance check.
#pragma once

#include <stdexcept>

#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/plugin.hpp"

namespace fake {

enum class Flaw { kNone, kMissingOutput, kUndeclaredOutput, kWrongKind, kWrongUnit, kThrows, kNull };

template <Flaw F>
class Roofline : public mlsysim::sdk::Implementation<mlsysim::contracts::Roofline> {
 public:
  explicit Roofline(const char* variant)
      : Implementation({variant, "1.0", "a test stand-in"}) {}

  mlsysim::Status solve(const mlsysim::Record& inputs, mlsysim::Record& outputs,
                        mlsysim::Context&) const override {
    using namespace mlsysim;
    const auto& c = contract();
    InputReader in(inputs);
    const double batch = static_cast<double>(in.get(c.in.batch_size));
    if (!in.ok()) return in.error();
    if constexpr (F == Flaw::kThrows) throw std::runtime_error("deliberate failure");
    OutputWriter out(outputs, info());
    if constexpr (F == Flaw::kWrongKind) out.set(Output<double>(scratch(), "latency", ""), batch);
    else if constexpr (F == Flaw::kWrongUnit) out.set(Output<Bytes>(scratch(), "latency", ""), batch * unit::bytes);
    else if constexpr (F == Flaw::kNull) out.set_null(c.out.latency);
    else out.set(c.out.latency, batch * unit::seconds);
    out.set(c.out.latency_compute, 0.0 * unit::seconds)
        .set(c.out.latency_memory, batch * unit::seconds)
        .set(c.out.latency_overhead, 0.0 * unit::seconds)
        .set(c.out.throughput, 1.0 * unit::per_second)
        .set(c.out.bottleneck, "Memory")
        .set(c.out.arithmetic_intensity, 0.0 * unit::flop_per_byte);
    if constexpr (F != Flaw::kMissingOutput) out.set(c.out.energy, 1.0 * unit::joules);
    out.set(c.out.memory_footprint, 1.0 * unit::bytes)
        .set(c.out.peak_flops_actual, 1.0 * unit::flop_per_second)
        .set(c.out.peak_bw_actual, 1.0 * unit::bytes_per_second)
        .set(c.out.mfu, 0.0)
        .set(c.out.hfu, 0.0)
        .set(c.out.feasible, true)
        .set_null(c.out.offload_spill_bytes)
        .set_null(c.out.offload_effective_bw);
    if constexpr (F == Flaw::kUndeclaredOutput) out.set(Output<double>(scratch(), "bonus", ""), 1.0);
    return {};
  }

 private:
  // Ports of the flaws, outside any real contract.
  static mlsysim::Contract& scratch() {
    static mlsysim::Contract c("scratch", "0", "ports a flawed plugin writes");
    return c;
  }
};

}  // namespace fake
