// The `mlsysim` command as users run it: tables, JSON payloads, exit codes.
#include <gtest/gtest.h>

#include <sstream>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

TEST(Cli, SolveWithShorthandsPrintsATable) {
  CliResult r = run_cli("solve roofline --model ResNet50 --hardware A100 --batch-size 1 --precision fp16");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("latency"), std::string::npos);
  EXPECT_NE(r.out.find("Memory"), std::string::npos);
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(Cli, JsonIsThePayloadOnlyAndInBaseUnits) {
  CliResult r = run_cli("solve roofline --set model=GPT2 --set hardware=V100 --set precision=fp32 -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json j = Json::parse(r.out);
  EXPECT_EQ(j["solver"], "roofline:reference") << "the implementation that answered";
  EXPECT_NEAR(j["outputs"]["latency"]["value"].get<double>(), 0.007833333333333335, 1e-15);
  EXPECT_EQ(j["outputs"]["latency"]["unit"], "s");
}

TEST(Cli, EvalTakesMlsysimFlags) {
  CliResult r = run_cli("eval Llama3_8B H100 -b 8 -p FP8 -e 0.6 -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json card = Json::parse(r.out);
  const Json roofline = Json::parse(
      run_cli("solve roofline --model Llama3_8B --hardware H100 --batch-size 8 --precision fp8 --efficiency 0.6 -o json").out);
  EXPECT_EQ(card["p_latency"], roofline["outputs"]["latency"]);
  EXPECT_EQ(card["f_status"], "PASS");
  EXPECT_EQ(card["m_status"], "SKIPPED");
}

TEST(Cli, ExitCodes) {
  CliResult bad = run_cli("solve roofline --model NoSuchModel --hardware A100");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("NoSuchModel"), std::string::npos) << bad.err;
  EXPECT_TRUE(bad.out.empty()) << "no partial result on stdout";

  EXPECT_EQ(run_cli("solve roofline --model GPT2 --hardware A100 --set batch_size=0").exit_code, 1);
  EXPECT_EQ(run_cli("solve roofline --model GPT2 --hardware A100 --set colour=red").exit_code, 1);
  EXPECT_EQ(run_cli("solve nosuchsolver").exit_code, 1);
  EXPECT_EQ(run_cli("solve roofline --model GPT3 --hardware A100 --fail-infeasible").exit_code, 2);
  EXPECT_EQ(run_cli("solve roofline --model GPT3 --hardware A100 --set raise_errors=true").exit_code, 2);
  EXPECT_EQ(run_cli("solve roofline --model GPT2 --hardware A100 --fail-infeasible").exit_code, 0);
  EXPECT_EQ(run_cli("solve roofline --model GPT2 --hardware A100 --require 'latency<=1 ms'").exit_code, 3);
  EXPECT_EQ(run_cli("solve roofline --model GPT2 --hardware A100 --require 'latency<=10 ms'").exit_code, 0);
  EXPECT_EQ(run_cli("solve roofline --model GPT2 --hardware A100 --require 'bottleneck==Memory'").exit_code, 0);
  EXPECT_EQ(run_cli("--no-such-flag").exit_code, 1);
}

TEST(Cli, RunAnswersEveryNonEmptyLineInOrder) {
  std::string requests =
      R"({"id": "a", "solver": "roofline", "inputs": {"model": "GPT2", "hardware": "A100"}})"
      "\n\n   \n"
      "this is not json\n"
      R"({"id": "c", "solver": "roofline", "inputs": {"model": "GPT2", "hardware": "A100", "batch_size": 0}})"
      "\n";
  CliResult r = run_cli("run", requests);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["id"], "a");
  EXPECT_TRUE(lines[0].contains("outputs"));
  EXPECT_TRUE(lines[1]["id"].is_null());
  EXPECT_NE(lines[1]["error"]["message"].get<std::string>().find("line 4"), std::string::npos);
  EXPECT_EQ(lines[2]["id"], "c");
  EXPECT_EQ(lines[2]["error"]["field"], "batch_size");
}

TEST(Cli, ZooAndPluginsShow) {
  CliResult hw = run_cli("zoo hardware -o json");
  ASSERT_EQ(hw.exit_code, 0) << hw.err;
  EXPECT_EQ(Json::parse(hw.out).size(), 27u);
  CliResult models = run_cli("zoo models -o json");
  EXPECT_EQ(Json::parse(models.out).size(), 19u);
  CliResult show = run_cli("plugins show roofline -o json");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  Json info = Json::parse(show.out);
  EXPECT_EQ(info["name"], "roofline:reference");
  EXPECT_EQ(info["inputs"][0]["name"], "model");
  EXPECT_EQ(info["inputs"][3]["name"], "batch_size");
  EXPECT_EQ(info["inputs"][3]["default"], 1);
  EXPECT_EQ(info["inputs"][3]["constraint"], "must be >= 1");
  EXPECT_EQ(info["inputs"][4]["name"], "precision");
  EXPECT_TRUE(info["inputs"][4]["constraint"].is_null()) << "0.1.0 takes any precision string";
  EXPECT_EQ(info["outputs"].size(), 17u);
  EXPECT_EQ(run_cli("plugins show nosuch").exit_code, 1);
}

TEST(Cli, SweepIsTheCartesianProduct) {
  CliResult r = run_cli("sweep roofline --over model=ResNet50,GPT2 --over hardware=A100,H100,T4 "
                        "--columns latency,bottleneck -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json runs = Json::parse(r.out);
  ASSERT_EQ(runs.size(), 6u);
  EXPECT_EQ(runs[5]["inputs"]["model"], "GPT2");
  EXPECT_EQ(runs[5]["inputs"]["hardware"], "T4");
}

}  // namespace
}  // namespace mlsysim::testing
