// checkpoint:reference — MLSys·im 0.1.0's CheckpointModel (physics-more.md §1.6).
#include <algorithm>
#include <cctype>
#include <string>

#include <fmt/format.h>

#include "mlsysim/contracts/checkpoint.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::checkpoint {
namespace {

constexpr double kAdamBytesPerParameter = 14;  // weights, gradients, two moments, master copy
constexpr double kOtherBytesPerParameter = 4;
constexpr ByteRate kStorageFallback = 1e9 * unit::bytes_per_second;
constexpr Seconds kBottleneck = 60 * unit::seconds;

const char* kDoc =
    "MLSys·im 0.1.0 CheckpointModel, reproduced exactly. Quirks kept for parity: the size ignores "
    "the precision; max_bandwidth_required is the device's storage bandwidth (1 GB/s when it has "
    "none), not the writers' aggregate; mfu_penalty_pct is a fraction, and 1.0 when the interval is "
    "not positive; a negative n_writers gives a negative write time. Refused where 0.1.0 dies of a "
    "Python accident: a model without a parameter count (DLRM) and a write bandwidth of 0 (n_writers "
    "0, or a file-system limit of 0).";

bool is_adam(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return name == "adam";
}

Status solve(sdk::Call<contracts::Checkpoint>& call) {
  const auto& c = call.contract();
  const ModelSpec& model = *call[c.in.model];
  const HardwareSpec& hw = *call[c.in.hardware];
  if (!model.parameters)
    return Error::bad_input("model", fmt::format("model: '{}' has no parameter count to size a checkpoint by",
                                                 model.id));
  const Bytes size = *model.parameters *
                     (is_adam(call[c.in.optimizer]) ? kAdamBytesPerParameter : kOtherBytesPerParameter) * unit::bytes;
  const ByteRate storage = hw.storage && hw.storage->bandwidth.value() != 0 ? hw.storage->bandwidth : kStorageFallback;
  const std::int64_t writers = call[c.in.n_writers];
  const ByteRate limit = call[c.in.filesystem_limit_gbs] * 1e9 * unit::bytes_per_second;
  const ByteRate write = std::min(storage * static_cast<double>(writers), limit);
  if (write.value() == 0)
    return Error::bad_input(writers == 0 ? "n_writers" : "filesystem_limit_gbs",
                            "the write bandwidth is 0 (n_writers 0 or a file-system limit of 0), so the write never "
                            "ends (0.1.0 divides by zero)");
  const Seconds time = size / write;
  const double interval_s = call[c.in.checkpoint_interval_hours] * 3600.0;
  call.set(c.out.checkpoint_size, size)
      .set(c.out.write_time_seconds, time)
      .set(c.out.max_bandwidth_required, storage)
      .set(c.out.storage_bottleneck, time > kBottleneck)
      .set(c.out.mfu_penalty_pct, interval_s > 0 ? time.value() / interval_s : 1.0);
  return {};
}

}  // namespace
}  // namespace mlsysim::checkpoint

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Checkpoint, "reference", "0.1.0", mlsysim::checkpoint::kDoc,
                       mlsysim::checkpoint::solve)
