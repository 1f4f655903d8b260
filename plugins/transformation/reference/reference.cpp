// transformation:reference — MLSys·im 0.1.0's TransformationModel (physics.md
// §4). Does CPU preprocessing of a batch keep up with the accelerator step?
#include <cstdint>
#include <limits>
#include <memory>

#include <fmt/format.h>

#include "mlsysim/contracts/transformation.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::transformation {
namespace {

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
    "ZeroDivisionError in 0.1.0, is refused as bad_input; so are negative sample sizes, CPU rates "
    "and step times, which 0.1.0 accepted (no reference case uses them).";

Status solve(sdk::Call<contracts::Transformation>& call) {
  const auto& c = call.contract();
  const std::int64_t batch = call[c.in.batch_size];
  const Bytes sample = call[c.in.sample_size_bytes];
  const ByteRate cpu = call[c.in.cpu_throughput];
  const Seconds step = call[c.in.accelerator_step_time];
  if (cpu.value() == 0.0)
    return Error::bad_input("cpu_throughput",
                            fmt::format("cpu_throughput must be non-zero (the transform time "
                                        "divides by it), got {} B/s", cpu.value()));

  // In 0.1.0's order: (batch x bytes) / rate in s, then both times in ms.
  const double transform_s = static_cast<double>(batch) * sample.value() / cpu.value();
  const double transform = transform_s * kSecondsToMs;
  const double accel = step.value() / kMs;  // recovers the ms value a "... ms" input was given in
  const double total = accel > transform ? accel : transform;  // Python max(transform, accel)

  call.set(c.out.transform_time, transform_s * unit::seconds)
      .set(c.out.accelerator_step_time, step)
      .set(c.out.is_bottleneck, transform > accel)
      .set(c.out.accelerator_utilization, total > 0.0 ? accel / total : 0.0)
      .set(c.out.slowdown_factor, accel > 0.0 ? total / accel : std::numeric_limits<double>::infinity());
  return {};
}

}  // namespace
}  // namespace mlsysim::transformation

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Transformation, "reference", "0.1.0",
                       mlsysim::transformation::kDoc, mlsysim::transformation::solve)
