// The serving-at-scale contracts beyond their reference cases: an unstable
// queue is an answer (P99 infinite) that --where filters out, 0.1.0's odd
// answers kept (fractional replicas, negative arrival rates), refusals,
// and large replica counts answered without 0.1.0's term-per-replica loop
// (physics-more.md §3).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

Json tail(double qps, double service_ms, double replicas, double cv = 1.0) {
  return run_request("tail_latency", {{"arrival_rate_qps", qps}, {"service_latency_ms", service_ms},
                                      {"num_replicas", replicas}, {"service_time_cv", cv}});
}

TEST(TailLatency, AnUnstableQueueIsAnAnswerWithAnInfiniteTail) {
  const Json r = tail(150, 10, 1);
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_EQ(r["outputs"]["p99_latency"]["value"], "inf");
  EXPECT_EQ(r["outputs"]["is_stable"], false);
  EXPECT_EQ(r["outputs"]["queue_utilization"], 1.0);
  CliResult table = run_cli("solve tail_latency --set arrival_rate_qps=150 --set service_latency_ms=10");
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("inf"), std::string::npos) << table.out;
}

TEST(TailLatency, WhereKeepsOnlyQueuesThatMeetTheTarget) {
  // physics-more.md §3.3: 10 ms service on one replica: P99 88.24 ms at 50/s, 229.1 ms at 80/s, unstable at 150/s.
  CliResult r = run_cli("sweep tail_latency --set service_latency_ms=10 --over arrival_rate_qps=50,80,150 "
                        "--where 'p99_latency <= 100 ms' --columns p99_latency -o csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string prefix = "arrival_rate_qps,p99_latency\n50,";
  ASSERT_EQ(r.out.substr(0, prefix.size()), prefix) << r.out;
  EXPECT_NEAR(std::stod(r.out.substr(prefix.size())), 0.08824046010856291, 1e-9 * 0.0882) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2) << r.out;  // 80/s and 150/s miss the target
}

TEST(TailLatency, FractionalAndZeroReplicasAreOneAsInMlsysim) {
  for (double replicas : {0.0, 0.5, 1.9})
    EXPECT_NEAR(output_number(tail(50, 10, replicas), "p99_latency"), 0.08824046010856291, 1e-15) << replicas;
}

TEST(TailLatency, ANegativeArrivalRateIsANegativeUtilisationAndNoWait) {
  const Json r = tail(-50, 10, 1);
  EXPECT_EQ(output_number(r, "queue_utilization"), -0.5) << r.dump();
  EXPECT_EQ(output_number(r, "p99_latency"), 0.01);
  EXPECT_EQ(r["outputs"]["is_stable"], true);
}

TEST(TailLatency, AMillionReplicasAnswerAtOnce) {
  // At 90% load on 10^6 replicas the chance of waiting is below 1e-300: P99 is the service time.
  const Json r = tail(0.9e8, 10, 1e6);
  EXPECT_EQ(output_number(r, "p99_latency"), 0.01) << r.dump();
  EXPECT_NEAR(output_number(r, "queue_utilization"), 0.9, 1e-15);
  // physics-more.md §3.3: 5000/s on 64 replicas of 10 ms: P99 10.943185381538557 ms.
  EXPECT_NEAR(output_number(tail(5000, 10, 64), "p99_latency"), 0.010943185381538557, 1e-9 * 0.0109);
}

TEST(TailLatency, RefusesANegativeCvAndAnEndlessReplicaCount) {
  expect_refused("tail_latency", {{"arrival_rate_qps", 50}, {"service_latency_ms", 10}, {"service_time_cv", -0.1}},
                 "service_time_cv");
  expect_refused("tail_latency", {{"arrival_rate_qps", 50}, {"service_latency_ms", 10}, {"num_replicas", 1e12}},
                 "num_replicas");
}

TEST(ContinuousBatching, PagedKvAdmitsWhatFitsBesideTheWeights) {
  // physics-more.md §3.1: Llama-3.1-8B on H100, 2000-token contexts in pages of 128 (padded to 2048,
  // 2.34375% empty), up to 512 requests: 260 fit, 10145.22 tokens/s, 1.1247x static batching.
  const Json r = run_request("continuous_batching", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"seq_len", 2000},
                                                     {"max_batch_size", 512}, {"page_size", 128}});
  EXPECT_EQ(r["outputs"]["max_active_requests"], 260) << r.dump();
  EXPECT_NEAR(output_number(r, "memory_fragmentation_pct"), 0.0234375, 1e-15);
  EXPECT_NEAR(output_number(r, "throughput_tokens_per_sec"), 10145.222446043612, 1e-9 * 10145.2);
  EXPECT_NEAR(output_number(r, "speedup_vs_static"), 1.1247089724328057, 1e-9);
}

TEST(ContinuousBatching, WeightsThatDoNotFitAnswerWithAMillisecondsMillionItl) {
  // Llama-3.1-70B at fp16 (141.2 GB) on an 85.9 GB H100: no request, ITL 1,000,000 ms, and the TTFT
  // still priced for max_batch_size requests (linear in it, past the 0.01 ms dispatch tax).
  auto request = [](int batch) {
    return run_request("continuous_batching", {{"model", "Llama3_70B"}, {"hardware", "H100"}, {"seq_len", 2048},
                                               {"max_batch_size", batch}});
  };
  const Json one = request(1), eight = request(8);
  EXPECT_EQ(one["outputs"]["feasible"], false) << one.dump();
  EXPECT_EQ(one["outputs"]["max_active_requests"], 0);
  EXPECT_EQ(output_number(one, "itl"), 1000.0);
  const double tax = 1e-5;
  EXPECT_NEAR(output_number(eight, "ttft") - tax, 8 * (output_number(one, "ttft") - tax), 1e-9);
}

TEST(ContinuousBatching, RefusesWhereMlsysimDiesOfAPythonAccident) {
  expect_refused("continuous_batching", {{"model", "ResNet50"}, {"hardware", "H100"}, {"seq_len", 2048}}, "model");
  expect_refused("continuous_batching", {{"model", "DLRM"}, {"hardware", "H100"}, {"seq_len", 2048}}, "model");
  expect_refused("continuous_batching", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"seq_len", 2048},
                                         {"page_size", 0}}, "page_size");
  expect_refused("continuous_batching", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"seq_len", 0}}, "seq_len");
  expect_refused("continuous_batching", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"seq_len", 2048},
                                         {"efficiency", 0}}, "efficiency");
}

TEST(Efficiency, KeepsMlsysimsAnswersForEfficiencyZeroAndAboveOne) {
  // physics-more.md §4.2: the MFU scales with efficiency / 0.5 and is clamped to [0, 1].
  const Json zero = run_request("efficiency", {{"model", "GPT2"}, {"hardware", "H100"}, {"efficiency", 0}});
  EXPECT_EQ(output_number(zero, "mfu"), 0.0) << zero.dump();
  EXPECT_EQ(zero["outputs"]["overhead_breakdown"]["occupancy_loss"], 1.0);
  const Json high = run_request("efficiency", {{"model", "GPT2"}, {"hardware", "H100"}, {"efficiency", 2.5},
                                               {"workload_type", "other"}});
  EXPECT_EQ(output_number(high, "mfu"), 1.0) << high.dump();
  EXPECT_EQ(high["outputs"]["overhead_breakdown"]["memory_stall"], 0.0);
  EXPECT_EQ(output_number(high, "achievable_flops"), 989e12);
}

TEST(Efficiency, RefusesUnknownHardwareAndNonFiniteEfficiency) {
  const Json r = run_request("efficiency", {{"model", "GPT2"}, {"hardware", "H10"}});
  EXPECT_EQ(r["error"]["code"], "unknown_name") << r.dump();
  EXPECT_EQ(r["error"]["field"], "hardware");
  CliResult inf = run_cli("solve efficiency --model GPT2 --hardware H100 --set efficiency=nan");
  EXPECT_NE(inf.exit_code, 0);
  EXPECT_NE(inf.err.find("efficiency"), std::string::npos) << inf.err;
}

}  // namespace
}  // namespace mlsysim::testing
