// Several implementations of one contract: a test plugin adds roofline:alt
// (latency = batch_size seconds), which is listed under the contract and
// selectable wherever a solver is named, while plain `roofline` still means
// the reference. A second claim on a held name is refused; the conformance
// check finds every broken promise and passes every shipped implementation.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "mlsysim/registry/search_path.hpp"
#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

namespace fs = std::filesystem;

// GPT-2 on V100 at fp32, batch 1, inference (physics.md §2.7): traffic
// 6.6e9 B at 900 GB/s, plus 0.02 ms dispatch and 48 x 0.01 ms layer tax.
constexpr double kReferenceLatency = 6.6e9 / 900e9 + 0.02e-3 + 48 * 0.01e-3;

class Variants : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(make_temp_dir("variants"));
    fs::copy_file(fs::path(MLSYSIM_TEST_PLUGIN_DIR) / "roofline_alt.so", *dir_ / "roofline_alt.so");
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static CliResult cli(const std::string& args, const std::string& in = "") {
    return run_cli(args + " --plugin-path '" + dir_->string() + "'", in);
  }
  static double latency_of(const Json& outputs) { return outputs["latency"]["value"].get<double>(); }

  static fs::path* dir_;
};
fs::path* Variants::dir_ = nullptr;

TEST_F(Variants, ListedUnderTheirContractWithTheReferenceAsDefault) {
  CliResult r = cli("plugins list -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json listing = Json::parse(r.out);
  const Json* roofline = nullptr;
  for (const Json& c : listing["contracts"])
    if (c["contract"] == "roofline") roofline = &c;
  ASSERT_NE(roofline, nullptr);
  ASSERT_EQ((*roofline)["variants"].size(), 3u);
  // In load order: the install's plugins come first (by file name).
  EXPECT_EQ((*roofline)["variants"][0]["name"], "roofline:reference");
  EXPECT_EQ((*roofline)["variants"][0]["default"], true);
  EXPECT_EQ((*roofline)["variants"][1]["name"], "roofline:calibrated");
  EXPECT_EQ((*roofline)["variants"][1]["default"], false);
  EXPECT_EQ((*roofline)["variants"][2]["name"], "roofline:alt");
  EXPECT_EQ((*roofline)["variants"][2]["default"], false);
  CliResult show = cli("plugins show roofline:alt -o json");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(Json::parse(show.out)["variant"], "alt");
}

TEST_F(Variants, SolveSelectsTheVariantAndThePlainNameTheReference) {
  CliResult alt = cli("solve roofline:alt --model GPT2 --hardware V100 --batch-size 3 -o json");
  ASSERT_EQ(alt.exit_code, 0) << alt.err;
  EXPECT_EQ(Json::parse(alt.out)["solver"], "roofline:alt");
  EXPECT_DOUBLE_EQ(latency_of(Json::parse(alt.out)["outputs"]), 3.0);
  CliResult plain = cli("solve roofline --model GPT2 --hardware V100 --precision fp32 -o json");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(Json::parse(plain.out)["solver"], "roofline:reference");
  EXPECT_NEAR(latency_of(Json::parse(plain.out)["outputs"]), kReferenceLatency, 1e-12);
}

TEST_F(Variants, SolveTakesAVariantByName) {
  CliResult r = cli("solve roofline:alt --model GPT2 --hardware V100 --batch-size 4 -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_DOUBLE_EQ(latency_of(Json::parse(r.out)["outputs"]), 4.0);
}

TEST_F(Variants, RunRequestsNameVariants) {
  CliResult r = cli("run -",
                    R"({"id": 1, "solver": "roofline:alt", "inputs": {"model": "GPT2", "hardware": "V100", "batch_size": 2}})"
                    "\n"
                    R"({"id": 2, "solver": "roofline", "inputs": {"model": "GPT2", "hardware": "V100", "precision": "fp32"}})"
                    "\n"
                    R"({"id": 3, "solver": "roofline:nosuch", "inputs": {}})"
                    "\n");
  const std::vector<Json> responses = json_lines(r.out);
  ASSERT_EQ(responses.size(), 3u) << r.err;
  EXPECT_DOUBLE_EQ(latency_of(responses[0]["outputs"]), 2.0);
  EXPECT_NEAR(latency_of(responses[1]["outputs"]), kReferenceLatency, 1e-12);
  EXPECT_EQ(responses[2]["error"]["code"], "unknown_name");
  EXPECT_NE(responses[2]["error"]["message"].get<std::string>().find("has no variant 'nosuch'"),
            std::string::npos);
}

TEST_F(Variants, SweepOverAVariant) {
  CliResult r = cli("sweep roofline:alt --over batch_size=1,4 --set model=GPT2 --set hardware=A100 "
                    "--columns latency -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json runs = Json::parse(r.out);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_DOUBLE_EQ(latency_of(runs[1]["outputs"]), 4.0);
}

TEST_F(Variants, PipelineStageNamesAVariant) {
  const fs::path spec = *dir_ / "two.json";
  std::ofstream(spec) << R"({"name": "two", "inputs": {"model": "GPT2", "hardware": "V100"},
    "stages": [{"id": "alt", "solver": "roofline:alt", "inputs": {"batch_size": 5}},
               {"id": "ref", "solver": "roofline", "inputs": {"precision": "fp32"}}]})";
  CliResult r = cli("pipeline run '" + spec.string() + "' -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json out = Json::parse(r.out);
  EXPECT_DOUBLE_EQ(latency_of(out["stages"]["alt"]["outputs"]), 5.0);
  EXPECT_NEAR(latency_of(out["stages"]["ref"]["outputs"]), kReferenceLatency, 1e-12);
}

TEST(VariantClaims, ASecondClaimIsRefusedNamingBothAndTheFirstKeepsWorking) {
  const fs::path dir = make_temp_dir("claims");
  fs::copy_file(fs::path(MLSYSIM_TEST_PLUGIN_DIR) / "duplicate_roofline.so", dir / "duplicate_roofline.so");
  CliResult list = run_cli("plugins list -o json --plugin-path '" + dir.string() + "'");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  bool refused = false;
  const Json listing = Json::parse(list.out);
  for (const Json& p : listing["plugins"]) {
    if (p["name"] != "duplicate_roofline") continue;
    refused = true;
    EXPECT_FALSE(p["loaded"].get<bool>());
    const std::string reason = p["reason"];
    EXPECT_NE(reason.find("roofline:reference"), std::string::npos) << reason;
    EXPECT_NE(reason.find("libmlsysim_roofline.so"), std::string::npos) << reason;
    EXPECT_NE(reason.find("duplicate_roofline.so"), std::string::npos) << reason;
  }
  EXPECT_TRUE(refused);
  CliResult solve = run_cli("solve roofline --model GPT2 --hardware V100 --precision fp32 -o json "
                            "--plugin-path '" + dir.string() + "'");
  ASSERT_EQ(solve.exit_code, 0) << solve.err;
  EXPECT_NEAR(Json::parse(solve.out)["outputs"]["latency"]["value"].get<double>(), kReferenceLatency,
              1e-12);
  fs::remove_all(dir);
}

TEST(Conformance, FindsEveryBrokenPromise) {
  const std::string dir = MLSYSIM_TEST_PLUGIN_DIR;
  CliResult r = run_cli("plugins check '" + dir + "/broken_promises.so' '" + dir +
                        "/wrong_contract_version.so' -o json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const Json report = Json::parse(r.out);
  std::map<std::string, std::string> problems;
  for (const Json& f : report["findings"]) problems[f["subject"]] += f["problem"].get<std::string>();
  auto expect_problem = [&](const std::string& subject, const std::string& part) {
    EXPECT_NE(problems[subject].find(part), std::string::npos) << subject << ": " << problems[subject];
  };
  expect_problem("roofline:missing_output", "declared output 'energy' was not written");
  expect_problem("roofline:undeclared_output", "writes output 'bonus'");
  expect_problem("roofline:wrong_kind", "'latency' is a number, the contract declares a quantity [s]");
  expect_problem("roofline:wrong_unit", "'latency' is a quantity [B]");
  expect_problem("roofline:throws", "threw: deliberate failure");
  expect_problem("roofline:null_output", "'latency' is null");
  expect_problem(dir + "/wrong_contract_version.so", "version '0.9' differs from the version '1'");
  EXPECT_EQ(report["findings"].size(), 7u);
}

TEST(Conformance, PassesEveryShippedImplementationAndAHealthyVariant) {
  CliResult shipped = run_cli("plugins check");
  EXPECT_EQ(shipped.exit_code, 0) << shipped.out << shipped.err;
  // Every implementation folder the tree ships: plugins/<contract>/<variant>/ (providers are not solvers).
  std::size_t folders = 0;
  for (const auto& contract : std::filesystem::directory_iterator(MLSYSIM_SOURCE_DIR "/plugins"))
    if (contract.is_directory() && contract.path().filename() != "providers")
      for (const auto& variant : std::filesystem::directory_iterator(contract.path()))
        folders += variant.is_directory() ? 1 : 0;
  EXPECT_NE(shipped.out.find(fmt::format("{} implementation(s) checked, 0 broken promise(s)", folders)),
            std::string::npos)
      << shipped.out;
  CliResult alt = run_cli(std::string("plugins check '") + MLSYSIM_TEST_PLUGIN_DIR + "/roofline_alt.so'");
  EXPECT_EQ(alt.exit_code, 0) << alt.out << alt.err;
}

TEST(Conformance, AMissingPathIsABadInput) {
  CliResult r = run_cli("plugins check /no/such/plugin.so");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/no/such/plugin.so"), std::string::npos) << r.err;
}

TEST(OptionalInputs, ShownAsNullAndAcceptedAbsentOrNull) {
  const fs::path dir = make_temp_dir("optional");
  fs::copy_file(fs::path(MLSYSIM_TEST_PLUGIN_DIR) / "optional_port.so", dir / "optional_port.so");
  const std::string path = " --plugin-path '" + dir.string() + "'";
  CliResult show = run_cli("plugins show decode_device -o json" + path);
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const Json port = Json::parse(show.out)["inputs"][1];
  EXPECT_EQ(port["name"], "decode_hardware");
  EXPECT_EQ(port["optional"], true);
  EXPECT_EQ(port["required"], false);
  EXPECT_TRUE(port["default"].is_null());
  CliResult table = run_cli("plugins show decode_device" + path);
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("(optional)"), std::string::npos) << table.out;

  CliResult runs = run_cli("run -" + path,
                           R"({"id": 1, "solver": "decode_device", "inputs": {"hardware": "A100"}})"
                           "\n"
                           R"({"id": 2, "solver": "decode_device", "inputs": {"hardware": "A100", "decode_hardware": null}})"
                           "\n"
                           R"({"id": 3, "solver": "decode_device", "inputs": {"hardware": "A100", "decode_hardware": "H100"}})"
                           "\n");
  const std::vector<Json> r = json_lines(runs.out);
  ASSERT_EQ(r.size(), 3u) << runs.err;
  const Registry& zoo = default_registry();
  EXPECT_EQ(r[0]["outputs"]["disaggregated"], false);
  EXPECT_EQ(r[1]["outputs"]["disaggregated"], false);
  EXPECT_EQ(r[2]["outputs"]["disaggregated"], true);
  EXPECT_EQ(r[0]["outputs"]["decode_bandwidth"]["value"].get<double>(),
            (*zoo.hardware("A100"))->memory_bandwidth.value());
  EXPECT_EQ(r[2]["outputs"]["decode_bandwidth"]["value"].get<double>(),
            (*zoo.hardware("H100"))->memory_bandwidth.value());
  CliResult check = run_cli("plugins check '" + (dir / "optional_port.so").string() + "'");
  EXPECT_EQ(check.exit_code, 0) << check.out;
  fs::remove_all(dir);
}

TEST(VariantDefaults, ThePlainNameMeansReferenceWhicheverLoadsFirst) {
  Registry registry;
  ASSERT_TRUE(registry.load_file(fs::path(MLSYSIM_TEST_PLUGIN_DIR) / "roofline_alt.so").loaded);
  EXPECT_EQ(registry.find_solver("roofline")->info().variant, "alt") << "the only one loaded";
  registry.load_directories({installed_plugin_dir()});
  EXPECT_EQ(registry.find_solver("roofline")->info().variant, "reference");
  EXPECT_EQ(registry.find_solver("roofline:alt")->info().variant, "alt");
}

}  // namespace
}  // namespace mlsysim::testing
