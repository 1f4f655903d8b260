// Models from a Hugging Face config.json (python-and-cli.md §6): the two
// worked examples estimate to MLSys·im's parameter counts and solve to its
// latencies on an H100, from a file or a model folder, wherever a model is
// taken; a config without heads is refused naming the field.
#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

const std::string kHf = std::string(MLSYSIM_TEST_DATA_DIR) + "/hf/";

Json roofline(const std::string& model) {
  CliResult r = run_cli("solve roofline --model '" + model + "' --hardware H100 -o json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out.empty() ? Json() : Json::parse(r.out)["outputs"];
}

TEST(HfImport, ALlama3StyleConfigIsEightBillionParameters) {
  // 2 x 128256 x 4096 + 32 x (2 x 4096^2 + 2 x 4096 x 128 x 8 + 3 x 4096 x 14336) = 8,029,995,008.
  const Json out = roofline("@" + kHf + "llama3_8b_config.json");
  EXPECT_EQ(out["memory_footprint"]["value"], 8029995008.0 * 2);  // fp16
  EXPECT_NEAR(out["latency"]["value"].get<double>(), 5.603429557e-3, 1e-9 * 5.6e-3);
}

TEST(HfImport, AGpt2FolderIsReadThroughItsConfig) {
  // 2 x 50257 x 768 + 12 x (2 x 768^2 + 2 x 768 x 64 x 12 + 8 x 768^2) = 162,129,408 (no intermediate_size).
  const Json out = roofline("@" + kHf + "gpt2");
  EXPECT_EQ(out["memory_footprint"]["value"], 162129408.0 * 2);
  EXPECT_NEAR(out["latency"]["value"].get<double>(), 0.236473044e-3, 1e-9 * 0.24e-3);
  // The folder names the model, and serving sees a transformer with 12 KV heads.
  CliResult served = run_cli("serve '@" + kHf + "gpt2' H100 -s 1024 -o json");
  ASSERT_EQ(served.exit_code, 0) << served.err;
  EXPECT_EQ(Json::parse(served.out)["outputs"]["kv_cache_size"]["value"], 2.0 * 12 * 12 * 64 * 1024 * 2);
}

TEST(HfImport, AConfigObjectWorksInARequestAndMissingHeadsAreNamed) {
  const Json config = {{"n_layer", 12}, {"n_embd", 768}, {"n_head", 12}, {"vocab_size", 50257}};
  const Json r = run_request("roofline", {{"model", config}, {"hardware", "H100"}});
  EXPECT_EQ(r["outputs"]["memory_footprint"]["value"], 162129408.0 * 2) << r.dump();
  Json headless = config;
  headless.erase("n_head");
  const Json refused = run_request("roofline", {{"model", headless}, {"hardware", "H100"}});
  EXPECT_EQ(refused["error"]["code"], "bad_input") << refused.dump();
  EXPECT_NE(refused["error"]["message"].get<std::string>().find("num_attention_heads"), std::string::npos);
}

}  // namespace
}  // namespace mlsysim::testing
