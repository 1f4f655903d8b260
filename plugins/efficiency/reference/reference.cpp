// efficiency:reference — MLSys·im 0.1.0's EfficiencyModel (physics-more.md §4.2).
#include <algorithm>
#include <string>

#include "mlsysim/contracts/efficiency.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace mlsysim::efficiency {
namespace {

// 0.1.0's calibration at efficiency 0.5, and the caps it scales towards.
constexpr double kLow = 0.30, kHigh = 0.50, kFlash = 0.75, kFlashCap = 0.85, kFfnCap = 0.60, kConvCap = 0.55;
constexpr double kReferenceEfficiency = 0.5, kHfuOverMfu = 1.1;

const char* kDoc =
    "MLSys·im 0.1.0 EfficiencyModel, reproduced exactly: a calibrated MFU per kernel type (attention "
    "0.30, or 0.75 with FlashAttention up to 0.85; ffn 0.50 up to 0.60; conv 0.40 up to 0.55; anything "
    "else 0.30), scaled by efficiency / 0.5 and clamped to [0, 1]. Quirks kept for parity: the model is "
    "not read; efficiency 0 gives MFU 0 and efficiency above 1 passes (the clamp and caps bound the MFU); "
    "use_flash_attention only matters for attention.";

double calibrated_mfu(const std::string& type, bool flash, double scale) {
  double mfu = kLow * scale;
  if (type == "attention") mfu = flash ? std::min(kFlash * scale, kFlashCap) : kLow * scale;
  else if (type == "ffn") mfu = std::min(kHigh * scale, kFfnCap);
  else if (type == "conv") mfu = std::min((kLow + kHigh) / 2 * scale, kConvCap);
  return std::clamp(mfu, 0.0, 1.0);
}

Status solve(sdk::Call<contracts::Efficiency>& call) {
  const auto& c = call.contract();
  const HardwareSpec& hw = *call[c.in.hardware];
  const std::string& type = call[c.in.workload_type];
  const bool flash = call[c.in.use_flash_attention];
  const double efficiency = call[c.in.efficiency];
  const FlopRate* listed = hw.find_precision_flops(call[c.in.precision]);
  const FlopRate peak = listed ? *listed : hw.peak_flops;
  const double mfu = calibrated_mfu(type, flash, efficiency / kReferenceEfficiency);
  const double occupancy_loss = 1.0 - std::min(efficiency * kHfuOverMfu, 1.0);
  call.set(c.out.mfu, mfu)
      .set(c.out.achievable_flops, peak * mfu)
      .set(c.out.peak_flops, peak)
      .set(c.out.workload_type, type)
      .set(c.out.use_flash_attention, flash)
      .set(c.out.occupancy_loss, occupancy_loss)
      .set(c.out.memory_stall, std::max(0.0, (1.0 - mfu) - occupancy_loss));
  return {};
}

}  // namespace
}  // namespace mlsysim::efficiency

MLSYSIM_IMPLEMENTATION(mlsysim::contracts::Efficiency, "reference", "0.1.0", mlsysim::efficiency::kDoc,
                       mlsysim::efficiency::solve)
