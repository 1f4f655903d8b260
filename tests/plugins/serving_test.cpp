// The serving solver beyond the reference cases: speculative decoding,
// disaggregated decode, prompt caching, precisions, the figures derived from
// 0.1.0's outputs, and every refused input with its field. Expected values
// are computed here from physics.md §7 and the zoo's numbers (zoo.md), never
// read back from the program.
#include <gtest/gtest.h>

#include <cmath>

#include "mlsysim/registry/session.hpp"
#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

constexpr double kGiB = 1073741824.0;
constexpr double kMs = 1e-3;

// Zoo facts (zoo.md): bandwidths, capacities, peaks and dispatch taxes.
constexpr double kH100Bandwidth = 3.35e12, kH100Capacity = 80 * kGiB, kH100Peak = 989e12;
constexpr double kH100Dispatch = 0.01 * kMs;
constexpr double kA100Peak = 312e12, kA100Dispatch = 0.015 * kMs;
constexpr double kH200Bandwidth = 4.8e12, kH200Capacity = 141e9;

// Llama-3.1-8B: 8.03e9 parameters, 32 layers, hidden 4096, 32 heads, 8 KV heads.
constexpr double kLlama8BParams = 8.03e9;
constexpr double kLlama8BKvPerToken = 2.0 * 32 * 8 * 128;  // elements per token and sequence

Record solve_serving(const Record& inputs) {
  const Registry& r = default_registry();
  Session session(r);
  Result<Record> out = r.solve("serving", inputs, session);
  EXPECT_TRUE(out.ok()) << (out.ok() ? "" : describe(out.error()));
  return out.ok() ? *out : Record{};
}

Error refused(const Record& inputs) {
  const Registry& r = default_registry();
  Session session(r);
  Result<Record> out = r.solve("serving", inputs, session);
  EXPECT_FALSE(out.ok()) << "accepted";
  return out.ok() ? Error{} : out.error();
}

Record llama8b_on_h100(std::int64_t seq_len, std::int64_t batch) {
  const Registry& r = default_registry();
  return Record{{"model", Value(*r.model("Llama3_8B"))},
                {"hardware", Value(*r.hardware("H100"))},
                {"seq_len", Value(seq_len)},
                {"batch_size", Value(batch)}};
}

double seconds(const Record& out, const char* name) { return out.get<Seconds>(name)->value(); }
double bytes(const Record& out, const char* name) { return out.get<Bytes>(name)->value(); }

TEST(Serving, SpeculativeDecodingAmortisesFourDraftStepsOverTheExpectedTokens) {
  const Registry& r = default_registry();
  Record in = llama8b_on_h100(1024, 1);
  in.set("model", Value(*r.model("Llama3_70B")));
  in.set("hardware", Value(*r.hardware("H200")));
  in.set("draft_model", Value(*r.model("Llama3_8B")));
  in.set("draft_acceptance_rate", Value(0.6));
  const Record out = solve_serving(in);

  const double kv = 2.0 * 80 * 8 * 128 * 1024 * 2;        // Llama-3.1-70B, GQA
  const double kv_draft = kLlama8BKvPerToken * 1024 * 2;  // the draft's own KV cache
  const double w = 70.6e9 * 2, w_draft = kLlama8BParams * 2;
  const double target = (w + kv) / kH200Bandwidth + 80 * 0.01 * kMs;
  const double draft = (w_draft + kv_draft) / kH200Bandwidth;
  const double expected_tokens = 1 + 0.6 * (1 - std::pow(0.6, 4)) / (1 - 0.6);
  EXPECT_NEAR(seconds(out, "itl"), (4 * draft + target) / expected_tokens, 1e-15);
  // The draft's weights count against memory, its KV cache does not.
  EXPECT_DOUBLE_EQ(bytes(out, "total_memory_required"), w + kv + w_draft);
  EXPECT_DOUBLE_EQ(bytes(out, "kv_cache_size"), kv);
}

TEST(Serving, CertainAcceptanceGivesOnePlusFourTokensPerStep) {
  const Registry& r = default_registry();
  Record in = llama8b_on_h100(512, 1);
  in.set("draft_model", Value(*r.model("GPT2")));
  in.set("draft_acceptance_rate", Value(1.0));
  const Record out = solve_serving(in);
  const double kv = kLlama8BKvPerToken * 512 * 2;
  const double target = (kLlama8BParams * 2 + kv) / kH100Bandwidth + 32 * 0.01 * kMs;
  const double gpt2_kv = 2.0 * 48 * 25 * 64 * 512 * 2;  // GPT-2: no kv_heads, 25 heads of 64
  const double draft = (1.5e9 * 2 + gpt2_kv) / kH100Bandwidth;
  EXPECT_NEAR(seconds(out, "itl"), (4 * draft + target) / 5, 1e-15);
}

TEST(Serving, DisaggregatedDecodeAddsTheKvTransferToTtftAndDecodesOnTheSecondDevice) {
  const Registry& r = default_registry();
  Record in = llama8b_on_h100(4096, 4);
  in.set("hardware", Value(*r.hardware("A100")));
  in.set("decode_hardware", Value(*r.hardware("H200")));
  in.set("network_bandwidth", Value(25e9 * unit::bytes_per_second));
  const Record out = solve_serving(in);

  const double kv = kLlama8BKvPerToken * 4096 * 4 * 2;
  const double linear = 2 * kLlama8BParams * 4096 * 4;
  const double attention = 4.0 * 32 * 32 * 128 * 4096 * 4096 * 4;
  const double ttft = (linear + attention) / (kA100Peak * 0.5) + kA100Dispatch + kv / 25e9;
  EXPECT_NEAR(seconds(out, "ttft"), ttft, 1e-12 * ttft);
  const double itl = (kLlama8BParams * 2 + kv) / kH200Bandwidth + 32 * 0.01 * kMs;
  EXPECT_NEAR(seconds(out, "itl"), itl, 1e-15);
  // Feasibility and utilisation are judged on the decode device (H200).
  EXPECT_DOUBLE_EQ(*out.find("memory_utilization")->if_number(),
                   (kLlama8BParams * 2 + kv) / kH200Capacity);
}

TEST(Serving, CachedPrefixShortensPrefillButTheWholeContextStaysInTheKvCache) {
  Record in = llama8b_on_h100(2048, 1);
  in.set("cached_prefix_len", Value(std::int64_t{1536}));
  const Record out = solve_serving(in);
  const double fresh = 512;
  const double ops = 2 * kLlama8BParams * fresh + 4.0 * 32 * 32 * 128 * fresh * 2048;
  EXPECT_NEAR(seconds(out, "ttft"), ops / (kH100Peak * 0.5) + kH100Dispatch, 1e-15);
  EXPECT_DOUBLE_EQ(bytes(out, "kv_cache_size"), kLlama8BKvPerToken * 2048 * 2);
  EXPECT_DOUBLE_EQ(*out.find("prompt_cache_hit_ratio")->if_number(), 0.75);
}

TEST(Serving, NegativeCachedPrefixIsAcceptedAsIn010AddingPrefillTokens) {
  Record in = llama8b_on_h100(100, 1);
  in.set("cached_prefix_len", Value(std::int64_t{-20}));
  const Record out = solve_serving(in);
  const double ops = 2 * kLlama8BParams * 120 + 4.0 * 32 * 32 * 128 * 120 * 100;
  EXPECT_NEAR(seconds(out, "ttft"), ops / (kH100Peak * 0.5) + kH100Dispatch, 1e-15);
  EXPECT_DOUBLE_EQ(*out.find("prompt_cache_hit_ratio")->if_number(), -0.2);
}

TEST(Serving, Int4HalvesTheBytesAndFp8UsesTheListedPeak) {
  Record in = llama8b_on_h100(1000, 3);
  in.set("precision", Value("int4"));
  Record out = solve_serving(in);
  EXPECT_DOUBLE_EQ(bytes(out, "model_weights_size"), kLlama8BParams * 0.5);
  EXPECT_DOUBLE_EQ(bytes(out, "kv_cache_size"), kLlama8BKvPerToken * 1000 * 3 * 0.5);

  in.set("precision", Value("fp8"));
  out = solve_serving(in);
  const double ops = 2 * kLlama8BParams * 1000 * 3 + 4.0 * 32 * 32 * 128 * 1000 * 1000 * 3;
  EXPECT_NEAR(seconds(out, "ttft"), ops / (1979e12 * 0.5) + kH100Dispatch, 1e-15);
}

TEST(Serving, ModelsWithoutKvHeadsCountFullMultiHeadAttention) {
  const Registry& r = default_registry();
  Record in = llama8b_on_h100(1024, 1);
  in.set("model", Value(*r.model("Llama2_70B")));
  const Record out = solve_serving(in);
  EXPECT_DOUBLE_EQ(bytes(out, "kv_cache_size"), 2.0 * 80 * 64 * 128 * 1024 * 2);
}

// Derived figures.

TEST(ServingDerived, DecodeThroughputIsBatchOverItl) {
  const Record out = solve_serving(llama8b_on_h100(2048, 16));
  const double kv = kLlama8BKvPerToken * 2048 * 16 * 2;
  const double itl = (kLlama8BParams * 2 + kv) / kH100Bandwidth + 32 * 0.01 * kMs;
  EXPECT_NEAR(out.get<Frequency>("decode_throughput")->value(), 16 / itl, 1e-9 * 16 / itl);
}

TEST(ServingDerived, RequestLatencyIsTtftPlusOneItlPerLaterToken) {
  Record in = llama8b_on_h100(1024, 1);
  in.set("output_tokens", Value(std::int64_t{256}));
  const Record out = solve_serving(in);
  const double ops = 2 * kLlama8BParams * 1024 + 4.0 * 32 * 32 * 128 * 1024 * 1024;
  const double ttft = ops / (kH100Peak * 0.5) + kH100Dispatch;
  const double itl =
      (kLlama8BParams * 2 + kLlama8BKvPerToken * 1024 * 2) / kH100Bandwidth + 32 * 0.01 * kMs;
  EXPECT_NEAR(seconds(out, "request_latency"), ttft + 255 * itl, 1e-12);
}

TEST(ServingDerived, MaxBatchSizeIsTheLargestBatchWhoseKvCacheFits) {
  // H100 80 GiB, Llama-3.1-8B fp16 at 8192 tokens: 1 GiB of KV per sequence.
  const Record out = solve_serving(llama8b_on_h100(8192, 1));
  const double per_sequence = kLlama8BKvPerToken * 8192 * 2;
  const auto expected =
      static_cast<std::int64_t>(std::floor((kH100Capacity - kLlama8BParams * 2) / per_sequence));
  EXPECT_EQ(expected, 65);
  EXPECT_EQ(*out.find("max_batch_size")->if_integer(), expected);
  // It is the boundary of `feasible`: one more sequence does not fit.
  EXPECT_TRUE(*solve_serving(llama8b_on_h100(8192, 65)).find("feasible")->if_boolean());
  EXPECT_FALSE(*solve_serving(llama8b_on_h100(8192, 66)).find("feasible")->if_boolean());
}

TEST(ServingDerived, MaxBatchSizeIsZeroWhenTheWeightsAloneDoNotFit) {
  const Registry& r = default_registry();
  Record in = llama8b_on_h100(512, 1);
  in.set("model", Value(*r.model("Llama3_70B")));  // 141.2 GB of fp16 weights > 80 GiB
  EXPECT_EQ(*solve_serving(in).find("max_batch_size")->if_integer(), 0);
}

// Errors of 0.1.0, each with its field.

struct RefusedCase {
  const char* name;
  const char* field;
  const char* input;
  Value value;
};

class ServingRefuses : public ::testing::TestWithParam<RefusedCase> {};

TEST_P(ServingRefuses, NamingTheField) {
  const RefusedCase& c = GetParam();
  const Registry& r = default_registry();
  Record in = llama8b_on_h100(512, 1);
  Value value = c.value;  // zoo ids of models are looked up here
  if (const std::string* id = value.if_string(); id && (c.input == std::string("model") ||
                                                        c.input == std::string("draft_model"))) {
    value = Value(*r.model(*id));
  }
  in.set(c.input, value);
  const Error e = refused(in);
  EXPECT_EQ(e.code, ErrorCode::kBadInput) << e.message;
  EXPECT_EQ(e.field, c.field) << e.message;
  EXPECT_NE(e.message.find(c.field), std::string::npos) << e.message;
}

INSTANTIATE_TEST_SUITE_P(
    As010Did, ServingRefuses,
    ::testing::Values(
        RefusedCase{"CnnModel", "model", "model", Value("ResNet50")},
        RefusedCase{"SsmModel", "model", "model", Value("Mamba_2_8B")},
        RefusedCase{"ModelWithoutParameters", "model", "model", Value("DLRM")},
        RefusedCase{"CnnDraftModel", "draft_model", "draft_model", Value("ResNet50")},
        RefusedCase{"CachedPrefixAsLongAsTheContext", "cached_prefix_len", "cached_prefix_len",
                    Value(std::int64_t{512})}),
    [](const auto& info) { return std::string(info.param.name); });

INSTANTIATE_TEST_SUITE_P(
    StricterThan010, ServingRefuses,
    ::testing::Values(
        RefusedCase{"BatchSizeZero", "batch_size", "batch_size", Value(std::int64_t{0})},
        RefusedCase{"NegativeBatchSize", "batch_size", "batch_size", Value(std::int64_t{-4})},
        RefusedCase{"EfficiencyZero", "efficiency", "efficiency", Value(0.0)},
        RefusedCase{"EfficiencyAboveOne", "efficiency", "efficiency", Value(1.5)},
        RefusedCase{"AcceptanceRateAboveOne", "draft_acceptance_rate", "draft_acceptance_rate",
                    Value(1.2)},
        RefusedCase{"NegativeAcceptanceRate", "draft_acceptance_rate", "draft_acceptance_rate",
                    Value(-0.1)},
        RefusedCase{"SeqLenZero", "seq_len", "seq_len", Value(std::int64_t{0})}),
    [](const auto& info) { return std::string(info.param.name); });

// `mlsysim serve`.

TEST(ServeCli, ReportShowsBothPhasesMemoryAndFit) {
  // physics.md §7's worked example: GPT-2 on A100, fp16, batch 1, 512 tokens.
  CliResult r = run_cli("serve GPT2 A100 --seq-len 512");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* text : {"time to first token", "10.38 ms", "inter-token latency", "2.028 ms",
                           "tokens/s per request", "493", "KV cache", "157.3 MB", "3 GB",
                           "85.9 GB", "feasible", "yes"})
    EXPECT_NE(r.out.find(text), std::string::npos) << text << " in\n" << r.out;
}

TEST(ServeCli, JsonIsThePayloadOnly) {
  CliResult r = run_cli("serve GPT2 A100 --seq-len 512 -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json j = Json::parse(r.out);
  EXPECT_EQ(j["solver"], "serving:reference");
  const double ops = 2 * 1.5e9 * 512 + 4.0 * 48 * 25 * 64 * 512 * 512;
  EXPECT_NEAR(j["outputs"]["ttft"]["value"].get<double>(), ops / 156e12 + 0.015e-3, 1e-15);
  EXPECT_NEAR(j["outputs"]["itl"]["value"].get<double>(), 3.1572864e9 / 2039e9 + 0.48e-3, 1e-15);
}

TEST(ServeCli, FlagsReachTheirInputs) {
  CliResult r = run_cli(
      "serve Llama3_70B A100 --decode-hardware H200 --network-bandwidth '50 GB/s' "
      "--draft-model Llama3_8B --draft-acceptance-rate 0.5 -b 2 -s 1000 --cached-prefix-len 250 "
      "-p fp8 -e 0.4 --output-tokens 10 -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json out = Json::parse(r.out)["outputs"];
  const double kv = 2.0 * 80 * 8 * 128 * 1000 * 2 * 1;  // fp8: 1 byte
  EXPECT_DOUBLE_EQ(out["total_memory_required"]["value"].get<double>(), 70.6e9 + kv + kLlama8BParams);
  EXPECT_DOUBLE_EQ(out["prompt_cache_hit_ratio"].get<double>(), 0.25);
  const double ops = 2 * 70.6e9 * 750 * 2 + 4.0 * 80 * 64 * 128 * 750 * 1000 * 2;
  const double ttft = ops / (kA100Peak * 0.4) + kA100Dispatch + kv / 50e9;  // A100 has no fp8 rate
  EXPECT_NEAR(out["ttft"]["value"].get<double>(), ttft, 1e-12 * ttft);
  const double itl = out["itl"]["value"].get<double>();
  EXPECT_NEAR(out["request_latency"]["value"].get<double>(), ttft + 9 * itl, 1e-12 * ttft);
}

TEST(ServeCli, FailInfeasibleExitsTwoAfterTheReport) {
  CliResult r = run_cli("serve Llama3_70B A100 --seq-len 2048 --fail-infeasible");  // 141.2 GB > 80 GiB
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.out.find("feasible"), std::string::npos);
  EXPECT_NE(r.err.find("infeasible"), std::string::npos) << r.err;
  EXPECT_EQ(run_cli("serve Llama3_70B A100 --seq-len 2048").exit_code, 0) << "infeasible is an answer, not a failure";
}

TEST(ServeCli, BadInputExitsOneNamingTheFieldWithNothingOnStdout) {
  CliResult r = run_cli("serve ResNet50 H100 --seq-len 2048");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("[model]"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  r = run_cli("serve Llama3_8B H100 --seq-len 2048 --draft-acceptance-rate 1.5");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("draft_acceptance_rate"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mlsysim::testing
