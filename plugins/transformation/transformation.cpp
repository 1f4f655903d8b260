// The transformation solver: MLSys·im 0.1.0's TransformationModel (physics.md
// §4). Does CPU preprocessing of a batch keep up with the accelerator step?
#include <cstdint>
#include <limits>
#include <memory>

#include <fmt/format.h>

#include "mlsysim/sdk/plugin.hpp"

namespace mlsysim::transformation {
namespace {

const Input<std::int64_t> kBatchSize{"batch_size", "samples per step (not validated, as in 0.1.0)"};
const Input<Bytes> kSampleSize{"sample_size_bytes", "bytes per sample"};
const Input<ByteRate> kCpuThroughput{"cpu_throughput", "CPU preprocessing rate (non-zero)"};
const Input<Seconds> kStepTime{"accelerator_step_time", "accelerator time per step"};

const Output<Seconds> kTransformTime{"transform_time", "batch_size x sample_size_bytes / cpu_throughput"};
const Output<Seconds> kAccelStepTime{"accelerator_step_time", "the accelerator step time (echoed)"};
const Output<bool> kIsBottleneck{"is_bottleneck", "transform_time > accelerator_step_time"};
const Output<double> kUtilization{"accelerator_utilization",
                                  "step / max(transform, step); 0.0 when that max is <= 0"};
const Output<double> kSlowdown{"slowdown_factor", "max(transform, step) / step; inf when step <= 0"};

constexpr double kSecondsToMs = 1000.0;  // pint's s -> ms factor
constexpr double kMs = 1e-3;             // the unit parser's ms -> s factor

const char* kDoc =
    "MLSys·im 0.1.0 TransformationModel, reproduced exactly. Quirks kept for parity: batch_size "
    "is not validated (0 and negative batches give 0 or negative transform times); a step time "
    "<= 0 gives slowdown_factor inf (a 0 ms step with a positive transform time is a bottleneck "
    "with utilization 0.0), "
    "and when max(transform, step) <= 0 the utilization is 0.0; a step time equal to the "
    "transform time is not a bottleneck. "
    "Comparisons and ratios are taken in milliseconds, as 0.1.0 does. cpu_throughput 0, a "
    "ZeroDivisionError in 0.1.0, is refused as bad_input.";

class TransformationSolver final : public Solver {
 public:
  TransformationSolver() {
    info_.name = "transformation";
    info_.version = "0.1.0";
    info_.summary =
        "CPU preprocessing vs accelerator step: is the input pipeline the bottleneck (MLSys·im TransformationModel)";
    info_.doc = kDoc;
    info_.inputs = {kBatchSize.info(), kSampleSize.info(), kCpuThroughput.info(), kStepTime.info()};
    info_.outputs = {kTransformTime.info(), kAccelStepTime.info(), kIsBottleneck.info(),
                     kUtilization.info(), kSlowdown.info()};
  }
  const SolverInfo& info() const override { return info_; }

  Status solve(const Record& inputs, Record& outputs, Context&) const override {
    InputReader in(inputs);
    const std::int64_t batch = in.get(kBatchSize);
    const Bytes sample = in.get(kSampleSize);
    const ByteRate cpu = in.get(kCpuThroughput);
    const Seconds step = in.get(kStepTime);
    if (!in.ok()) return in.error();
    if (cpu.value() == 0.0)
      return Error::bad_input("cpu_throughput",
                              fmt::format("cpu_throughput must be non-zero (the transform time "
                                          "divides by it), got {} B/s", cpu.value()));

    // In 0.1.0's order: (batch x bytes) / rate in s, then both times in ms.
    const double transform_s = static_cast<double>(batch) * sample.value() / cpu.value();
    const double transform = transform_s * kSecondsToMs;
    const double accel = step.value() / kMs;  // recovers the ms value a "... ms" input was given in
    const double total = accel > transform ? accel : transform;  // Python max(transform, accel)

    OutputWriter(outputs, 5)
        .set(kTransformTime, transform_s * unit::seconds)
        .set(kAccelStepTime, step)
        .set(kIsBottleneck, transform > accel)
        .set(kUtilization, total > 0.0 ? accel / total : 0.0)
        .set(kSlowdown, accel > 0.0 ? total / accel : std::numeric_limits<double>::infinity());
    return {};
  }

 private:
  SolverInfo info_;
};

Status register_transformation(PluginRegistrar& registrar) {
  registrar.add_solver(std::make_unique<TransformationSolver>());
  return {};
}

}  // namespace
}  // namespace mlsysim::transformation

MLSYSIM_PLUGIN("transformation", "0.1.0", mlsysim::transformation::register_transformation)
