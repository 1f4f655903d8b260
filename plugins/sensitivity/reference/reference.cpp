// sensitivity:reference — MLSys·im 0.1.0's SensitivitySolver (physics.md §5):
// four roofline runs at batch 1, inference (the device as is, then +pct peak
// FLOP/s, +pct bandwidth, +pct capacity), each reached through a bound call,
// never by linking the roofline.
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/contracts/sensitivity.hpp"
#include "mlsysim/framework/bound_call.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::sensitivity {
namespace {

const char* kDoc =
    "MLSys·im 0.1.0 SensitivitySolver, reproduced exactly. Quirks kept for parity: every run is "
    "at batch 1, inference, whatever the workload; the bandwidth and capacity copies of the "
    "device drop its SRAM and flash fields (so on ESP32-S3/nRF52840 the bandwidth run compares "
    "another memory path); an infeasible baseline served over a link slower than memory is "
    "insensitive to all three, giving all zeros and binding \"peak_flops\" (the first key wins a "
    "tie); each run can raise the roofline's precision warning, so a case can carry four. "
    "Stricter than 0.1.0: perturbation_pct <= -100 (a zero or negative device) is refused, and so is "
    "a device whose latencies are not finite (no sensitivity exists; 0.1.0 would report NaN).";

// The resources in 0.1.0's tie-break order.
constexpr const char* kResources[] = {"peak_flops", "memory_bandwidth", "memory_capacity"};

void drop_sram_and_flash(HardwareSpec& hw) {
  hw.sram_capacity.reset();
  hw.sram_bandwidth.reset();
  hw.flash_capacity.reset();
  hw.flash_bandwidth.reset();
}

Status solve(sdk::Call<contracts::Sensitivity>& call) {
  const auto& c = call.contract();
  const HardwareRef& hw = call[c.in.hardware];
  const double pct = call[c.in.perturbation_pct];

  // Model and hardware pass through; batch 1, inference, as 0.1.0 runs it.
  Result<Bound<contracts::Roofline>> roofline = call.bind<contracts::Roofline>();
  if (!roofline.ok()) return roofline.error();
  const auto& r = roofline->contract();
  roofline->set(r.in.batch_size, std::int64_t{1})
      .set(r.in.precision, call[c.in.precision])
      .set(r.in.efficiency, call[c.in.efficiency]);
  const double factor = 1.0 + pct / 100.0;

  // Latency in ms, as 0.1.0 compares them.
  auto latency_ms = [&](std::string_view what) -> Result<double> {
    if (Status s = roofline->run(call.context(), what); !s.ok()) return s.error();
    return (*roofline)[r.out.latency].value() * 1e3;
  };
  Result<double> base = latency_ms("baseline");
  if (!base.ok()) return base.error();
  // A device so extreme that its step takes forever (or no time) has no
  // sensitivities: dividing by it would give NaN, reported as if measured.
  if (!std::isfinite(*base))
    return Error::bad_input("hardware", fmt::format("hardware '{}': the baseline latency is {} s, so no "
                                                    "sensitivity can be computed (rates too extreme for the "
                                                    "roofline)", hw->id, *base * 1e-3));

  HardwareSpec& faster = roofline->edit(r.in.hardware, *hw);
  faster.peak_flops *= factor;
  for (auto& [precision_name, rate] : faster.precision_flops) rate *= factor;
  Result<double> t_flops = latency_ms("peak_flops perturbed");
  if (!t_flops.ok()) return t_flops.error();

  HardwareSpec& wider = roofline->edit(r.in.hardware, *hw);
  wider.memory_bandwidth *= factor;
  drop_sram_and_flash(wider);
  Result<double> t_bw = latency_ms("memory_bandwidth perturbed");
  if (!t_bw.ok()) return t_bw.error();

  HardwareSpec& larger = roofline->edit(r.in.hardware, *hw);
  larger.memory_capacity *= factor;
  drop_sram_and_flash(larger);
  Result<double> t_cap = latency_ms("memory_capacity perturbed");
  if (!t_cap.ok()) return t_cap.error();

  const double t_base = *base;
  auto relative = [t_base](double t) { return t_base > 0 ? (t - t_base) / t_base : 0.0; };
  const double s[] = {relative(*t_flops), relative(*t_bw), relative(*t_cap)};
  for (std::size_t i = 0; i < 3; ++i)
    if (!std::isfinite(s[i]))
      return Error::bad_input("hardware", fmt::format("hardware '{}': the {} perturbed latency is not finite, so "
                                                      "its sensitivity cannot be computed", hw->id, kResources[i]));
  std::size_t binding = 0;
  for (std::size_t i = 1; i < 3; ++i)
    if (std::fabs(s[i]) > std::fabs(s[binding])) binding = i;  // strict: the first wins ties

  call.set(c.out.sensitivities,
           NumberTable{{kResources[0], s[0]}, {kResources[1], s[1]}, {kResources[2], s[2]}})
      .set(c.out.binding_constraint, kResources[binding])
      .set(c.out.baseline_latency, (t_base * 1e-3) * unit::seconds)
      .set(c.out.perturbation_pct, pct);
  return {};
}

}  // namespace
}  // namespace mlsysim::sensitivity

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Sensitivity, "reference", "0.1.0",
                       mlsysim::sensitivity::kDoc, mlsysim::sensitivity::solve)
