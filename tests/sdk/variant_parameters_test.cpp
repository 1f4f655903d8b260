// Variant parameters (sdk/parameters.hpp): declared like ports, given
// values by their declaration or the variant's parameter file, listed by
// `plugins show`, and settable per call from the CLI, batch requests,
// pipelines and sweeps (Python: python/tests/test_variants.py). Expected
// values come from the physics of the variants: a parameter that scales a
// term scales it exactly.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

namespace fs = std::filesystem;

// The knob fixture alone in a directory of its own (the fixture directory
// also holds plugins broken on purpose).
const std::string& knob_plugin_path() {
  static const std::string dir = [] {
    const fs::path d = make_temp_dir("variant_parameters_plugins");
    fs::copy_file(fs::path(MLSYSIM_TEST_PLUGIN_DIR) / "roofline_knob.so", d / "roofline_knob.so",
                  fs::copy_options::overwrite_existing);
    return d.string();
  }();
  return dir;
}

Json outputs_of(const std::string& args, const std::string& env = "") {
  CliResult r = run_cli(args + " -o json", "", env);
  EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err;
  return r.exit_code == 0 ? Json::parse(r.out)["outputs"] : Json();
}

double seconds(const Json& q) { return q["value"].get<double>(); }

const std::string kLlama = "--model Llama3_8B --hardware H100 --batch-size 8";

TEST(VariantParameters, ADeclaredDefaultAppliesAndACallerOverridesIt) {
  const std::string plugins = "--plugin-path '" + knob_plugin_path() + "' ";
  const double reference = seconds(outputs_of(plugins + "solve roofline:reference " + kLlama)["latency_compute"]);
  // Compute time is FLOPs / (peak x efficiency): derate 0.5 doubles it, 0.25 quadruples it.
  const double by_default = seconds(outputs_of(plugins + "solve roofline:knob " + kLlama)["latency_compute"]);
  const double quarter = seconds(outputs_of(plugins + "solve roofline:knob " + kLlama + " --derate 0.25")["latency_compute"]);
  EXPECT_NEAR(by_default / reference, 2.0, 1e-12);
  EXPECT_NEAR(quarter / reference, 4.0, 1e-12);
}

TEST(VariantParameters, AValueOutsideTheDeclaredRangeIsRefusedNamingTheParameter) {
  CliResult r = run_cli("--plugin-path '" + knob_plugin_path() + "' solve roofline:knob " + kLlama + " --derate 2");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("derate"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[0.01, 1]"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(VariantParameters, AFittedParameterChangesTheTermItScales) {
  // Memory time is traffic / (spec bandwidth x memory_efficiency).
  const std::string solve = "solve roofline:calibrated " + kLlama;
  const double fast = seconds(outputs_of(solve + " --memory-efficiency 0.8")["latency_memory"]);
  const double slow = seconds(outputs_of(solve + " --memory-efficiency 0.4")["latency_memory"]);
  EXPECT_NEAR(slow / fast, 2.0, 1e-12);
  // The per-layer overhead is a time: 32 layers x one pass of an inference step.
  const double one_ms = seconds(outputs_of(solve + " --layer-overhead-transformer '1 ms'")["latency_overhead"]);
  const double two_ms = seconds(outputs_of(solve + " --layer-overhead-transformer '2 ms'")["latency_overhead"]);
  EXPECT_NEAR(two_ms - one_ms, 32 * 1e-3, 1e-12);
  CliResult wrong_unit = run_cli(solve + " --layer-overhead-transformer '2 GB'");
  EXPECT_EQ(wrong_unit.exit_code, 1);
  EXPECT_NE(wrong_unit.err.find("expected a time"), std::string::npos) << wrong_unit.err;
}

TEST(VariantParameters, PluginsShowListsEachParameterWithTheValueFromItsFile) {
  CliResult r = run_cli("plugins show roofline:calibrated -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json info = Json::parse(r.out);
  std::ifstream in(info["parameter_file"].get<std::string>());
  const Json file = Json::parse(in);
  ASSERT_EQ(info["parameters"].size(), file["parameters"].size());
  for (const Json& p : info["parameters"]) {
    const std::string name = p["name"];
    EXPECT_EQ(p["value"].get<double>(), file["parameters"][name].get<double>()) << name;
    EXPECT_EQ(p["default"], p["unit"].is_null() ? Json(p["value"]) : Json({{"value", p["value"]}, {"unit", p["unit"]}}))
        << name;
    EXPECT_LE(p["low"].get<double>(), p["value"].get<double>()) << name;
    EXPECT_GE(p["high"].get<double>(), p["value"].get<double>()) << name;
  }
  for (const Json& port : info["inputs"])
    EXPECT_FALSE(file["parameters"].contains(port["name"].get<std::string>())) << "listed as a contract input";
  EXPECT_EQ(info["parameters"][7]["name"], "layer_overhead_cnn");
  EXPECT_EQ(info["parameters"][7]["unit"], "s");
}

TEST(VariantParameters, BatchRequestsPipelinesAndSweepsSetThemPerCall) {
  const double cli = seconds(outputs_of("solve roofline:calibrated " + kLlama + " --memory-efficiency 0.4")["latency_memory"]);
  const Json request = {{"id", "q"}, {"solver", "roofline:calibrated"},
                        {"inputs", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"batch_size", 8},
                                    {"memory_efficiency", 0.4}}}};
  CliResult batch = run_cli("run", request.dump() + "\n");
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  EXPECT_EQ(seconds(json_lines(batch.out).at(0)["outputs"]["latency_memory"]), cli);

  const Json spec = {{"name", "p"},
                     {"inputs", {{"model", "Llama3_8B"}, {"hardware", "H100"}, {"batch_size", 8}}},
                     {"sweep", {{"memory_efficiency", {0.4, 0.8}}}},
                     {"report", {"step.latency_memory"}},
                     {"stages", {{{"id", "step"}, {"solver", "roofline:calibrated"}}}}};
  CliResult pipeline = run_cli("pipeline run - -o csv", spec.dump());
  ASSERT_EQ(pipeline.exit_code, 0) << pipeline.err;
  const std::vector<std::string> lines = [&] {
    std::vector<std::string> out;
    std::istringstream text(pipeline.out);
    for (std::string line; std::getline(text, line);) out.push_back(line);
    return out;
  }();
  ASSERT_EQ(lines.size(), 3u) << pipeline.out;
  const double first = std::stod(lines[1].substr(lines[1].rfind(',') + 1));
  const double second = std::stod(lines[2].substr(lines[2].rfind(',') + 1));
  EXPECT_NEAR(first / cli, 1.0, 1e-9);
  EXPECT_NEAR(first / second, 2.0, 1e-9);

  CliResult sweep = run_cli("sweep roofline:calibrated --set model=Llama3_8B --set hardware=H100 --set batch_size=8 "
                            "--over memory_efficiency=0.4,0.8 --columns latency_memory -o jsonl");
  ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
  const std::vector<Json> rows = json_lines(sweep.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["inputs"]["memory_efficiency"], 0.4);
  EXPECT_EQ(seconds(rows[0]["outputs"]["latency_memory"]), cli);
  EXPECT_NEAR(seconds(rows[0]["outputs"]["latency_memory"]) / seconds(rows[1]["outputs"]["latency_memory"]), 2.0,
              1e-12);
}

// A parameter file the variant's declarations do not match: the plugin is
// reported, naming the file and the parameter, and the others keep working.
void expect_refused(const std::string& parameters, const std::string& why) {
  const fs::path dir = make_temp_dir("variant_parameters_files");
  std::ofstream(dir / "roofline_calibrated.json") << "{\"parameters\": " << parameters << "}";
  const std::string env = "MLSYSIM_CALIBRATION_DIR='" + dir.string() + "'";
  CliResult list = run_cli("plugins list", "", env);
  EXPECT_NE(list.err.find("roofline_calibrated.json"), std::string::npos) << list.err;
  EXPECT_NE(list.err.find(why), std::string::npos) << parameters << "\n" << list.err;
  EXPECT_EQ(run_cli("solve roofline:calibrated --model GPT2 --hardware A100", "", env).exit_code, 1);
  EXPECT_EQ(run_cli("solve roofline --model GPT2 --hardware A100", "", env).exit_code, 0);
}

std::string fitted_parameters_without(const std::string& left_out) {
  CliResult r = run_cli("plugins show roofline:calibrated -o json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const Json info = Json::parse(r.out);
  Json out = Json::object();
  for (const Json& p : info["parameters"])
    if (p["name"] != left_out) out[p["name"].get<std::string>()] = p["value"];
  return out.dump();
}

TEST(VariantParameters, AParameterFileThatDoesNotMatchTheDeclarationsSkipsOnlyThatPlugin) {
  expect_refused(fitted_parameters_without("memory_efficiency"), "'memory_efficiency' is missing");
  Json extra = Json::parse(fitted_parameters_without(""));
  extra["memory_efficency"] = 0.8;
  expect_refused(extra.dump(), "'memory_efficency' is not a parameter of this variant");
  Json out_of_range = Json::parse(fitted_parameters_without(""));
  out_of_range["overlap_exponent"] = 0.5;
  expect_refused(out_of_range.dump(), "'overlap_exponent' is out of range");
  Json not_a_number = Json::parse(fitted_parameters_without(""));
  not_a_number["overlap_exponent"] = "fast";
  expect_refused(not_a_number.dump(), "parameters.overlap_exponent: expected a finite number");
}

TEST(VariantParameters, AParameterWithNoDefaultAndNoFileIsReportedNotGuessed) {
  const fs::path dir = make_temp_dir("variant_parameters_unset");
  fs::copy_file(fs::path(MLSYSIM_TEST_PLUGIN_DIR) / "parameter_without_default.so",
                dir / "parameter_without_default.so", fs::copy_options::overwrite_existing);
  CliResult r = run_cli("--plugin-path '" + dir.string() + "' plugins list");
  EXPECT_NE(r.err.find("parameter 'scale' has no default"), std::string::npos) << r.err;
  EXPECT_EQ(run_cli("--plugin-path '" + dir.string() + "' solve roofline:unset --model GPT2 --hardware A100").exit_code, 1);
}

TEST(VariantParameters, PluginsCheckAcceptsAVariantWithParameters) {
  CliResult r = run_cli("plugins check '" + knob_plugin_path() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("roofline:knob"), std::string::npos) << r.out << r.err;
}

}  // namespace
}  // namespace mlsysim::testing
