// Pipeline report columns: stage outputs and expressions over them (with
// unit literals and powers), in tables and JSON; problems in a column are
// refused by `pipeline check` naming the column. Expected values come from
// the roofline physics (physics.md §2) and the zoo's numbers.
#include <gtest/gtest.h>

#include <fstream>

#include "mlsysim/registry/pipeline.hpp"
#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

// Llama-3.1-8B, batch 1, fp16 inference: memory-bound on both devices, so
// latency = W (1 + 0.1) / bandwidth + dispatch tax + 32 layers x 0.01 ms.
constexpr double kTraffic = 8.03e9 * 2 * 1.1;
constexpr double kA100Latency = kTraffic / 2039e9 + 0.015e-3 + 32 * 0.01e-3;
constexpr double kH100Latency = kTraffic / 3.35e12 + 0.01e-3 + 32 * 0.01e-3;

std::string write_spec(const std::string& report) {
  static const std::filesystem::path dir = make_temp_dir("report");
  static int count = 0;
  const std::string path = (dir / ("spec" + std::to_string(++count) + ".json")).string();
  std::ofstream(path) << R"({"name": "memory-wall",
    "inputs": {"model": "Llama3_8B", "batch_size": 1},
    "report": )" << report << R"(,
    "stages": [{"id": "a100", "solver": "roofline", "inputs": {"hardware": "A100"}},
               {"id": "h100", "solver": "roofline", "inputs": {"hardware": "H100"}}]})";
  return path;
}

const std::string kComparison = R"({
  "a100": "a100.latency",
  "speedup": "a100.latency / h100.latency",
  "bytes_in_h100_step": "h100.latency * 1 GB/s",
  "speedup_squared": "(a100.latency / h100.latency)^2",
  "margin": "h100.latency - 100 us",
  "per_sample": "batch_size / h100.latency",
  "bound": "h100.bottleneck"})";

TEST(PipelineReport, ColumnsAreOutputsOrExpressionsInJson) {
  CliResult r = run_cli("pipeline run '" + write_spec(kComparison) + "' -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json report = Json::parse(r.out).at("report");
  const double ratio = kA100Latency / kH100Latency;
  EXPECT_NEAR(report["a100"]["value"].get<double>(), kA100Latency, 1e-15);
  EXPECT_EQ(report["a100"]["unit"], "s");
  EXPECT_NEAR(report["speedup"].get<double>(), ratio, 1e-12);
  EXPECT_NEAR(report["bytes_in_h100_step"]["value"].get<double>(), kH100Latency * 1e9, 1e-3);
  EXPECT_EQ(report["bytes_in_h100_step"]["unit"], "B");
  EXPECT_NEAR(report["speedup_squared"].get<double>(), ratio * ratio, 1e-12);
  EXPECT_NEAR(report["margin"]["value"].get<double>(), kH100Latency - 100e-6, 1e-15);
  EXPECT_NEAR(report["per_sample"]["value"].get<double>(), 1 / kH100Latency, 1e-9);
  EXPECT_EQ(report["per_sample"]["unit"], "1/s");
  EXPECT_EQ(report["bound"], "Memory");
  // Columns keep the spec's order.
  std::vector<std::string> names;
  for (const auto& [name, value] : report.items()) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"a100", "speedup", "bytes_in_h100_step",
                                             "speedup_squared", "margin", "per_sample", "bound"}));
}

TEST(PipelineReport, SweptRunsEachCarryTheirReport) {
  CliResult r = run_cli("pipeline run '" + write_spec(kComparison) +
                        "' --sweep batch_size=1,2 -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json runs = Json::parse(r.out);
  ASSERT_EQ(runs.size(), 2u);
  for (const Json& run : runs) {
    const double batch = run["inputs"]["batch_size"].get<double>();
    const double h100 = run["stages"]["h100"]["outputs"]["latency"]["value"].get<double>();
    EXPECT_NEAR(run["report"]["per_sample"]["value"].get<double>(), batch / h100, 1e-9);
  }
}

TEST(PipelineReport, TableHasOneColumnPerReportEntry) {
  CliResult r = run_cli("pipeline run '" + write_spec(kComparison) + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* text : {"a100", "speedup", "bytes_in_h100_step", "Memory", "8.999 ms"})
    EXPECT_NE(r.out.find(text), std::string::npos) << text << " in\n" << r.out;
}

TEST(PipelineReport, ListFormStillNamesColumnsByTheirReference) {
  CliResult r = run_cli("pipeline run '" + write_spec(R"(["h100.latency", "h100.feasible"])") +
                        "' -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json report = Json::parse(r.out).at("report");
  EXPECT_NEAR(report["h100.latency"]["value"].get<double>(), kH100Latency, 1e-15);
  EXPECT_EQ(report["h100.feasible"], true);
}

struct BadColumn {
  const char* label;
  const char* report;
  const char* column;
  const char* says;
};

class PipelineReportCheck : public ::testing::TestWithParam<BadColumn> {};

TEST_P(PipelineReportCheck, RefusesNamingTheColumn) {
  const BadColumn& c = GetParam();
  CliResult r = run_cli("pipeline check '" + write_spec(c.report) + "'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.err.find(std::string("report column '") + c.column + "'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(std::string("[report.") + c.column + "]"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Columns, PipelineReportCheck,
    ::testing::Values(
        BadColumn{"TimePlusBytes", R"({"bad": "a100.latency + 1 GB"})", "bad", "cannot add"},
        BadColumn{"DimensionedNonIntegerPower", R"({"root": "a100.latency ^ 0.5"})", "root",
                  "non-integer power"},
        BadColumn{"UnknownStage", R"({"x": "v100.latency / h100.latency"})", "x", "unknown stage"},
        BadColumn{"UnknownOutput", R"({"x": "h100.speed"})", "x", "has no output 'speed'"},
        BadColumn{"StringInArithmetic", R"({"x": "h100.bottleneck * 2"})", "x",
                  "not a number or quantity"},
        BadColumn{"UnknownUnit", R"({"x": "h100.latency * 3 parsecs"})", "x", "unit"},
        BadColumn{"UnknownInput", R"({"x": "h100.latency * sequence"})", "x",
                  "neither a pipeline input"}),
    [](const auto& info) { return std::string(info.param.label); });

TEST(PipelineReport, ANonStringColumnIsAShapeError) {
  CliResult r = run_cli("pipeline check '" + write_spec(R"({"x": 3})") + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("report.x"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mlsysim::testing
