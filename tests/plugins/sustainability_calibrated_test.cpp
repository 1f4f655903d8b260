// sustainability:calibrated (issue 25): a chip's power rises from an idle
// share of TDP to the whole TDP at a saturation utilisation, and the host
// adds a share. Parameters set per request; expected values from that model.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

// Production_2K: 256 DGX H100 nodes, 2,048 H100s at 700 W TDP.
Json fleet_for_a_day(double mfu) {
  return {{"fleet", "Production_2K"}, {"duration_days", 1.0}, {"mfu", mfu}, {"idle_share", 0.25},
          {"saturation_mfu", 0.5}, {"host_overhead", 0.1}};
}

double it_energy_joules(double mfu) {
  const double load = std::min(1.0, mfu / 0.5);
  return 2048 * 700 * (0.25 + 0.75 * load) * 1.1 * 24 * 3600;
}

TEST(SustainabilityCalibrated, PowerRisesFromIdleToTdpAtTheSaturationUtilisation) {
  for (double mfu : {0.0, 0.2, 0.5, 0.9}) {
    const Json r = run_request("sustainability:calibrated", fleet_for_a_day(mfu));
    ASSERT_TRUE(r.contains("outputs")) << r.dump();
    EXPECT_NEAR(output_number(r, "it_energy_kwh"), it_energy_joules(mfu), 1e-9 * it_energy_joules(mfu)) << mfu;
    EXPECT_NEAR(output_number(r, "total_energy_kwh"), it_energy_joules(mfu) * output_number(r, "pue"),
                1e-9 * it_energy_joules(mfu) * 2) << mfu;
  }
}

TEST(SustainabilityCalibrated, SiteAndPueAreTheReferences) {
  const Json inputs = {{"fleet", "Production_2K"}, {"duration_days", 3.0}, {"mfu", 0.4}};
  const Json calibrated = run_request("sustainability:calibrated", inputs);
  const Json reference = run_request("sustainability:reference", inputs);
  EXPECT_EQ(calibrated["outputs"]["pue"], reference["outputs"]["pue"]);
  EXPECT_EQ(calibrated["outputs"]["region_name"], reference["outputs"]["region_name"]);
}

}  // namespace
}  // namespace mlsysim::testing
