// The LLM tutorial examples (examples/llm) run as their README says, and
// print what physics.md §2 and §7 give by hand for the zoo's numbers.
#include <gtest/gtest.h>

#include <cmath>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

const std::string kExamples = MLSYSIM_EXAMPLES_ROOT "/llm/";
constexpr double kGiB = 1073741824.0;

Json run_example(const std::string& file, const std::string& extra = "") {
  CliResult r = run_cli("pipeline run '" + kExamples + file + "' -o json " + extra);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? Json::parse(r.out) : Json::array();
}

double number(const Json& j) { return j.is_object() ? j.at("value").get<double>() : j.get<double>(); }

TEST(LlmExamples, MemoryWallSpeedupFollowsBandwidthDilutedByTheLayerTax) {
  const Json runs = run_example("memory-wall.json");
  ASSERT_EQ(runs.size(), 9u);
  for (const Json& run : runs) {
    const double b = run["inputs"]["batch_size"].get<double>();
    // Memory-bound: traffic W (1 + 0.1 B), plus dispatch and 32 layers x 0.01 ms.
    const double traffic = 8.03e9 * 2 * (1 + 0.1 * b);
    const double a100 = traffic / 2039e9 + 0.015e-3 + 0.32e-3;
    const double h100 = traffic / 3.35e12 + 0.01e-3 + 0.32e-3;
    const Json& report = run["report"];
    EXPECT_NEAR(number(report["speedup"]), a100 / h100, 1e-12) << "batch " << b;
    EXPECT_EQ(report["a100_bound"], "Memory");
    EXPECT_EQ(report["h100_bound"], "Memory");
    EXPECT_NEAR(number(report["h100_tokens_per_s"]), b / h100, 1e-9 * b / h100);
    EXPECT_LT(number(report["speedup"]), 3.35 / 2.039) << "never reaches the bandwidth ratio";
  }
}

TEST(LlmExamples, TwoPhasesPrefillGrowsWithThePromptDecodeBarelyMoves) {
  const Json runs = run_example("two-phases.json");
  ASSERT_EQ(runs.size(), 8u);
  for (const Json& run : runs) {
    const double s = run["inputs"]["seq_len"].get<double>();
    const double ops = 2 * 8.03e9 * s + 4.0 * 32 * 32 * 128 * s * s;
    const double ttft = ops / (989e12 * 0.5) + 0.01e-3;
    const double itl = (8.03e9 * 2 + 2.0 * 32 * 8 * 128 * s * 2) / 3.35e12 + 0.32e-3;
    const Json& report = run["report"];
    EXPECT_NEAR(number(report["ttft"]), ttft, 1e-12 * ttft) << "seq_len " << s;
    EXPECT_NEAR(number(report["itl"]), itl, 1e-12 * itl);
    EXPECT_NEAR(number(report["request_512_tokens"]), ttft + 511 * itl, 1e-12 * (ttft + 511 * itl));
  }
}

TEST(LlmExamples, KvCacheGrowthLargestBatchIsTheCapacityFormula) {
  const Json runs = run_example("kv-cache-growth.json");
  ASSERT_EQ(runs.size(), 9u);
  for (const Json& run : runs) {
    const double s = run["inputs"]["seq_len"].get<double>();
    const double b = run["inputs"]["batch_size"].get<double>();
    const double weights = 70.6e9;                      // fp8: 1 byte per parameter
    const double per_sequence = 2.0 * 80 * 8 * 128 * s;  // GQA, 1 byte per element
    const Json& report = run["report"];
    EXPECT_DOUBLE_EQ(number(report["kv_cache"]), per_sequence * b);
    for (const auto& [device, capacity] : {std::pair{"h100", 80 * kGiB}, std::pair{"h200", 141e9}}) {
      const auto largest = static_cast<std::int64_t>(std::floor((capacity - weights) / per_sequence));
      EXPECT_EQ(report[std::string(device) + "_max_batch"].get<std::int64_t>(), std::max<std::int64_t>(largest, 0))
          << device << " at " << s;
      EXPECT_EQ(report[std::string(device) + "_fits"].get<bool>(), weights + per_sequence * b <= capacity)
          << device << " at " << s << " x " << b;
    }
  }
}

TEST(LlmExamples, KvCacheGrowthAtFp16FitsNowhere) {
  for (const Json& run : run_example("kv-cache-growth.json", "--set precision=fp16")) {
    EXPECT_FALSE(run["report"]["h200_fits"].get<bool>());
    EXPECT_EQ(run["report"]["h200_max_batch"].get<std::int64_t>(), 0);
  }
}

}  // namespace
}  // namespace mlsysim::testing
