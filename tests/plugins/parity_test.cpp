// Every reference case (inputs and outputs of the real MLSys·im 0.1.0) runs
// through `mlsysim run` and must match field by field to 1e-9 relative.
#include <gtest/gtest.h>

#include <sstream>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

void expect_parity(const std::string& file, std::size_t expected_count,
                   const std::set<std::string>& beyond_reference = {}) {
  std::vector<Json> cases = read_cases(std::string(MLSYSIM_TEST_DATA_DIR) + "/" + file);
  ASSERT_EQ(cases.size(), expected_count) << file;
  std::string requests;
  for (const Json& c : cases) requests += request_of(c) + "\n";

  CliResult run = run_cli("run -", requests);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string line;
  std::size_t i = 0, failures = 0;
  while (std::getline(lines, line)) {
    ASSERT_LT(i, cases.size()) << "more responses than requests";
    std::string diff = compare_with_expected(cases[i], Json::parse(line), beyond_reference);
    if (!diff.empty() && ++failures <= 10)
      ADD_FAILURE() << cases[i]["id"].dump() << ":\n" << diff;
    ++i;
  }
  EXPECT_EQ(i, cases.size()) << "one response per request";
  EXPECT_EQ(failures, 0u);
}

// ridge_point is this package's: 0.1.0 has the intensity but not the ridge it is compared with.
TEST(Parity, RooflineMatchesMlsysim) { expect_parity("roofline.jsonl", 599, {"ridge_point"}); }
// The ridge point is the reference's own derated peak over its served
// bandwidth, and it splits the reference's bottlenecks: memory-bound exactly
// when the intensity is below it.
TEST(Parity, RooflineRidgePointSplitsTheReferenceBottlenecks) {
  std::string requests;
  const std::vector<Json> cases = read_cases(std::string(MLSYSIM_TEST_DATA_DIR) + "/roofline.jsonl");
  for (const Json& c : cases) requests += request_of(c) + "\n";
  const CliResult run = run_cli("run -", requests);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string line;
  std::size_t split = 0;
  for (const Json& c : cases) {
    ASSERT_TRUE(std::getline(lines, line));
    const Json& expected = c["expected"]["outputs"];
    if (!expected.is_object()) continue;  // an error case
    const Json response = Json::parse(line);
    const double ridge = response["outputs"]["ridge_point"]["value"];
    const double flops = expected["peak_flops_actual"]["value"], bandwidth = expected["peak_bw_actual"]["value"];
    EXPECT_NEAR(ridge, flops / bandwidth, 1e-12 * ridge) << c["id"];
    const Json& ai = expected["arithmetic_intensity"];
    if (!ai.is_object() || !(ai["value"].get<double>() > 0)) continue;  // no traffic or no ops: no intensity
    EXPECT_EQ(expected["bottleneck"] == "Memory", ai["value"].get<double>() < ridge) << c["id"];
    ++split;
  }
  EXPECT_GT(split, 500u);
}

TEST(Parity, DataMatchesMlsysim) { expect_parity("data.jsonl", 12); }
TEST(Parity, TransformationMatchesMlsysim) { expect_parity("transformation.jsonl", 19); }
TEST(Parity, SensitivityMatchesMlsysim) { expect_parity("sensitivity.jsonl", 24); }
TEST(Parity, SynthesisMatchesMlsysim) { expect_parity("synthesis.jsonl", 30); }
// The serving solver's derived figures are checked in serving_test.cpp.
TEST(Parity, ServingMatchesMlsysim) {
  expect_parity("serving.jsonl", 131, {"decode_throughput", "request_latency", "max_batch_size"});
}

TEST(Parity, DistributedMatchesMlsysim) { expect_parity("distributed.jsonl", 49); }
TEST(Parity, TopologyMatchesMlsysim) { expect_parity("topology.jsonl", 65); }
TEST(Parity, ReliabilityMatchesMlsysim) { expect_parity("reliability.jsonl", 29); }
TEST(Parity, CheckpointMatchesMlsysim) { expect_parity("checkpoint.jsonl", 37); }
TEST(Parity, ScalingMatchesMlsysim) { expect_parity("scaling.jsonl", 28); }
TEST(Parity, ParallelismMatchesMlsysim) { expect_parity("parallelism.jsonl", 32); }

TEST(Parity, SustainabilityMatchesMlsysim) { expect_parity("sustainability.jsonl", 36); }
TEST(Parity, EconomicsMatchesMlsysim) { expect_parity("economics.jsonl", 37); }
TEST(Parity, PlacementMatchesMlsysim) { expect_parity("placement.jsonl", 25); }
TEST(Parity, OrchestrationMatchesMlsysim) { expect_parity("orchestration.jsonl", 16); }
TEST(Parity, ResponsibleEngineeringMatchesMlsysim) { expect_parity("responsible_engineering.jsonl", 15); }

TEST(Parity, TailLatencyMatchesMlsysim) { expect_parity("tail_latency.jsonl", 45); }
TEST(Parity, ContinuousBatchingMatchesMlsysim) { expect_parity("continuous_batching.jsonl", 41); }
TEST(Parity, EfficiencyMatchesMlsysim) { expect_parity("efficiency.jsonl", 48); }
TEST(Parity, BatchingMatchesMlsysim) { expect_parity("batching.jsonl", 28); }
TEST(Parity, InferenceScalingMatchesMlsysim) { expect_parity("inference_scaling.jsonl", 34); }
TEST(Parity, WeightStreamingMatchesMlsysim) { expect_parity("weight_streaming.jsonl", 39); }
TEST(Parity, CompressionMatchesMlsysim) { expect_parity("compression.jsonl", 72); }

}  // namespace
}  // namespace mlsysim::testing
