// The fleet-operations contracts beyond their reference cases: the answers
// 0.1.0 gives however odd (negative durations, empty fleets, negative
// carbon, pue_override 0, unknown regions skipped), the inputs refused where
// 0.1.0 dies of a Python accident, unknown ids with did-you-mean, and
// non-finite numbers (physics-more.md §2).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <sstream>

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

TEST(FleetOperations, AGridObjectIsAcceptedWhereADatacenterIsExpected) {
  const Json gas = {{"name", "Gas"}, {"carbon_intensity_g_kwh", 450.0}, {"pue", 1.3}, {"wue", 1.1},
                    {"primary_source", "gas"}};
  const Json r = run_request("sustainability", {{"fleet", "Research_256"}, {"duration_days", 1}, {"datacenter", gas}});
  // 179.2 kW for 24 h x PUE 1.3, at 0.45 kg and 1.1 L per kWh.
  EXPECT_NEAR(output_number(r, "carbon_footprint_kg"), 4300.8 * 1.3 * 0.45, 1e-9) << r.dump();
  EXPECT_NEAR(output_number(r, "water_usage_liters"), 4300.8 * 1.3 * 1.1, 1e-9);
  EXPECT_EQ(r["outputs"]["region_name"], "Gas");
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
  const Json dc = run_request("sustainability", {{"fleet", "Research_256"}, {"duration_days", 1}, {"datacenter", "Quebc"}});
  EXPECT_EQ(dc["error"]["field"], "datacenter") << dc.dump();
  EXPECT_NE(dc["error"]["message"].get<std::string>().find("Quebec"), std::string::npos) << dc.dump();
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

TEST(FleetFrontEnds, OptimizePlacementRanksTheRegions) {
  // physics-more.md §2.3: a year on Research_256 at mfu 0.4, 500 USD/t: Norway just ahead of Quebec.
  const std::string args = "optimize placement --fleet Research_256 --duration-days 365 "
                           "--regions Quebec,Norway,US_Avg,Poland --carbon-tax-per-ton 500 --mfu 0.4";
  CliResult table = run_cli(args);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("1     Norway"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("4     Poland"), std::string::npos) << table.out;
  CliResult json = run_cli(args + " -o json");
  const Json out = Json::parse(json.out)["outputs"];
  EXPECT_NEAR(out["objective_value"].get<double>(), 3064638.5152, 1e-9 * 3064638.5152);
  EXPECT_EQ(out["top_candidates"][1]["region"], "Quebec");
  EXPECT_EQ(out["total_searched"], 4);
}

// The IT power of Research_256 at utilisation `mfu`: 30% of TDP idle, 70% with the load.
double research_watts(double mfu) { return 256 * (700 * 0.3 + 700 * 0.7 * mfu); }

TEST(FleetFrontEnds, TheTrainAndCostPipelinePricesTheMonthAtTheStepsUtilisation) {
  CliResult r = run_cli("pipeline run '" MLSYSIM_SOURCE_DIR "/examples/pipelines/train-and-cost.json' -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json doc = Json::parse(r.out);
  const Json& report = doc["report"];
  const double mfu = doc["stages"]["train"]["outputs"]["scaling_efficiency"].get<double>() * 0.5;
  EXPECT_NEAR(report["fleet_mfu"].get<double>(), mfu, 1e-12);
  const double total_kwh = research_watts(mfu) / 1000 * 30 * 24 * 1.12;  // US average grid, PUE 1.12
  EXPECT_NEAR(report["energy"]["value"].get<double>(), total_kwh * 3.6e6, 1e-6 * total_kwh);
  EXPECT_NEAR(report["co2_tonnes"].get<double>(), total_kwh * 0.429 / 1000, 1e-9);
  // CapEx 256 x 30,000 USD over 3 years, upkeep 5% a year, energy at 0.12 USD per kWh, for 30 days.
  const double tco = 256 * 30000.0 / 3 * 30 / 365 + 256 * 30000.0 * 0.05 * 30 / 365 + total_kwh * 0.12;
  EXPECT_NEAR(report["tco_usd"].get<double>(), tco, 1e-6);
  const double step = report["step"]["value"].get<double>();
  EXPECT_NEAR(report["usd_per_step"].get<double>(), tco * step / (30 * 86400.0), 1e-9);
}

TEST(FleetFrontEnds, TheSitingPipelineRanksClusterAndGridByTcoPlusCarbon) {
  CliResult r = run_cli("pipeline run '" MLSYSIM_SOURCE_DIR "/examples/pipelines/siting.json' "
                        "--top 2 --by objective --asc -o csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The placement reference: Research_256 for 30 days, Quebec 258657.986..., Norway cheaper still (10 g/kWh).
  std::istringstream lines(r.out);
  std::string header, first, second;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(first.substr(0, first.find(',', first.find(',') + 1)), "Research_256,Norway") << r.out;
  EXPECT_EQ(second.substr(0, second.find(',', second.find(',') + 1)), "Research_256,Quebec") << r.out;
  EXPECT_NE(second.find("258657.986419726"), std::string::npos) << r.out;
}

TEST(FleetFrontEnds, TheServingCostPipelineGivesDollarsPerMillionTokens) {
  CliResult r = run_cli("pipeline run '" MLSYSIM_SOURCE_DIR "/examples/pipelines/serving-cost.json' "
                        "--sweep batch_size=32 -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json runs = Json::parse(r.out);  // one run per swept value
  ASSERT_EQ(runs.size(), 1u);
  const Json& report = runs[0]["report"];
  // One H100 for a year: 30,000 USD over 3 years, 5% upkeep, 700 W x 8760 h x PUE 1.12 at 0.12 USD/kWh.
  const double kwh = 0.7 * 8760 * 1.12;
  const double tco = 10000 + 1500 + kwh * 0.12;
  EXPECT_NEAR(report["tco_usd"].get<double>(), tco, 1e-6);
  const double tokens = report["tokens_per_s"]["value"].get<double>() * 365 * 86400;
  EXPECT_NEAR(report["usd_per_million_tokens"].get<double>(), tco / tokens * 1e6, 1e-12);
  EXPECT_NEAR(report["joules_per_token"]["value"].get<double>(), kwh * 3.6e6 / tokens, 1e-9);
}

TEST(FleetFrontEnds, PlotSweepDrawsARegionComparisonOverFleetSize) {
  const auto dir = make_temp_dir("region_plot");
  const std::string svg = (dir / "regions.svg").string();
  CliResult r = run_cli("plot sweep sustainability --over fleet.count=4..64:*2 --over 'datacenter=US_Avg,Quebec' "
                        "--set fleet=Research_256 --set duration_days=30 --y carbon_footprint_kg --file '" + svg + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(svg);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(text.find("datacenter=Quebec"), std::string::npos);
  EXPECT_NE(text.find("fleet.count"), std::string::npos);
}

TEST(FleetFrontEnds, GridAndFleetFieldsAreKnobsForElasticityAndInverseDesign) {
  // Operational carbon is linear in the grid's intensity and in the node count: elasticities +1.
  CliResult e = run_cli("elasticity sustainability --set fleet=Research_256 --set duration_days=30 "
                        "--set datacenter=Poland --of carbon_footprint_kg "
                        "--wrt datacenter.grid.carbon_intensity_g_kwh,fleet.count -o json");
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const Json doc = Json::parse(e.out);
  for (const Json& el : doc["elasticities"]) EXPECT_NEAR(el["elasticity"].get<double>(), 1.0, 1e-9);
  // A year of n DGX H100 nodes: 8n x (30,000 / 3 + 5% of 30,000 + 700 W x 8760 h x 1.12 x 0.12 USD/kWh)
  // = 8n x 12,324.1 USD: 10 nodes stay under a million, 11 do not.
  CliResult inv = run_cli("inverse economics --set fleet=Research_256 --set duration_days=365 --vary fleet.count "
                          "--from 1 --to 10000 --target 'tco_usd <= 1e6' --largest -o json");
  ASSERT_EQ(inv.exit_code, 0) << inv.err;
  EXPECT_EQ(Json::parse(inv.out)["value"].get<double>(), 10.0);
}

}  // namespace
}  // namespace mlsysim::testing
