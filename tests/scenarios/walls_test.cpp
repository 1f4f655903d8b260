// The walls taxonomy (python-and-cli.md §3): 22 walls in six domains, each
// modelled by the contract MLSys·im assigns it; tiers and fallacies (§4)
// as contracts declare them; `pipeline explain` with the walls a chain covers.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

TEST(Walls, TwentyTwoWallsEachModelledByTheirContract) {
  CliResult r = run_cli("walls -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json walls = Json::parse(r.out);
  ASSERT_EQ(walls.size(), 22u);
  const std::pair<int, const char*> expected[] = {{1, "roofline"}, {2, "roofline"}, {3, "efficiency"},
      {4, "serving"}, {5, "continuous_batching"}, {6, "weight_streaming"}, {7, "tail_latency"}, {8, "data"},
      {9, "transformation"}, {10, "topology"}, {11, "scaling"}, {12, "inference_scaling"}, {13, "compression"},
      {14, "distributed"}, {15, "reliability"}, {16, "orchestration"}, {17, "economics"}, {18, "sustainability"},
      {19, "checkpoint"}, {20, "responsible_engineering"}, {21, "sensitivity"}, {22, "synthesis"}};
  for (const auto& [number, contract] : expected) {
    const Json& w = walls[static_cast<std::size_t>(number - 1)];
    EXPECT_EQ(w["number"], number);
    EXPECT_EQ(w["contracts"], Json::array({contract})) << w.dump();
  }
  EXPECT_EQ(walls[1]["name"], "Memory");
  EXPECT_EQ(walls[13]["domain"], "fleet");
  EXPECT_EQ(walls[19]["name"], "Safety");
}

TEST(Walls, ADomainListsItsWallsAndMistakesAreNamed) {
  CliResult fleet = run_cli("walls --domain fleet -o json");
  std::set<int> numbers;
  for (const Json& w : Json::parse(fleet.out)) numbers.insert(w["number"].get<int>());
  EXPECT_EQ(numbers, (std::set<int>{14, 15, 16}));
  CliResult typo = run_cli("walls --domain flet");
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_NE(typo.err.find("fleet"), std::string::npos) << typo.err;
  CliResult outside = run_cli("walls 23");
  EXPECT_EQ(outside.exit_code, 1);
  EXPECT_NE(outside.err.find("1 to 22"), std::string::npos) << outside.err;
}

TEST(Walls, ContractsDeclareTheirTierAndFallacies) {
  auto show = [](const char* solver) { return Json::parse(run_cli(std::string("plugins show ") + solver + " -o json").out); };
  const Json roofline = show("roofline");
  EXPECT_EQ(roofline["tier"], "model");
  EXPECT_EQ(roofline["walls"].size(), 2u);
  EXPECT_EQ(roofline["fallacies"].size(), 3u);
  EXPECT_EQ(show("distributed")["fallacies"].size(), 3u);
  EXPECT_EQ(show("economics")["fallacies"].size(), 3u);
  EXPECT_EQ(show("serving")["fallacies"].size(), 0u);
  for (const char* optimizer : {"parallelism", "batching", "placement"}) {
    EXPECT_EQ(show(optimizer)["tier"], "optimizer") << optimizer;
    EXPECT_TRUE(show(optimizer)["walls"].empty()) << optimizer;
  }
  EXPECT_EQ(show("sensitivity")["tier"], "solver");
  EXPECT_EQ(show("synthesis")["tier"], "solver");
  CliResult text = run_cli("plugins show roofline");
  EXPECT_NE(text.out.find("tier: model; walls: 1 Compute (node), 2 Memory (node)"), std::string::npos) << text.out;
}

TEST(PipelineExplain, TheChainWithItsWallsSourcesAndDomains) {
  CliResult r = run_cli("pipeline explain '" MLSYSIM_SOURCE_DIR "/examples/pipelines/replicas-for-p99.json' -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json doc = Json::parse(r.out);
  EXPECT_EQ(doc["flow"], Json::array({"llm", "batch", "queue"}));
  EXPECT_EQ(doc["domains"], Json::array({"node"}));  // walls 4 Serving, 5 Batching, 7 Tail Latency
  EXPECT_EQ(doc["stages"][1]["walls"], Json::array({5}));
  EXPECT_EQ(doc["stages"][2]["inputs"]["num_replicas"], "= replicas * batch.max_active_requests");
  EXPECT_EQ(doc["stages"][2]["defaults"], Json::array({"service_time_cv"}));
  CliResult cost = run_cli("pipeline explain '" MLSYSIM_SOURCE_DIR "/examples/pipelines/train-and-cost.json' -o json");
  EXPECT_EQ(Json::parse(cost.out)["domains"], Json::array({"fleet", "operations"}));
  for (const auto& file : std::filesystem::directory_iterator(MLSYSIM_SOURCE_DIR "/examples/pipelines"))
    EXPECT_EQ(run_cli("pipeline explain '" + file.path().string() + "'").exit_code, 0) << file.path();
}

}  // namespace
}  // namespace mlsysim::testing
