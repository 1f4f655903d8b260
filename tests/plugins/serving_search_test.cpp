// The batching optimizer and inference scaling beyond their reference cases
// (physics-more.md §3.4-3.5): batching finds the batch 0.1.0's exhaustive
// search finds, found here independently by running serving and
// tail_latency for every batch size; no batch meeting the SLA is an answer;
// refusals where 0.1.0 dies of a Python accident.
#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

struct Demand {
  std::string model, hardware;
  int seq_len;
  double sla_ms, qps, replicas;
  int most;
};

Json batching_inputs(const Demand& d) {
  return {{"model", d.model}, {"hardware", d.hardware}, {"seq_len", d.seq_len}, {"sla_latency_ms", d.sla_ms},
          {"arrival_rate_qps", d.qps}, {"num_replicas", d.replicas}, {"max_search_batch", d.most}};
}

std::vector<Json> run_all(const std::vector<Json>& requests) {
  std::string text;
  for (const Json& r : requests) text += r.dump() + "\n";
  CliResult run = run_cli("run -", text);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return json_lines(run.out);
}

// 0.1.0's rule, step by step: every batch size through serving, the fitting
// ones through tail_latency at rate / b, the largest stable one within the SLA.
int exhaustive_best_batch(const Demand& d) {
  std::vector<Json> serving;
  for (int b = 1; b <= d.most; ++b)
    serving.push_back({{"id", b}, {"solver", "serving"},
                       {"inputs", {{"model", d.model}, {"hardware", d.hardware}, {"seq_len", d.seq_len}, {"batch_size", b}}}});
  std::vector<Json> queues;
  for (const Json& r : run_all(serving)) {
    const Json& o = r["outputs"];
    if (!o["feasible"].get<bool>()) continue;
    const double service_ms = (o["ttft"]["value"].get<double>() + d.seq_len * o["itl"]["value"].get<double>()) * 1000;
    const int b = r["id"].get<int>();
    queues.push_back({{"id", b}, {"solver", "tail_latency"},
                      {"inputs", {{"arrival_rate_qps", d.qps / b}, {"service_latency_ms", service_ms},
                                  {"num_replicas", d.replicas}}}});
  }
  int best = 0;
  for (const Json& q : run_all(queues))
    if (q["outputs"]["is_stable"].get<bool>() && !(output_number(q, "p99_latency") * 1000 > d.sla_ms))
      best = q["id"].get<int>();
  return best;
}

TEST(Batching, FindsTheBatchMlsysimsExhaustiveSearchFinds) {
  for (const Demand& d : {Demand{"Llama3_8B", "H100", 128, 1500, 2, 3, 256},  // fits to 256, 175 meets the SLA
                          Demand{"Llama3_8B", "H100", 128, 5000, 2, 1, 64},
                          Demand{"Llama3_8B", "T4", 256, 4000, 0.5, 1, 48},  // nothing meets it
                          Demand{"GPT2", "A100", 128, 2547, 19.6309, 1, 128}}) {
    const Json r = run_request("batching", batching_inputs(d));
    EXPECT_EQ(r["outputs"]["best_batch_size"], exhaustive_best_batch(d)) << r.dump();
    EXPECT_EQ(r["outputs"]["total_searched"], d.most);
  }
}

TEST(Batching, NoBatchMeetingTheSlaIsAnAnswerOfZeros) {
  // physics-more.md §3.4: Llama-3.1-8B on H100, 128 tokens, 2000 ms at 20 requests/s: infeasible.
  const Json r = run_request("batching", batching_inputs({"Llama3_8B", "H100", 128, 2000, 20, 1, 256}));
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_EQ(r["outputs"]["is_feasible"], false);
  EXPECT_EQ(r["outputs"]["best_config"]["max_batch_size"], 0);
  EXPECT_EQ(output_number(r, "p99_latency"), 0.0);
  EXPECT_EQ(output_number(r, "max_throughput"), 0.0);
}

TEST(Batching, ThroughputIsTheArrivalRateTimesTheSequenceWhateverTheBatch) {
  // 0.1.0 reports arrival_rate_qps x seq_len: 2/s x 128 tokens = 256 tokens/s at batch 64 (§3.4).
  const Json r = run_request("batching", batching_inputs({"Llama3_8B", "H100", 128, 5000, 2, 1, 64}));
  EXPECT_EQ(r["outputs"]["best_batch_size"], 64) << r.dump();
  EXPECT_EQ(output_number(r, "max_throughput"), 256.0);
  EXPECT_NEAR(output_number(r, "p99_latency"), 2.056239859134591, 1e-9 * 2.06);
  EXPECT_NEAR(output_number(r, "slo_violation_probability"), 0.22713848678546952, 1e-9);
}

TEST(Batching, RefusesWhereMlsysimDiesOfAPythonAccident) {
  const Json base = batching_inputs({"Llama3_8B", "H100", 128, 2000, 20, 1, 256});
  auto with = [&](const char* key, Json value) {
    Json inputs = base;
    inputs[key] = std::move(value);
    return inputs;
  };
  expect_refused("batching", with("model", "ResNet50"), "model");
  expect_refused("batching", with("model", "Mamba_2_8B"), "model");
  expect_refused("batching", with("max_search_batch", 0), "max_search_batch");
  expect_refused("batching", with("max_search_batch", 100000000), "max_search_batch");
  expect_refused("batching", with("efficiency", 0), "efficiency");
  expect_refused("batching", with("sla_latency_ms", "inf"), "sla_latency_ms");
  const Json typo = run_request("batching", with("hardware", "H10"));
  EXPECT_EQ(typo["error"]["code"], "unknown_name") << typo.dump();
  EXPECT_NE(typo["error"]["message"].get<std::string>().find("did you mean"), std::string::npos);
}

TEST(InferenceScaling, EachStepDecodesFiftyTokensAfterOnePrefill) {
  // physics-more.md §3.5: Llama-3.1-70B on B200: 1 step is TTFT + 50 x ITL = 1193.5224962468978 ms.
  const Json r = run_request("inference_scaling", {{"model", "Llama3_70B"}, {"hardware", "B200"}, {"reasoning_steps", 1}});
  EXPECT_NEAR(output_number(r, "total_reasoning_time"), 1.1935224962468978, 1e-9 * 1.19) << r.dump();
  EXPECT_EQ(r["outputs"]["tokens_generated"], 50);
  // On an H100 the 70B model does not fit (feasible false) and still gets a time: 17866.864161461144 ms.
  const Json h100 = run_request("inference_scaling", {{"model", "Llama3_70B"}, {"hardware", "H100"}});
  EXPECT_EQ(h100["outputs"]["feasible"], false) << h100.dump();
  EXPECT_NEAR(output_number(h100, "total_reasoning_time"), 17.866864161461144, 1e-9 * 17.9);
}

TEST(InferenceScaling, CarriesServingsWholeAnswer) {
  const Json r = run_request("inference_scaling", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"context_length", 4096}});
  const Json s = run_request("serving", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"seq_len", 4096}});
  for (const char* field : {"feasible", "ttft", "itl", "kv_cache_size", "model_weights_size", "total_memory_required",
                            "memory_utilization", "prompt_cache_hit_ratio"})
    EXPECT_EQ(r["outputs"]["serving_detail"][field], s["outputs"][field]) << field;
}

TEST(InferenceScaling, RefusesWhereMlsysimDiesOfAPythonAccident) {
  expect_refused("inference_scaling", {{"model", "ResNet50"}, {"hardware", "H100"}}, "model");
  expect_refused("inference_scaling", {{"model", "Mamba_2_8B"}, {"hardware", "H100"}}, "model");
  expect_refused("inference_scaling", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"efficiency", 0}}, "efficiency");
  expect_refused("inference_scaling", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"context_length", 0}},
                 "context_length");
}

}  // namespace
}  // namespace mlsysim::testing
