// Calibrated variants and the commands around them: the contract's meaning
// of outputs kept, parameter files found, refused and refit (`calibrate`
// recovers a known efficiency from synthetic measurements), and `bench`
// timing two roofline variants with a baseline that flags a regression.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "mlsysim/registry/calibration.hpp"
#include "mlsysim/registry/corpus.hpp"
#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

std::filesystem::path temp_dir() {
  static const std::filesystem::path dir = make_temp_dir("calibration");
  return dir;
}

std::string write_file(const std::string& name, const std::string& text) {
  const std::string path = (temp_dir() / name).string();
  std::ofstream(path) << text;
  return path;
}

Json solve_json(const std::string& args) {
  CliResult r = run_cli("solve " + args + " -o json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? Json::parse(r.out)["outputs"] : Json();
}

double value(const Json& q) { return q["value"].get<double>(); }

TEST(CalibratedRoofline, ComputeTimeTimesAchievedPeakIsTheStepsFlops) {
  // Llama-3.1-8B, batch 8: 2 x 8.03e9 FLOPs per token, as stored.
  Json out = solve_json("roofline:calibrated --model Llama3_8B --hardware H100 --batch-size 8");
  EXPECT_NEAR(value(out["latency_compute"]) * value(out["peak_flops_actual"]), 8 * 2 * 8.03e9, 1e-3);
  // ResNet-50 training, batch 256: the zoo's 4.1e9 is multiply-accumulates, so 8.2e9 FLOPs x 3 passes.
  out = solve_json("roofline:calibrated --model ResNet50 --hardware A100 --batch-size 256 --set is_training=true");
  EXPECT_NEAR(value(out["latency_compute"]) * value(out["peak_flops_actual"]) / (256 * 8.2e9 * 3), 1.0, 1e-12);
}

TEST(CalibratedRoofline, AnExplicitEfficiencyOverridesTheFittedOne) {
  Json out = solve_json("roofline:calibrated --model GPT2 --hardware H100 --set efficiency=0.3");
  EXPECT_DOUBLE_EQ(value(out["peak_flops_actual"]), 989e12 * 0.3);
}

TEST(CalibratedServing, KeepsTheMemoryWallOfTheReference) {
  const Json ref = solve_json("serving --model Llama3_70B --hardware H200 --set seq_len=8192 --batch-size 8");
  const Json cal = solve_json("serving:calibrated --model Llama3_70B --hardware H200 --set seq_len=8192 --batch-size 8");
  for (const char* field : {"kv_cache_size", "model_weights_size", "total_memory_required"})
    EXPECT_EQ(value(cal[field]), value(ref[field])) << field;
  EXPECT_EQ(cal["max_batch_size"], ref["max_batch_size"]);
  EXPECT_NEAR(value(cal["decode_throughput"]), 8 / value(cal["itl"]), 1e-9 * 8 / value(cal["itl"]));
}

TEST(Calibration, ABrokenParameterFileSkipsOnlyThatPlugin) {
  write_file("roofline_calibrated.json", "{\"parameters\": {\"compute_efficiency_16bit\": 2}}");
  const std::string env = "MLSYSIM_CALIBRATION_DIR='" + temp_dir().string() + "'";
  CliResult list = run_cli("plugins list", "", env);
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.err.find("roofline_calibrated.json"), std::string::npos) << list.err;
  EXPECT_EQ(run_cli("solve roofline:calibrated --model GPT2 --hardware A100", "", env).exit_code, 1);
  EXPECT_EQ(run_cli("solve roofline --model GPT2 --hardware A100", "", env).exit_code, 0);
  std::filesystem::remove(temp_dir() / "roofline_calibrated.json");
}

// Three large bf16 GEMMs measured at exactly 70% of each device's peak.
std::string synthetic_gemm_corpus() {
  std::string text;
  const std::pair<const char*, double> devices[] = {{"A100", 312e12}, {"H100", 989e12}, {"H200", 989e12}};
  for (const auto& [hw, peak] : devices) {
    const double flops = 2.0 * 16384 * 16384 * 16384;
    Json c = {{"id", std::string("gemm-") + hw}, {"category", "gemm"}, {"solver", "roofline"},
              {"inputs", {{"model", {{"id", "GEMM16k"}, {"name", "GEMM 16384^3"}, {"class", "workload"},
                                     {"parameters", 3.0 * 16384 * 16384},
                                     {"inference_flops", fmt::format("{} flop", flops)}}},
                          {"hardware", hw}, {"precision", "bf16"}}},
              {"predict", "latency_compute * peak_flops_actual / latency"},
              {"measured", {{"value", 0.7 * peak}, {"unit", "flop/s"}}}};
    text += c.dump() + "\n";
  }
  return text;
}

TEST(Calibration, RecoversAKnownEfficiencyAndWritesAFileTheVariantLoads) {
  const std::string corpus = write_file("gemm.jsonl", synthetic_gemm_corpus());
  const std::string out = (temp_dir() / "fitted" / "roofline_calibrated.json").string();
  std::filesystem::create_directories(temp_dir() / "fitted");
  CliResult fit = run_cli("calibrate roofline:calibrated '" + corpus + "' --prior-weight 0 --out '" + out + "' -o json");
  ASSERT_EQ(fit.exit_code, 0) << fit.err;
  const Json report = Json::parse(fit.out);
  EXPECT_NEAR(report["parameters"]["compute_efficiency_16bit"].get<double>(), 0.7, 0.7 * 0.01);
  EXPECT_LT(report["fit"]["in_sample"]["categories"]["all"]["mape"].get<double>(), 0.01);
  EXPECT_LT(report["fit"]["cross_validated"]["categories"]["all"]["mape"].get<double>(), 0.01);

  const std::string env = "MLSYSIM_CALIBRATION_DIR='" + (temp_dir() / "fitted").string() + "'";
  CliResult show = run_cli("plugins show roofline:calibrated -o json", "", env);
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const Json info = Json::parse(show.out);
  EXPECT_EQ(info["parameter_file"], out);
  EXPECT_NEAR(info["parameters"][0]["value"].get<double>(), 0.7, 0.007);
  CliResult scored = run_cli("score '" + corpus + "' --variant roofline:calibrated -o json", "", env);
  EXPECT_LT(Json::parse(scored.out)[0]["variants"][0]["summary"]["mape"].get<double>(), 0.01);
}

TEST(Calibration, ManyCasesAreCrossValidatedInTenFoldsNotOneFitPerCase) {
  // 60 cases (the three GEMMs twenty times): leave-one-out would fit 60 times.
  std::string text;
  for (int copy = 0; copy < 20; ++copy) {
    std::istringstream lines(synthetic_gemm_corpus());
    for (std::string line; std::getline(lines, line);) {
      Json c = Json::parse(line);
      c["id"] = c["id"].get<std::string>() + "-" + std::to_string(copy);
      text += c.dump() + "\n";
    }
  }
  const std::string corpus = write_file("sixty.jsonl", text);
  CliResult r = run_cli("calibrate roofline:calibrated '" + corpus + "' -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Json::parse(r.out)["fit"]["cross_validation"], "10-fold");
  EXPECT_NE(r.err.find("60 cases: cross-validating with 10 folds"), std::string::npos) << r.err;
  CliResult chosen = run_cli("calibrate roofline:calibrated '" + corpus + "' --folds 3 -o json");
  EXPECT_EQ(Json::parse(chosen.out)["fit"]["cross_validation"], "3-fold");
}

TEST(Calibration, ShowsProgressOnATerminalAndNowhereElse) {
  const std::string corpus = write_file("progress.jsonl", synthetic_gemm_corpus());
  const std::string command = std::string("'") + MLSYSIM_CLI + "' calibrate roofline:calibrated '" + corpus + "'";
  // `script` gives the command a terminal; its output is what the terminal showed.
  const std::string log = (temp_dir() / "terminal.log").string();
  const std::string on_terminal = "script -qec \"MLSYSIM_PLUGIN_PATH= " + command + "\" /dev/null > '" + log + "'";
  ASSERT_EQ(std::system(on_terminal.c_str()), 0);
  std::ifstream in(log);
  const std::string shown(std::istreambuf_iterator<char>(in), {});
  EXPECT_NE(shown.find("3 / 3 cross-validation fits"), std::string::npos) << shown;
  CliResult piped = run_cli("calibrate roofline:calibrated '" + corpus + "'");
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.err.find("cross-validation fits"), std::string::npos) << piped.err;
}

TEST(Calibration, CrossValidationReportsEachFoldAsItIsFitted) {
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  const std::string corpus = write_file("folds.jsonl", synthetic_gemm_corpus());
  Result<CaseFile> file = load_case_file(corpus);
  ASSERT_TRUE(file.ok());
  const Registry& registry = default_registry();
  const SolverHandle* variant = registry.find_solver("roofline:calibrated");
  ASSERT_NE(variant, nullptr);
  const PreparedCorpus prepared(registry, *variant, file->measured);
  std::vector<double> start;
  for (const Parameter& p : variant->info().parameters) start.push_back(p.value);
  cross_validate(prepared, variant->implementation(), start, 0, {},
                 [&](std::size_t done, std::size_t folds) { calls.emplace_back(done, folds); });
  const std::vector<std::pair<std::size_t, std::size_t>> expected = {{1, 3}, {2, 3}, {3, 3}};
  EXPECT_EQ(calls, expected) << "leave-one-out over three cases: three fits, in order";
}

TEST(Calibration, RefusesAVariantWithoutParameters) {
  CliResult r = run_cli("calibrate roofline:reference '" MLSYSIM_SOURCE_DIR "/zoo/measured/corpus.jsonl'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no parameters"), std::string::npos) << r.err;
}

TEST(Bench, TimesTwoRooflineVariantsAndWritesGoogleBenchmarkJson) {
  const std::string json = (temp_dir() / "bench.json").string();
  CliResult r = run_cli("--plugin-path '" MLSYSIM_TEST_PLUGIN_DIR "' bench roofline:reference roofline:alt "
                        "--repetitions 2 --min-time 0.01 --json '" + json + "' -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json results = Json::parse(r.out)["results"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["variant"], "roofline:reference");
  EXPECT_EQ(results[1]["variant"], "roofline:alt");
  for (const Json& v : results) EXPECT_GT(v["median_ns"].get<double>(), 0);
  std::ifstream in(json);
  const Json report = Json::parse(in);
  std::set<std::string> names;
  for (const Json& b : report["benchmarks"]) names.insert(b["run_name"].get<std::string>().substr(0, b["run_name"].get<std::string>().find('/')));
  EXPECT_EQ(names, (std::set<std::string>{"roofline:reference", "roofline:alt"}));
}

TEST(Bench, ABaselineComparisonFlagsASyntheticRegression) {
  // The reference "used to" take 0.001 ns: any real time is a regression;
  // the alt variant's baseline is a second, so it cannot regress.
  const std::string baseline = write_file("baseline.json", R"({"benchmarks": [
    {"run_name": "roofline:reference/min_time:0.010/repeats:2", "run_type": "aggregate", "aggregate_name": "median", "real_time": 0.001, "time_unit": "ns"},
    {"run_name": "roofline:alt/min_time:0.010/repeats:2", "run_type": "aggregate", "aggregate_name": "median", "real_time": 1.0, "time_unit": "s"}]})");
  CliResult r = run_cli("--plugin-path '" MLSYSIM_TEST_PLUGIN_DIR "' bench roofline:reference roofline:alt "
                        "--repetitions 2 --min-time 0.01 --baseline '" + baseline + "' -o json");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  const Json results = Json::parse(r.out)["results"];
  EXPECT_EQ(results[0]["regressed"], true);
  EXPECT_EQ(results[1]["regressed"], false);
  EXPECT_NE(r.err.find("regression"), std::string::npos) << r.err;
}

TEST(Bench, ABaselineOfUnexpectedTypesIsRefusedNamingTheEntryNotAnAbort) {
  const std::pair<const char*, const char*> baselines[] = {
      {R"({"benchmarks": [{"run_name": 5, "real_time": 1}]})", "benchmarks[0] has a name"},
      {R"({"benchmarks": [7]})", "benchmarks[0] is not an object"},
      {R"({"benchmarks": [{"run_name": "roofline:reference", "real_time": 1}, {"run_name": "x", "real_time": "fast"}]})",
       "benchmarks[1] real_time"},
      {R"({"benchmarks": [{"run_name": "roofline:reference", "time_unit": null, "real_time": 1}]})",
       "benchmarks[0] has a name"},
      {R"({"benchmarks": {"run_name": "roofline:reference"}})", "is not a Google Benchmark JSON report"}};
  for (const auto& [text, why] : baselines) {
    const std::string file = write_file("odd_baseline.json", text);
    CliResult r = run_cli("bench roofline:reference --repetitions 1 --min-time 0.001 --baseline '" + file + "'");
    EXPECT_EQ(r.exit_code, 1) << text << "\n" << r.err;
    EXPECT_NE(r.err.find(why), std::string::npos) << text << "\n" << r.err;
  }
}

}  // namespace
}  // namespace mlsysim::testing
