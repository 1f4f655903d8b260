// The fleet-operations contracts beyond their reference cases: the answers
// 0.1.0 gives however odd (negative durations, empty fleets, negative
// carbon, pue_override 0, unknown regions skipped), the inputs refused where
// 0.1.0 dies of a Python accident, unknown ids with did-you-mean, and
// non-finite numbers (physics-more.md §2).
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

// Research_256: 32 DGX H100 nodes, 256 GPUs of 700 W TDP; at mfu 1 each draws the whole TDP.
constexpr double kResearchItWatts = 256 * 700.0;
constexpr double kSecondsPerDay = 86'400;

TEST(FleetOperations, ANegativeDurationGivesNegativeEnergyAsMlsysimDoes) {
  const Json r = run_request("sustainability", {{"fleet", "Research_256"}, {"duration_days", -1}});
  EXPECT_DOUBLE_EQ(output_number(r, "it_energy_kwh"), -kResearchItWatts * kSecondsPerDay) << r.dump();
  EXPECT_DOUBLE_EQ(output_number(r, "total_energy_kwh"), -kResearchItWatts * kSecondsPerDay * 1.12);
}

TEST(FleetOperations, AFleetOfNoNodesCostsNothing) {
  const Json r = run_request("economics", {{"fleet", {{"node", "DGX_H100"}, {"count", 0}, {"fabric", "Ethernet_10G"}}},
                                           {"duration_days", 30}});
  EXPECT_EQ(output_number(r, "tco_usd"), 0.0) << r.dump();
  EXPECT_EQ(output_number(r, "total_energy_kwh"), 0.0);
}

TEST(FleetOperations, ANegativeCarbonIntensityIsKept) {
  const Json sink = {{"name", "Sink"}, {"carbon_intensity_g_kwh", -100.0}, {"pue", 1.0}, {"wue", 0.0},
                     {"primary_source", "capture"}};
  const Json r = run_request("sustainability", {{"fleet", "Research_256"}, {"duration_days", 1},
                                                {"datacenter", {{"grid", sink}}}});
  // 179.2 kW for 24 h = 4300.8 kWh at PUE 1, times -0.1 kg per kWh.
  EXPECT_NEAR(output_number(r, "carbon_footprint_kg"), -430.08, 1e-9) << r.dump();
  EXPECT_EQ(r["outputs"]["region_name"], "Sink");
}

TEST(FleetOperations, PueOverrideZeroMeansTheGridsPue) {
  const Json r = run_request("sustainability", {{"fleet", "Research_256"}, {"duration_days", 1},
                                                {"datacenter", {{"grid", "Poland"}, {"pue_override", 0}}}});
  EXPECT_EQ(output_number(r, "pue"), 1.58) << r.dump();
}

TEST(FleetOperations, PlacementSkipsNamesThatAreNoGrid) {
  const Json r = run_request("placement", {{"fleet", "Research_256"}, {"duration_days", 30},
                                           {"regions", {"Atlantis", "Quebec", "quebec"}}});
  EXPECT_EQ(r["outputs"]["total_searched"], 1) << r.dump();  // ids match exactly, as 0.1.0's keys do
  EXPECT_EQ(r["outputs"]["best_region"], "Quebec");
  EXPECT_EQ(r["outputs"]["best_config"]["region"], "Quebec");
}

TEST(FleetOperations, AGridsOwnElectricityPriceIsUsed) {
  const Json cheap = {{"name", "Cheap"}, {"carbon_intensity_g_kwh", 0.0}, {"pue", 1.0}, {"wue", 0.0},
                      {"primary_source", "hydro"}, {"kwh_price_usd", 0.05}};
  const Json r = run_request("economics", {{"fleet", "Research_256"}, {"duration_days", 1}, {"grid", cheap}});
  EXPECT_NEAR(output_number(r, "opex_energy_usd"), 4300.8 * 0.05, 1e-9) << r.dump();
}

TEST(FleetOperations, RefuseWhereMlsysimDiesOfAPythonAccident) {
  expect_refused("economics", {{"fleet", "Research_256"}, {"duration_days", 30}, {"amortization_years", 0}},
                 "amortization_years");
  expect_refused("placement", {{"fleet", "Research_256"}, {"duration_days", 30}, {"regions", {1, "Quebec"}}},
                 "regions");
  expect_refused("orchestration", {{"fleet", "Research_256"}, {"arrival_rate_jobs_per_day", 1},
                                   {"avg_job_duration_days", 0}}, "avg_job_duration_days");
}

TEST(FleetOperations, RefuseWhereMlsysimRefuses) {
  expect_refused("sustainability", {{"fleet", "Research_256"}, {"duration_days", 30}, {"mfu", 1.5}}, "mfu");
  expect_refused("economics", {{"fleet", "Research_256"}, {"duration_days", 30}, {"mfu", -0.1}}, "mfu");
  expect_refused("sustainability", {{"fleet", "Research_256"}, {"duration_days", 30},
                                    {"embodied_carbon_per_device", -1}}, "embodied_carbon_per_device");
  expect_refused("placement", {{"fleet", "Research_256"}, {"duration_days", 30}, {"regions", {"Iowa"}}}, "regions");
}

TEST(FleetOperations, UnknownGridDatacenterAndFleetIdsSuggestTheNearest) {
  const Json grid = run_request("economics", {{"fleet", "Research_256"}, {"duration_days", 1}, {"grid", "Quebc"}});
  EXPECT_EQ(grid["error"]["code"], "unknown_name") << grid.dump();
  EXPECT_EQ(grid["error"]["field"], "grid");
  EXPECT_NE(grid["error"]["message"].get<std::string>().find("Quebec"), std::string::npos) << grid.dump();
  const Json site = run_request("sustainability", {{"fleet", "Research_256"}, {"duration_days", 1},
                                                   {"datacenter", {{"grid", "Norwya"}}}});
  EXPECT_EQ(site["error"]["field"], "datacenter.grid") << site.dump();
  EXPECT_NE(site["error"]["message"].get<std::string>().find("Norway"), std::string::npos) << site.dump();
  const Json fleet = run_request("orchestration", {{"fleet", "Frontier_8"}, {"arrival_rate_jobs_per_day", 1},
                                                   {"avg_job_duration_days", 0.5}});
  EXPECT_EQ(fleet["error"]["field"], "fleet") << fleet.dump();
}

TEST(FleetOperations, NonFiniteNumbersAreRefusedNamingTheInput) {
  CliResult r = run_cli("solve sustainability --fleet Research_256 --set duration_days=inf");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("duration_days"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(FleetOperations, ABatchAnswersEveryOtherRequestAroundARefusal) {
  const std::string requests =
      R"({"id": 1, "solver": "orchestration", "inputs": {"fleet": "Research_256", "arrival_rate_jobs_per_day": 0.9, "avg_job_duration_days": 1}})"
      "\n"
      R"({"id": 2, "solver": "economics", "inputs": {"fleet": "Research_256", "duration_days": 30, "amortization_years": 0}})"
      "\n"
      R"({"id": 3, "solver": "responsible_engineering", "inputs": {"base_training_time": "100 hour"}})"
      "\n";
  CliResult r = run_cli("run -", requests);
  const std::vector<Json> lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out << r.err;
  // M/D/1 at rho 0.9, one-day jobs: wait rho / (2 mu (1 - rho)) = 4.5 days.
  EXPECT_NEAR(output_number(lines[0], "avg_wait_time_days"), 4.5 * kSecondsPerDay, 1e-6);
  EXPECT_EQ(lines[1]["error"]["field"], "amortization_years");
  EXPECT_DOUBLE_EQ(output_number(lines[2], "effective_training_time"), 300 * 3600.0);  // slowdown 3 at epsilon 1
}

}  // namespace
}  // namespace mlsysim::testing
