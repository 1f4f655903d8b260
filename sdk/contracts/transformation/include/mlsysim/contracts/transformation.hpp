// The transformation contract: does CPU preprocessing keep the accelerator
// fed? (MLSys·im 0.1.0's TransformationModel, reference/physics.md §4.)
#pragma once

#include <cstdint>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Transformation final : public Contract {
 public:
  Transformation()
      : Contract("transformation", "1",
                 "CPU preprocessing: does transforming a batch keep up with the accelerator") {
                   describe(Tier::kModel, {9});
                 }

  struct Inputs {
    Contract& c;
    // Not constrained: 0.1.0 accepts 0 and negative batches (reference/physics.md quirk
    // 19) and parity keeps that; every other physical input must be >= 0.
    const Input<std::int64_t> batch_size{c, "batch_size", "samples per step"};
    const Input<Bytes> sample_size_bytes{c, "sample_size_bytes", "bytes per sample",
                                            at_least(0)};
    const Input<ByteRate> cpu_throughput{c, "cpu_throughput", "CPU preprocessing rate (non-zero)",
                                           at_least(0)};
    const Input<Seconds> accelerator_step_time{c, "accelerator_step_time",
                                               "time of one accelerator step", at_least(0)};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<Seconds> transform_time{c, "transform_time", "batch bytes / CPU rate"};
    const Output<Seconds> accelerator_step_time{c, "accelerator_step_time", "the input step time"};
    const Output<bool> is_bottleneck{c, "is_bottleneck", "transform_time > accelerator step"};
    const Output<double> accelerator_utilization{c, "accelerator_utilization",
                                                 "accelerator step / max(transform, step)"};
    const Output<double> slowdown_factor{c, "slowdown_factor", "max(transform, step) / step"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
