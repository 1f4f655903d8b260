// The training-at-scale contracts beyond their reference cases: the values
// network_roofline computes (0.1.0 itself always raises there), the inputs
// each contract refuses where 0.1.0 dies of a Python accident, warnings,
// fleet ids with did-you-mean and MLSys·im paths (physics-more.md §1).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

TEST(NetworkRoofline, GivesTheValuesMlsysimComputesBeforeItRaises) {
  // Llama-3.1-8B (8.03e9 parameters) on Research_256 (256 H100s at 989 TFLOP/s,
  // 100 GbE = 12.5 GB/s), fp16, efficiency 0.5: sync 2 x P x 2 B, work 6 P.
  const Json r = run_request("network_roofline", {{"model", "Llama3_8B"}, {"fleet", "Research_256"}});
  EXPECT_DOUBLE_EQ(output_number(r, "arithmetic_intensity"), 1.5);
  EXPECT_NEAR(output_number(r, "ridge_point"), 989e12 * 256 / 12.5e9, 1e-6);
  EXPECT_EQ(r["outputs"]["bottleneck"], "Network-Bound");
  EXPECT_NEAR(output_number(r, "latency"), 5.1392, 5.1392 * 1e-12);  // 6 P / (12.5e9 x 1.5 x 0.5)
  EXPECT_NEAR(output_number(r, "throughput") * output_number(r, "latency"), 1.0, 1e-12);
}

TEST(NetworkRoofline, AFastEnoughFabricMakesItComputeBoundAtThePrecisionsPeak) {
  const Json fleet = {{"node", "DGX_H100"}, {"count", 2},
                      {"fabric", {{"bandwidth", "1000 PB/s"}}}};
  const Json r = run_request("network_roofline", {{"model", "Llama3_8B"}, {"fleet", fleet}, {"precision", "fp8"}});
  EXPECT_EQ(r["outputs"]["bottleneck"], "Compute-Bound");
  // fp8: 1 byte per element, so 3 flop/B; H100 lists 1979 TFLOP/s for fp8.
  EXPECT_DOUBLE_EQ(output_number(r, "arithmetic_intensity"), 3.0);
  EXPECT_NEAR(output_number(r, "latency"), 6 * 8.03e9 / (1979e12 * 16 * 0.5), 1e-15);
}

TEST(TrainingContracts, RefuseWhereMlsysimDiesOfAPythonAccident) {
  expect_refused("network_roofline", {{"model", "DLRM"}, {"fleet", "Research_256"}}, "model");
  expect_refused("topology", {{"fabric", "InfiniBand_NDR"}, {"topology", "torus_3d"}, {"num_nodes", 0}}, "num_nodes");
  expect_refused("topology", {{"fabric", "InfiniBand_NDR"}, {"topology", "ring"}, {"num_nodes", -4}}, "num_nodes");
  expect_refused("topology", {{"fabric", {{"bandwidth", "0 GB/s"}, {"oversubscription_ratio", 0}}}}, "fabric");
  expect_refused("reliability", {{"fleet", {{"node", "DGX_H100"}, {"count", 0}, {"fabric", "Ethernet_10G"}}},
                                 {"job_duration_hours", 10}}, "fleet.count");
  expect_refused("reliability", {{"fleet", "Research_256"}, {"job_duration_hours", 10}, {"checkpoint_time_s", -1}},
                 "checkpoint_time_s");
  expect_refused("checkpoint", {{"model", "GPT2"}, {"hardware", "H100"}, {"n_writers", 0}}, "n_writers");
  expect_refused("checkpoint", {{"model", "GPT2"}, {"hardware", "H100"}, {"optimizer", 3}}, "optimizer");
  expect_refused("checkpoint", {{"model", "DLRM"}, {"hardware", "H100"}}, "model");
  expect_refused("scaling", {{"compute_budget", "-1e20 flop"}}, "compute_budget");
  expect_refused("distributed", {{"model", "GPT2"}, {"fleet", "Research_256"}, {"microbatch_count", 0}},
                 "microbatch_count");
}

TEST(TrainingContracts, DegreesAreWholeNumbersAndFleetsMustExist) {
  expect_refused("distributed", {{"model", "GPT2"}, {"fleet", "Research_256"}, {"tp_size", 2.5}}, "tp_size");
  const Json unknown = run_request("distributed", {{"model", "GPT2"}, {"fleet", "Research_265"}});
  EXPECT_EQ(unknown["error"]["code"], "unknown_name") << unknown.dump();
  EXPECT_EQ(unknown["error"]["field"], "fleet");
  EXPECT_NE(unknown["error"]["message"].get<std::string>().find("Research_256"), std::string::npos)
      << "did you mean";
  const Json node = run_request("reliability", {{"fleet", {{"node", "DGX_H10"}, {"count", 4}, {"fabric", "Ethernet_10G"}}},
                                            {"job_duration_hours", 1}});
  EXPECT_EQ(node["error"]["field"], "fleet.node") << node.dump();
}

TEST(TrainingContracts, MlsysimPathsNameTheSameFleet) {
  const Json by_id = run_request("reliability", {{"fleet", "Frontier_8K"}, {"job_duration_hours", 720}});
  for (const char* path : {"Systems.Clusters.Frontier_8K", "Clusters.Frontier_8K"}) {
    const Json by_path = run_request("reliability", {{"fleet", path}, {"job_duration_hours", 720}});
    EXPECT_EQ(by_path["outputs"], by_id["outputs"]) << path;
  }
  // 1024 DGX H100 nodes: node MTBF 1/(8/50000 + 8/150000 + 2/100000) h, over 1024 nodes.
  EXPECT_NEAR(output_number(by_id, "fleet_mtbf"), 4285.714285714285 / 1024 * 3600, 1e-6);
}

TEST(TrainingContracts, DistributedWarnsWhenRanksSitIdle) {
  // Research_256 with batch 8: dp 256, so 248 ranks have no sample.
  const Json r = run_request("distributed", {{"model", "Llama3_8B"}, {"fleet", "Research_256"}, {"batch_size", 8}});
  ASSERT_TRUE(r.contains("warnings")) << r.dump();
  bool found = false;
  for (const Json& w : r["warnings"]) found |= w.get<std::string>().find("batch_size (8) < dp_size (256)") != std::string::npos;
  EXPECT_TRUE(found) << r["warnings"].dump();
}

TEST(TrainingContracts, NestedOutputsAreDottedInColumnsAndNestedInJson) {
  CliResult csv = run_cli("sweep distributed --set model=Llama3_8B --set fleet=Research_256 --over tp_size=1,2 "
                          "--columns node_profile.feasible,step_latency_total --where 'parallelism.tp == 2' -o csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')), "tp_size,node_profile.feasible,step_latency_total");
  const Json r = run_request("distributed", {{"model", "GPT2"}, {"fleet", "Research_256"}});
  EXPECT_TRUE(r["outputs"]["node_profile"].is_object()) << r.dump();
  EXPECT_EQ(r["outputs"]["parallelism"], Json({{"dp", 256}, {"tp", 1}, {"pp", 1}, {"ep", 1}}));
}

TEST(TrainingFrontEnds, OptimizeParallelismPrintsTheBestSplitAndTheTopCandidates) {
  // physics-more.md §1.4: Llama-3.1-8B on Research_256 at batch 1024 searches 30 splits;
  // the best is TP 4 / PP 1 / DP 64, then (8,1,32), (2,1,128), (1,1,256), (4,2,32).
  CliResult r = run_cli("optimize parallelism --model Llama3_8B --fleet Research_256 --batch-size 1024 -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json out = Json::parse(r.out)["outputs"];
  EXPECT_EQ(out["total_searched"], 30);
  EXPECT_EQ(out["best_config"], Json({{"tp", 4}, {"pp", 1}, {"dp", 64}}));
  EXPECT_NEAR(out["best_mfu"].get<double>(), 0.4699926896464224, 1e-12);
  std::vector<std::vector<int>> splits;
  for (const Json& cand : out["top_candidates"])
    splits.push_back({cand["config"]["tp"].get<int>(), cand["config"]["pp"].get<int>(), cand["config"]["dp"].get<int>()});
  const std::vector<std::vector<int>> expected = {{4, 1, 64}, {8, 1, 32}, {2, 1, 128}, {1, 1, 256}, {4, 2, 32}};
  EXPECT_EQ(splits, expected);
  CliResult table = run_cli("optimize parallelism --model Llama3_8B --fleet Research_256 -b 1024");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("rank"), std::string::npos) << table.out;
  EXPECT_EQ(run_cli("optimize parallelism --model Llama3_8B --fleet Research_256").exit_code, 1)
      << "the global batch is required, as in 0.1.0";
}

TEST(TrainingFrontEnds, SweepsTakeEveryZooFleetWithAStar) {
  CliResult r = run_cli("sweep reliability --over 'fleet=*' --set job_duration_hours=720 --columns fleet_mtbf -o csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Four clusters of DGX H100 nodes: node MTBF 4285.714... h over 32, 256, 1024 and 12500 nodes.
  std::map<std::string, double> mtbf;
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) mtbf[line.substr(0, line.find(','))] = std::stod(line.substr(line.find(',') + 1));
  ASSERT_EQ(mtbf.size(), 4u) << r.out;
  const double node_seconds = 3600.0 / (8 / 50000.0 + 8 / 150000.0 + 2 / 100000.0);
  EXPECT_NEAR(mtbf["Research_256"], node_seconds / 32, 1e-6);
  EXPECT_NEAR(mtbf["Mega_100K"], node_seconds / 12500, 1e-6);
}

// "count,value" rows of a CSV sweep with one axis and one column.
std::map<std::string, double> csv_pairs(const std::string& csv) {
  std::map<std::string, double> out;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) out[line.substr(0, line.rfind(','))] = std::stod(line.substr(line.rfind(',') + 1));
  return out;
}

TEST(TrainingFrontEnds, SweepsVaryAFieldOfTheFleetSuchAsItsNodeCount) {
  CliResult r = run_cli("sweep reliability --set fleet=Research_256 --set job_duration_hours=720 "
                        "--over fleet.count=32..1024:*2 --where 'fleet.count >= 64' --columns fleet_mtbf -o csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "fleet.count,fleet_mtbf");
  const std::map<std::string, double> mtbf = csv_pairs(r.out);
  const double node_seconds = 3600.0 / (8 / 50000.0 + 8 / 150000.0 + 2 / 100000.0);  // DGX H100
  ASSERT_EQ(mtbf.size(), 5u) << r.out;  // 64 .. 1024; 32 fails --where
  for (int count : {64, 128, 256, 512, 1024})
    EXPECT_NEAR(mtbf.at(std::to_string(count)), node_seconds / count, 1e-6) << count;
}

TEST(TrainingFrontEnds, AFieldAxisAppliesToEveryFleetOfAFleetAxis) {
  CliResult r = run_cli("sweep reliability --over 'fleet=*' --over fleet.count=10,20 --set job_duration_hours=720 "
                        "--columns fleet_mtbf -o csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  int rows = 0;
  const double node_seconds = 3600.0 / (8 / 50000.0 + 8 / 150000.0 + 2 / 100000.0);  // every zoo fleet: DGX H100
  while (std::getline(lines, line)) {
    ++rows;
    const std::size_t a = line.find(','), b = line.rfind(',');
    const int count = std::stoi(line.substr(a + 1, b - a - 1));
    EXPECT_NEAR(std::stod(line.substr(b + 1)), node_seconds / count, 1e-6) << line;
  }
  EXPECT_EQ(rows, 8) << r.out;  // four fleets x two counts
}

TEST(TrainingFrontEnds, AFieldAxisReachesIntoTheFleetsFabric) {
  // ridge point = fleet FLOP/s / effective fabric bandwidth: doubling the bandwidth halves it.
  CliResult r = run_cli("sweep network_roofline --set model=Llama3_8B --set fleet=Research_256 "
                        "--over 'fleet.fabric.bandwidth=100 Gbps,200 Gbps' --columns ridge_point -o csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::map<std::string, double> ridge = csv_pairs(r.out);
  ASSERT_EQ(ridge.size(), 2u) << r.out;
  EXPECT_NEAR(ridge.at("200 Gbps") / ridge.at("100 Gbps"), 0.5, 1e-12);
}

TEST(TrainingFrontEnds, AFieldAxisNeedsItsSpecAndAKnownNonNegativeField) {
  CliResult no_fleet = run_cli("sweep reliability --over fleet.count=1,2 --set job_duration_hours=720");
  EXPECT_NE(no_fleet.exit_code, 0);
  EXPECT_NE(no_fleet.err.find("fleet.count"), std::string::npos) << no_fleet.err;
  EXPECT_NE(no_fleet.err.find("not given"), std::string::npos) << no_fleet.err;
  CliResult typo = run_cli("sweep reliability --set fleet=Research_256 --over fleet.cuont=1,2");
  EXPECT_NE(typo.exit_code, 0);
  EXPECT_NE(typo.err.find("count"), std::string::npos) << typo.err;  // the fields it has
  CliResult negative = run_cli("sweep reliability --set fleet=Research_256 --over fleet.count=-4,8");
  EXPECT_NE(negative.exit_code, 0);
  EXPECT_NE(negative.err.find("-4"), std::string::npos) << negative.err;
  EXPECT_TRUE(negative.out.empty()) << negative.out;
}

TEST(TrainingFrontEnds, ASweepOfMostlyRefusedSplitsShowsTheFirstFiveErrorsAndCountsTheRest) {
  // TP x PP over 1..128 in powers of two on 256 GPUs: 21 splits exceed the fleet, each its own message.
  CliResult r = run_cli("sweep distributed --set model=Llama3_8B --set fleet=Research_256 "
                        "--over tp_size=1..128:*2 --over pp_size=1..128:*2 --columns step_latency_total -o csv");
  EXPECT_NE(r.exit_code, 0);
  std::vector<std::string> lines;  // the errors (the idle-rank warnings of the splits that fit come first)
  std::istringstream in(r.err);
  for (std::string line; std::getline(in, line);)
    if (line.starts_with("mlsysim: error:")) lines.push_back(line);
  ASSERT_EQ(lines.size(), 6u) << r.err;
  EXPECT_NE(r.err.find("mlsysim: warning: 1 of 43 row(s), the first at tp_size=1, pp_size=1: batch_size (1) < "
                       "dp_size (256)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("more distinct warning(s)"), std::string::npos) << r.err;  // one message per dp_size
  EXPECT_NE(lines[0].find("1 row(s) failed"), std::string::npos) << r.err;
  EXPECT_NE(lines[0].find("Infeasible 4D Parallelism"), std::string::npos) << r.err;
  EXPECT_EQ(lines[5], "mlsysim: error: and 16 more distinct error(s) in 16 more row(s)");
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1 + 64 - 21) << r.out;  // header + the splits that fit
}

TEST(TrainingFrontEnds, SpecFieldsOfFleetsAreKnobsForElasticityAndInverseDesign) {
  // effective_bw = bandwidth x fraction / oversubscription: elasticities +1 and -1.
  CliResult e = run_cli("elasticity topology --set fabric=InfiniBand_NDR --of effective_bw "
                        "--wrt fabric.bandwidth,fabric.oversubscription_ratio -o json");
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const Json el = Json::parse(e.out)["elasticities"];
  EXPECT_NEAR(el[0]["elasticity"].get<double>(), 1.0, 1e-9);
  EXPECT_NEAR(el[1]["elasticity"].get<double>(), -1.0, 2e-4);  // central difference of 1/x at +-1%
  // The largest fleet of DGX H100 nodes whose MTBF stays at or above 10 hours: 4285.7 h / 10 h.
  CliResult inv = run_cli("inverse reliability --set fleet=Research_256 --set job_duration_hours=720 "
                          "--vary fleet.count --from 1 --to 10000 --target 'fleet_mtbf >= 10 hour' --largest -o json");
  ASSERT_EQ(inv.exit_code, 0) << inv.err;
  EXPECT_EQ(Json::parse(inv.out)["value"].get<double>(), 428.0);
}

TEST(TrainingFrontEnds, APipelineSharesOneFleetInputBetweenStagesAndReadsNestedOutputs) {
  CliResult r = run_cli("pipeline run '" MLSYSIM_SOURCE_DIR "/examples/training/step-and-failures.json' -o csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "fleet,dp,step,node_fits,samples_per_s,mtbf,steps_between_failures");
  const std::map<std::string, double> nodes = {{"Research_256", 32}, {"Production_2K", 256}, {"Frontier_8K", 1024}};
  const double node_seconds = 3600.0 / (8 / 50000.0 + 8 / 150000.0 + 2 / 100000.0);
  std::size_t rows = 0;
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::istringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    ASSERT_EQ(cells.size(), 7u) << line;
    const double count = nodes.at(cells[0]);
    EXPECT_EQ(std::stod(cells[1]), count * 8 / (8 * 4)) << "dp = accelerators // (tp x pp)";
    EXPECT_NEAR(std::stod(cells[5]), node_seconds / count, 1e-6);
    EXPECT_NEAR(std::stod(cells[6]), std::stod(cells[5]) / std::stod(cells[2]), 1e-9 * std::stod(cells[6]));
    ++rows;
  }
  EXPECT_EQ(rows, 3u);
}

TEST(TrainingContracts, TheOptimizerPassesOnEveryDistributedWarning) {
  // physics-more.md §1.4: batch 8 on Research_256 gives 14 warnings (one per candidate with idle ranks).
  const Json r = run_request("parallelism", {{"model", "Llama3_8B"}, {"fleet", "Research_256"}, {"batch_size", 8}});
  ASSERT_TRUE(r.contains("warnings")) << r.dump();
  EXPECT_EQ(r["warnings"].size(), 14u) << r["warnings"].dump(1);
}

}  // namespace
}  // namespace mlsysim::testing
