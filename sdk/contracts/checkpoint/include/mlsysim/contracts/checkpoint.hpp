// The checkpoint contract: the size of a training checkpoint, the time to
// write it and the share of the step budget it costs (MLSys·im 0.1.0's
// CheckpointModel, reference/physics-more.md §1.6). The reference implementation is
// plugins/checkpoint/reference.
#pragma once

#include <cstdint>
#include <string>

#include "mlsysim/framework/contract.hpp"
#include "mlsysim/framework/units.hpp"

namespace mlsysim::contracts {

class Checkpoint final : public Contract {
 public:
  Checkpoint() : Contract("checkpoint", "1", "Checkpoint size, write time and its cost in MFU") {
    describe(Tier::kModel, {19});
  }

  struct Inputs {
    Contract& c;
    const Input<ModelRef> model{c, "model", "model being trained (zoo id or inline spec)"};
    const Input<HardwareRef> hardware{c, "hardware", "device whose storage writes the checkpoint"};
    const Input<std::string> optimizer{c, "optimizer", std::string("adam"),
                                       "adam (14 bytes per parameter), anything else 4"};
    const Input<double> checkpoint_interval_hours{c, "checkpoint_interval_hours", 4.0, "hours between checkpoints"};
    const Input<std::int64_t> n_writers{c, "n_writers", 1, "devices writing in parallel"};
    const Input<double> filesystem_limit_gbs{c, "filesystem_limit_gbs", 500.0, "file-system cap, in GB/s"};
  } const in{*this};

  struct Outputs {
    Contract& c;
    const Output<Bytes> checkpoint_size{c, "checkpoint_size", "parameters x bytes per parameter"};
    const Output<Seconds> write_time_seconds{c, "write_time_seconds", "size / write bandwidth"};
    const Output<ByteRate> max_bandwidth_required{c, "max_bandwidth_required",
                                                  "the device's storage bandwidth (as 0.1.0 reports it)"};
    const Output<bool> storage_bottleneck{c, "storage_bottleneck", "the write takes more than 60 s"};
    const Output<double> mfu_penalty_pct{c, "mfu_penalty_pct", "write time / interval (a fraction)"};
  } const out{*this};
};

}  // namespace mlsysim::contracts
