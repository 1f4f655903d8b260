// Serving at scale through the front ends: `optimize batching`, `serve
// --qps` (continuous batching, then the queue of request slots), the
// replicas-for-P99 pipeline and ranking a sweep by an axis. Expected figures
// come from physics-more.md §3 or from the contracts solved one by one.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

TEST(ServingFrontEnds, OptimizeBatchingPrintsTheLargestBatchThatMeetsTheSla) {
  const std::string args = "optimize batching --model Llama3_8B --hardware H100 --seq-len 128 --sla-latency-ms 1500 "
                           "--arrival-rate-qps 2 --num-replicas 3";
  CliResult table = run_cli(args);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  const Json solved = run_request("batching", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"seq_len", 128},
                                               {"sla_latency_ms", 1500}, {"arrival_rate_qps", 2}, {"num_replicas", 3}});
  const std::string best = std::to_string(solved["outputs"]["best_batch_size"].get<int>());
  EXPECT_NE(table.out.find("\n" + best + " "), std::string::npos) << table.out;
  CliResult json = run_cli(args + " -o json");
  EXPECT_EQ(Json::parse(json.out)["outputs"], solved["outputs"]);
  // physics-more.md §3.4: 128 tokens at 20 requests/s within 2000 ms: no batch size; --require says so.
  CliResult none = run_cli("optimize batching --model Llama3_8B --hardware H100 --seq-len 128 --sla-latency-ms 2000 "
                           "--arrival-rate-qps 20 --require is_feasible==true");
  EXPECT_EQ(none.exit_code, 3) << none.out << none.err;
  EXPECT_NE(none.out.find("no batch size meets the SLA"), std::string::npos) << none.out;
}

struct LoadView {
  Json serving, batching, queue;
};

LoadView serve_under_load(const std::string& args) {
  CliResult r = run_cli("serve " + args + " -o json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const Json doc = Json::parse(r.out);
  return {doc, doc["continuous_batching"], doc["tail_latency"]};
}

TEST(ServingFrontEnds, ServeUnderLoadAdmitsWhatThePagedCacheHolds) {
  // physics-more.md §3.1: Llama-3.1-8B on an H100, 2048 tokens, up to 64 requests, pages of 16: all 64 fit,
  // 17.179869184 GB of KV, decode step 9.922349010149254 ms, 1.3305795516764802x static batching.
  const LoadView v = serve_under_load("Llama3_8B H100 -s 2048 --output-tokens 256 --qps 100 --replicas 5 "
                                      "--max-batch-size 64 --page-size 16");
  const Json& cb = v.batching["outputs"];
  EXPECT_EQ(cb["max_active_requests"], 64) << v.batching.dump();
  EXPECT_NEAR(cb["paged_kv_cache_size"]["value"].get<double>(), 17.179869184e9, 1);
  EXPECT_NEAR(cb["itl"]["value"].get<double>(), 9.922349010149254e-3, 1e-9 * 9.9e-3);
  EXPECT_NEAR(cb["speedup_vs_static"].get<double>(), 1.3305795516764802, 1e-9);
  // The queue: 5 x 64 slots, each serving TTFT + 255 decode steps, at 100 requests/s.
  const double service = v.serving["outputs"]["ttft"]["value"].get<double>() + 255 * cb["itl"]["value"].get<double>();
  const Json queue = run_request("tail_latency", {{"arrival_rate_qps", 100}, {"service_latency_ms", service * 1000},
                                                  {"num_replicas", 320}});
  EXPECT_EQ(v.queue["outputs"], queue["outputs"]) << v.queue.dump();
  EXPECT_NEAR(v.queue["outputs"]["queue_utilization"].get<double>(), 100 * service / 320, 1e-12);
}

TEST(ServingFrontEnds, ServeUnderLoadWithNothingAdmittedHasAnInfiniteTail) {
  // Llama-3.1-70B at fp16 (141 GB) does not fit an 85.9 GB H100: no slot, no service, P99 infinite.
  CliResult r = run_cli("serve Llama3_70B H100 -s 2048 --qps 1 --require 'p99_latency<=5 s'");
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("none: no request fits"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("p99_latency = inf"), std::string::npos) << r.err;
}

TEST(ServingFrontEnds, ServeUnderLoadRefusesBadLoadOptionsByName) {
  CliResult rate = run_cli("serve Llama3_8B H100 -s 2048 --qps fast");
  EXPECT_EQ(rate.exit_code, 1);
  EXPECT_NE(rate.err.find("arrival_rate_qps"), std::string::npos) << rate.err;
  CliResult page = run_cli("serve Llama3_8B H100 -s 2048 --qps 10 --page-size 0");
  EXPECT_EQ(page.exit_code, 1);
  EXPECT_NE(page.err.find("page_size"), std::string::npos) << page.err;
}

TEST(ServingFrontEnds, TheReplicasPipelineFindsTheFewestReplicasThatMeetTheTarget) {
  CliResult r = run_cli("pipeline run '" MLSYSIM_SOURCE_DIR "/examples/pipelines/replicas-for-p99.json' "
                        "--where 'p99 <= 3 s' --top 1 --by replicas --asc -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json runs = Json::parse(r.out);
  ASSERT_EQ(runs.size(), 1u) << r.out;
  // Stable needs 100/s < replicas x 64 / service: the first replica count past 100 x service / 64.
  const Json llm = run_request("serving", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"seq_len", 2048}});
  const Json batch = run_request("continuous_batching", {{"model", "Llama3_8B"}, {"hardware", "H100"},
                                                         {"seq_len", 2048}, {"max_batch_size", 64}});
  const double service = output_number(llm, "ttft") + 255 * output_number(batch, "itl");
  const int fewest_stable = static_cast<int>(std::floor(100 * service / 64)) + 1;
  EXPECT_EQ(runs[0]["inputs"]["replicas"], fewest_stable) << runs[0].dump();
  EXPECT_LE(runs[0]["outputs"]["p99"]["value"].get<double>(), 3.0);
}

TEST(ServingFrontEnds, ASweepRanksByANumericAxis) {
  // physics-more.md §3.3: 5000/s of 10 ms requests meet P99 <= 11 ms on 64 replicas (10.943 ms), not on 63.
  CliResult r = run_cli("sweep tail_latency --set arrival_rate_qps=5000 --set service_latency_ms=10 "
                        "--over num_replicas=1..100 --where 'p99_latency <= 11 ms' --top 1 --by num_replicas --asc "
                        "--columns p99_latency -o csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('.')), "num_replicas,p99_latency\n64,0") << r.out;
  EXPECT_GT(output_number(run_request("tail_latency", {{"arrival_rate_qps", 5000}, {"service_latency_ms", 10},
                                                       {"num_replicas", 63}}), "p99_latency"), 0.011);
  CliResult words = run_cli("sweep serving --set model=Llama3_8B --set seq_len=128 --over hardware=A100,H100 "
                            "--top 1 --by hardware");
  EXPECT_EQ(words.exit_code, 1);
  EXPECT_NE(words.err.find("axis 'hardware' is not a number"), std::string::npos) << words.err;
}

}  // namespace
}  // namespace mlsysim::testing
