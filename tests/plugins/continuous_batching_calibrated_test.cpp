// continuous_batching:calibrated (issue 25): serving at scale with a decode
// step that has a compute and a memory term, the admitted batch from paged
// KV in the memory an engine allows, and prefill paid per output token. The
// parameters are set per request, so every expected value below is worked
// out here from the model's shape.
#include <gtest/gtest.h>

#include <cmath>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

// Llama3_8B: 8.03e9 parameters, 32 layers, hidden 4096, 32 heads, 8 KV heads (head 128), fp16.
// H100: 989 TFLOP/s, 85.9 GB (80 GiB), 3.35 TB/s.
Json llama8b_on_h100(int max_batch) {
  return {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"seq_len", 1024}, {"max_batch_size", max_batch},
          {"compute_efficiency", 0.5}, {"memory_efficiency", 0.8}, {"overlap_exponent", 1.0},
          {"kv_memory_fraction", 0.9}, {"prefill_tokens_per_output_token", 1.0}, {"layer_overhead", "20 us"}};
}

constexpr double kWeights = 8.03e9 * 2;
constexpr double kKvPerRequest = 2.0 * 32 * 8 * 128 * 1024 * 2;  // K and V, 1024 tokens (64 pages of 16)

double decode_step(double requests, double prefill_per_output_token = 1.0) {
  const double flops = requests * (2 * 8.03e9 + 4.0 * 32 * 4096 * 1024 + prefill_per_output_token * 2 * 8.03e9);
  const double compute = flops / (989e12 * 0.5);
  const double memory = (kWeights + requests * kKvPerRequest) / (3.35e12 * 0.8);
  return compute + memory + 32 * 20e-6;  // k = 1: serialised
}

TEST(ContinuousBatchingCalibrated, TheAdmittedBatchIsWhatFitsInTheMemoryAnEngineAllows) {
  const double room = 80.0 * (1 << 30) * 0.9 - kWeights;
  const int fits = static_cast<int>(std::floor(room / kKvPerRequest));
  const Json r = run_request("continuous_batching:calibrated", llama8b_on_h100(100000));
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_EQ(r["outputs"]["max_active_requests"], fits);
  EXPECT_EQ(run_request("continuous_batching:calibrated", llama8b_on_h100(64))["outputs"]["max_active_requests"], 64);
}

TEST(ContinuousBatchingCalibrated, ADecodeStepPaysComputeMemoryAndPrefill) {
  for (int batch : {1, 64}) {
    const Json r = run_request("continuous_batching:calibrated", llama8b_on_h100(batch));
    ASSERT_TRUE(r.contains("outputs")) << r.dump();
    EXPECT_NEAR(output_number(r, "itl"), decode_step(batch), 1e-9 * decode_step(batch)) << batch;
    EXPECT_NEAR(output_number(r, "throughput_tokens_per_sec"), batch / decode_step(batch), 1e-6) << batch;
  }
  // The reference reads memory only: at batch 64 the compute it leaves out is most of the step.
  Json reference_inputs = {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"seq_len", 1024}, {"max_batch_size", 64}};
  const Json reference = run_request("continuous_batching:reference", reference_inputs);
  EXPECT_GT(output_number(reference, "throughput_tokens_per_sec"), 64 / decode_step(64));
}

// With output_len given, seq_len is the mean context, input + output/2: 1024
// with 512 output tokens is 768 input tokens, 1.5 prefilled per output token
// whatever the fitted mix says; more than 2 x seq_len output tokens is refused.
TEST(ContinuousBatchingCalibrated, AnOutputLengthSetsThePrefillPerOutputToken) {
  Json inputs = llama8b_on_h100(64);
  inputs["output_len"] = 512;
  const Json r = run_request("continuous_batching:calibrated", inputs);
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_NEAR(output_number(r, "itl"), decode_step(64, 1.5), 1e-9 * decode_step(64, 1.5));
  inputs["output_len"] = 2049;
  const Json refused = run_request("continuous_batching:calibrated", inputs);
  ASSERT_TRUE(refused.contains("error")) << refused.dump();
  EXPECT_EQ(refused["error"]["field"], "output_len");
  EXPECT_NE(refused["error"]["message"].get<std::string>().find("2049"), std::string::npos);
}

}  // namespace
}  // namespace mlsysim::testing
