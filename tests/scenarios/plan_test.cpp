// Plan files (python-and-cli.md §5.1): `mlsysim eval PLAN.yaml` scores the
// plan's system and checks its assertions; `mlsysim optimize X PLAN.yaml`
// takes its inputs from it; bad plans are refused naming the key; `mlsysim
// schema` describes plans and spec files. Expected figures come from the
// contracts solved directly and physics-more.md §3.4.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

std::string write_plan(const std::string& name, const std::string& yaml) {
  const std::filesystem::path dir = make_temp_dir("plans");
  const std::filesystem::path path = dir / (name + ".yaml");
  std::ofstream(path) << yaml;
  return path.string();
}

const char* kChatbot = R"(version: "1"
name: chatbot
workload: {name: Llama3_8B, batch_size: 8, seq_len: 128}
hardware: {name: H100}
)";

TEST(Plans, EvalScoresThePlansSystemAsRooflineDoes) {
  CliResult r = run_cli("eval '" + write_plan("chatbot", kChatbot) + "' -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json card = Json::parse(r.out);
  const Json roofline = run_request("roofline", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"batch_size", 8}});
  EXPECT_EQ(card["p_latency"], roofline["outputs"]["latency"]);
  EXPECT_EQ(card["m_status"], "SKIPPED");  // no ops: nothing to price
}

TEST(Plans, AFailingAssertionExitsThreeAfterTheScorecard) {
  // Batch 8 takes 8.96 ms (memory-bound: 16.06 GB x 1.8 at 3.35 TB/s, plus overheads): over 5 ms, under 20.
  const std::string plan = std::string(kChatbot) + "constraints:\n  assert:\n    - {metric: performance.latency, max: 5}\n";
  CliResult tight = run_cli("eval '" + write_plan("tight", plan) + "'");
  EXPECT_EQ(tight.exit_code, 3) << tight.err;
  EXPECT_NE(tight.out.find("Memory Bound"), std::string::npos) << tight.out;
  EXPECT_NE(tight.err.find("performance.latency = 8.9"), std::string::npos) << tight.err;
  const std::string loose = std::string(kChatbot) + "constraints:\n  assert:\n    - {metric: performance.latency, max: 20}\n";
  EXPECT_EQ(run_cli("eval '" + write_plan("loose", loose) + "'").exit_code, 0);
  const std::string typo = std::string(kChatbot) + "constraints:\n  assert:\n    - {metric: performance.latncy, max: 20}\n";
  CliResult unknown = run_cli("eval '" + write_plan("typo", typo) + "'");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("performance.latency"), std::string::npos) << unknown.err;
}

TEST(Plans, NodesBuildMlsysimsFleetOfEightGpuNodes) {
  // 64 accelerators: 8 nodes of 8 H100s (900 GB/s inside), 50 GB/s between them; nodes passed as TP.
  const std::string plan = "version: 1\nname: training\nworkload: {name: Llama3_8B, batch_size: 256}\n"
                           "hardware: {name: H100, nodes: 64}\nops: {duration_days: 30}\n";
  CliResult r = run_cli("eval '" + write_plan("training", plan) + "' -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json fleet = {{"name", "plan"}, {"count", 8}, {"fabric", {{"bandwidth", "50 GB/s"}}},
                      {"node", {{"accelerator", "H100"}, {"accelerators_per_node", 8}, {"intra_node_bw", "900 GB/s"}}}};
  const Json step = run_request("distributed", {{"model", "Llama3_8B"}, {"fleet", fleet}, {"batch_size", 256},
                                                {"tp_size", 64}});
  EXPECT_EQ(Json::parse(r.out)["p_step_latency"], step["outputs"]["step_latency_total"]) << step.dump();
  const Json cost = run_request("economics", {{"fleet", fleet}, {"duration_days", 30}});
  EXPECT_EQ(Json::parse(r.out)["m_capex"], cost["outputs"]["capex_usd"]);
}

TEST(Plans, OptimizersTakeTheirInputsFromAPlan) {
  // physics-more.md §3.4: 128 tokens within 5000 ms at 2 requests/s, batches up to 64 -> 64.
  CliResult batching = run_cli("optimize batching '" + write_plan("serve", kChatbot) +
                               "' --sla-ms 5000 --qps 2 --max-search-batch 64 -o json");
  ASSERT_EQ(batching.exit_code, 0) << batching.err;
  EXPECT_EQ(Json::parse(batching.out)["outputs"]["best_batch_size"], 64);
  const std::string fleet_plan = "version: 1\nname: t\nworkload: {name: Llama3_8B, batch_size: 256}\n"
                                 "hardware: {name: H100, nodes: 64}\nops: {duration_days: 30}\n";
  CliResult placement = run_cli("optimize placement '" + write_plan("place", fleet_plan) + "' --carbon-tax 200 -o json");
  ASSERT_EQ(placement.exit_code, 0) << placement.err;
  EXPECT_EQ(Json::parse(placement.out)["outputs"]["total_searched"], 2);  // US_Avg, Quebec (no Iowa grid)
  CliResult missing = run_cli("optimize batching '" + write_plan("serve2", kChatbot) + "' --qps 2");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("sla_latency_ms"), std::string::npos) << missing.err;
}

TEST(Plans, BadPlansAreRefusedNamingTheKey) {
  const std::pair<std::string, std::string> cases[] = {
      {"version: 1\nname: x\nworkload: {name: GPT2}\nhardwre: {name: H100}\n", "did you mean 'hardware'"},
      {"version: 1\nname: x\nworkload: {name: GPT2, batchsize: 8}\nhardware: {name: H100}\n", "workload.batchsize"},
      {"version: 1\nname: x\nworkload: {name: GPT2}\nhardware: {name: H100, nodes: eight}\n", "hardware.nodes"},
      {"version: 1\nname: x\nhardware: {name: H100}\n", "workload: is required"},
      {"version: 1\nname: x\nworkload: {name: GPT9}\nhardware: {name: H100}\n", "GPT9"},
      {"version: 1\nname: x\nworkload: {name: 'hf://meta-llama/Llama-3-8B'}\nhardware: {name: H100}\n", "network"},
      {"version: 1\nname: [unclosed\n", "not YAML"},
      {"version: 1\nname: x\nworkload: {name: GPT2}\nhardware: {name: H100, n\xe9" "des: 8}\n", "not UTF-8"},
      {"a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
       "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e]\n",
       "aliases"},
      {"version: 1\nname: x\nworkload: {name: GPT2}\nhardware: {name: H100}\nconstraints:\n  assert:\n    - {max: 3}\n",
       "constraints.assert[0].metric"},
  };
  int i = 0;
  for (const auto& [yaml, expected] : cases) {
    CliResult r = run_cli("eval '" + write_plan("bad" + std::to_string(i++), yaml) + "'");
    EXPECT_EQ(r.exit_code, 1) << yaml;
    EXPECT_NE(r.err.find(expected), std::string::npos) << yaml << "\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << "no scorecard for a bad plan";
  }
}

TEST(Schema, PlansAndSpecFilesAreDescribed) {
  const Json plan = Json::parse(run_cli("schema").out);
  EXPECT_EQ(plan["required"], Json::array({"version", "name", "workload", "hardware"}));
  EXPECT_EQ(plan["additionalProperties"], false);
  EXPECT_EQ(plan["properties"]["hardware"]["properties"]["nodes"]["type"], "integer");
  // Every key of every zoo hardware and model file is a property of its schema.
  const Json hardware = Json::parse(run_cli("schema -t hardware").out)["properties"];
  const Json model = Json::parse(run_cli("schema -t workload").out)["properties"];
  for (const auto& [dir, schema] : {std::pair{"hardware", hardware}, std::pair{"models", model}})
    for (const auto& file : std::filesystem::directory_iterator(std::string(MLSYSIM_SOURCE_DIR) + "/zoo/" + dir)) {
      std::ifstream in(file.path());
      const Json entry = Json::parse(in);
      for (const auto& [key, value] : entry.items()) EXPECT_TRUE(schema.contains(key)) << file.path() << ": " << key;
    }
  EXPECT_EQ(run_cli("schema -t hardwar").exit_code, 1);
}

}  // namespace
}  // namespace mlsysim::testing
