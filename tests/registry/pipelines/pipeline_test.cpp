// Pipelines: a three-stage chain equals the stage-by-stage hand computation;
// `pipeline check` refuses each kind of malformed spec naming stage and
// port; sweeps, --set, observers and the two example pipelines.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "mlsysim/registry/pipeline.hpp"
#include "mlsysim/registry/session.hpp"
#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

const std::string kThreeStage = std::string(MLSYSIM_TEST_DATA_DIR) + "/pipelines/three_stage.json";
const std::string kExamples = MLSYSIM_EXAMPLES_DIR;

double seconds(const Json& quantity) { return quantity.at("value").get<double>(); }

void expect_close(double actual, double expected, const std::string& what) {
  EXPECT_NEAR(actual, expected, std::abs(expected) * 1e-12) << what;
}

// The roofline outputs for these inputs, solved directly through the registry.
Record roofline(const std::string& model, const std::string& hardware, std::int64_t batch,
                bool training) {
  const Registry& r = default_registry();
  Record in{{"model", Value(*r.model(model))}, {"hardware", Value(*r.hardware(hardware))},
            {"batch_size", Value(batch)}, {"precision", Value("fp16")}, {"is_training", Value(training)}};
  Session s(r);
  Result<Record> out = r.solve("roofline", in, s);
  EXPECT_TRUE(out.ok());
  return out.ok() ? *out : Record{};
}

double latency_of(const Record& roofline_out) { return roofline_out.get<Seconds>("latency")->value(); }

TEST(Pipeline, ThreeStagesEqualTheHandComputation) {
  CliResult run = run_cli("pipeline run '" + kThreeStage + "' -o json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json out = Json::parse(run.out);
  EXPECT_EQ(out["name"], "three-stage");
  const Json& stages = out["stages"];
  ASSERT_EQ(stages.size(), 3u);

  // Stage 1: the roofline, same inputs.
  const double latency = latency_of(roofline("ResNet50", "A100", 256, false));
  expect_close(seconds(stages["compute"]["outputs"]["latency"]), latency, "compute.latency");
  EXPECT_EQ(stages["compute"]["solver"], "roofline");

  // Stage 2: transformation, by hand (physics.md §4).
  const double transform = 256 * 500e3 / 2e9;
  const Json& cpu = stages["cpu"]["outputs"];
  expect_close(seconds(cpu["transform_time"]), transform, "cpu.transform_time");
  expect_close(seconds(cpu["accelerator_step_time"]), latency, "cpu.accelerator_step_time");
  EXPECT_EQ(cpu["is_bottleneck"], transform > latency);
  expect_close(cpu["accelerator_utilization"].get<double>(), latency / std::max(transform, latency),
               "cpu.accelerator_utilization");
  expect_close(cpu["slowdown_factor"].get<double>(), std::max(transform, latency) / latency,
               "cpu.slowdown_factor");

  // Stage 3: data, demand from the expression, supply from the A100 spec (§3).
  const double demand = 256 * 500e3 / latency;
  const HardwareRef a100 = *default_registry().hardware("A100");
  const double storage = a100->storage ? a100->storage->bandwidth.value() : 0.0;
  const double io = a100->interconnect ? a100->interconnect->bandwidth.value() : 0.0;
  const double supply = std::min(storage, io);
  const Json& data = stages["io"]["outputs"];
  expect_close(data["demand_bw"]["value"].get<double>(), demand, "io.demand_bw");
  expect_close(data["supply_bw"]["value"].get<double>(), supply, "io.supply_bw");
  expect_close(data["margin"]["value"].get<double>(), supply - demand, "io.margin");
  if (supply > 0) expect_close(data["utilization"].get<double>(), demand / supply, "io.utilization");
  else EXPECT_EQ(data["utilization"], "inf");
}

TEST(Pipeline, LibraryRunReportsEachStageToObservers) {
  Result<PipelineSpec> spec = load_pipeline(kThreeStage);
  ASSERT_TRUE(spec.ok());
  std::vector<Error> errors;
  std::optional<Pipeline> p = check_pipeline(*spec, default_registry(), errors);
  ASSERT_TRUE(p) << (errors.empty() ? "" : errors.front().message);

  struct Recorder : PipelineObserver {
    std::vector<std::string> seen;
    void on_stage_end(const StageEvent& e) override {
      seen.push_back(std::string(e.stage) + ":" + std::string(e.solver) + (e.status.ok() ? "" : "!"));
      EXPECT_GE(e.elapsed.count(), 0);
    }
  } recorder;
  PipelineObserver* observers[] = {&recorder};
  Session session(default_registry());
  for (int repeat = 0; repeat < 2; ++repeat) {  // buffers are reused between runs
    recorder.seen.clear();
    ASSERT_TRUE(p->run(session, observers).ok());
    EXPECT_EQ(recorder.seen, (std::vector<std::string>{"compute:roofline", "cpu:transformation", "io:data"}));
    ASSERT_NE(p->output("cpu", "transform_time"), nullptr);
  }
}

TEST(Pipeline, TraceFlagPrintsOneLinePerStage) {
  CliResult run = run_cli("pipeline run '" + kThreeStage + "' --trace");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // Three trace lines, and the data stage's note: an A100 lists no storage, so 0.1.0's supply is 0.
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 4) << run.err;
  EXPECT_NE(run.err.find("stage io (data)"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("mlsysim: note: stage 'io': the device lists no storage"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("transform_time"), std::string::npos);
}

TEST(Pipeline, SweepsFormTheCartesianProductAndSetOverrides) {
  CliResult run = run_cli("pipeline run '" + kThreeStage +
                          "' --sweep batch_size=32,64 --sweep hardware=A100,H100 --set 'cpu_throughput=4 GB/s' -o json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json runs = Json::parse(run.out);
  ASSERT_EQ(runs.size(), 4u);
  const std::vector<std::pair<int, std::string>> order{{32, "A100"}, {32, "H100"}, {64, "A100"}, {64, "H100"}};
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(runs[k]["inputs"]["batch_size"], order[k].first);
    EXPECT_EQ(runs[k]["inputs"]["hardware"], order[k].second);
    const double latency = latency_of(roofline("ResNet50", order[k].second, order[k].first, false));
    expect_close(seconds(runs[k]["stages"]["compute"]["outputs"]["latency"]), latency, "latency");
    expect_close(seconds(runs[k]["stages"]["cpu"]["outputs"]["transform_time"]), order[k].first * 500e3 / 4e9,
                 "transform_time with --set cpu_throughput");
  }
}

// With -o json a failure prints {"error": ...} objects on stdout, and nothing else.
bool only_errors(const std::string& out) {
  for (const Json& line : json_lines(out))
    if (line.size() != 1 || !line.contains("error")) return false;
  return true;
}

TEST(Pipeline, ABadSweepValueFailsBeforeAnythingRuns) {
  CliResult run = run_cli("pipeline run '" + kThreeStage + "' --sweep batch_size=8,1.5 -o json");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(only_errors(run.out)) << run.out;  // not even the good combination
  EXPECT_NE(run.err.find("[compute.batch_size]"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("[with batch_size=1.5]"), std::string::npos) << run.err;
  // A problem shared by every combination is reported once, without one.
  CliResult shared = run_cli("pipeline check '" + kThreeStage + "' --sweep batch_size=8,16 --set hardware=Z9");
  EXPECT_EQ(shared.exit_code, 1);
  EXPECT_EQ(std::count(shared.err.begin(), shared.err.end(), '\n'), 2) << shared.err;  // compute, io
  EXPECT_EQ(shared.err.find("[with"), std::string::npos) << shared.err;
}

// A malformed spec, the field its first error must name, and text the message must contain.
struct BadSpec {
  const char* label;
  const char* stages;  // JSON of the "stages" array
  const char* field;
  const char* message;
};

// Test names and failure messages show the label, not the struct's bytes.
void PrintTo(const BadSpec& spec, std::ostream* os) { *os << spec.label; }

const char* kInputs = R"({"model": "ResNet50", "hardware": "A100", "batch_size": 8,
                          "sample_size_bytes": "500 KB", "cpu_throughput": "2 GB/s"})";

class PipelineCheck : public ::testing::TestWithParam<BadSpec> {};

TEST_P(PipelineCheck, RefusesNamingStageAndPort) {
  const BadSpec& c = GetParam();
  auto dir = make_temp_dir("pipeline");
  const auto file = dir / "spec.json";
  std::ofstream(file) << R"({"name": "bad", "inputs": )" << kInputs << R"(, "stages": )" << c.stages << "}";
  CliResult run = run_cli("pipeline check '" + file.string() + "'");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_TRUE(run.out.empty()) << run.out;  // nothing printed as if it were a result
  EXPECT_NE(run.err.find(std::string("[") + c.field + "]"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find(c.message), std::string::npos) << run.err;
  // `run` checks first, so it refuses the same way and solves nothing.
  CliResult ran = run_cli("pipeline run '" + file.string() + "' -o json");
  EXPECT_EQ(ran.exit_code, 1);
  EXPECT_TRUE(only_errors(ran.out)) << ran.out;  // -o json: the errors as JSON, no result
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(
    Specs, PipelineCheck,
    ::testing::Values(
        BadSpec{"unknown_solver", R"([{"id": "a", "solver": "warp_drive"}])", "a.solver", "no solver named 'warp_drive'"},
        BadSpec{"required_not_bound", R"([{"id": "io", "solver": "data", "inputs": {"hardware": "A100"}}])",
                "io.workload_data_rate", "required input is not bound"},
        BadSpec{"undeclared_port", R"([{"id": "c", "solver": "roofline", "inputs": {"warp": 9}}])", "c.warp",
                "has no input 'warp'"},
        BadSpec{"from_dimension", R"([{"id": "c", "solver": "roofline"},
              {"id": "t", "solver": "transformation", "inputs": {"accelerator_step_time": {"from": "c.energy"}}}])",
                "t.accelerator_step_time", "expects a time (s)"},
        BadSpec{"expr_dimension", R"([{"id": "c", "solver": "roofline"},
              {"id": "d", "solver": "data", "inputs": {"workload_data_rate": {"expr": "sample_size_bytes * c.latency"}}}])",
                "d.workload_data_rate", "expects a data rate (B/s)"},
        BadSpec{"expr_adds_unlike", R"([{"id": "c", "solver": "roofline"},
              {"id": "d", "solver": "data", "inputs": {"workload_data_rate": {"expr": "sample_size_bytes + c.latency"}}}])",
                "d.workload_data_rate", "cannot add"},
        BadSpec{"literal_wrong_unit", R"([{"id": "d", "solver": "data", "inputs": {"workload_data_rate": "3 GB"}}])",
                "d.workload_data_rate", "expected a data rate"},
        BadSpec{"later_stage", R"([{"id": "t", "solver": "transformation", "inputs": {"accelerator_step_time": {"from": "c.latency"}}},
              {"id": "c", "solver": "roofline"}])",
                "t.accelerator_step_time", "does not run before stage 't'"},
        BadSpec{"self_reference", R"([{"id": "t", "solver": "transformation", "inputs": {"accelerator_step_time": {"from": "t.transform_time"}}}])",
                "t.accelerator_step_time", "does not run before"},
        BadSpec{"unknown_stage", R"([{"id": "t", "solver": "transformation", "inputs": {"accelerator_step_time": {"from": "gpu.latency"}}}])",
                "t.accelerator_step_time", "unknown stage 'gpu'"},
        BadSpec{"unknown_output", R"([{"id": "c", "solver": "roofline"},
              {"id": "t", "solver": "transformation", "inputs": {"accelerator_step_time": {"from": "c.step"}}}])",
                "t.accelerator_step_time", "has no output 'step'"},
        BadSpec{"from_not_a_reference", R"([{"id": "t", "solver": "transformation", "inputs": {"accelerator_step_time": {"from": "latency"}}}])",
                "t.accelerator_step_time", "not a \"stage.output\" reference"},
        BadSpec{"expr_syntax", R"([{"id": "c", "solver": "roofline"},
              {"id": "d", "solver": "data", "inputs": {"workload_data_rate": {"expr": "batch_size * (sample_size_bytes / c.latency"}}}])",
                "d.workload_data_rate", "expected ')'"},
        BadSpec{"expr_unknown_name", R"([{"id": "d", "solver": "data", "inputs": {"workload_data_rate": {"expr": "bandwidth"}}}])",
                "d.workload_data_rate", "neither a pipeline input"},
        BadSpec{"expr_non_numeric_input", R"([{"id": "d", "solver": "data", "inputs": {"workload_data_rate": {"expr": "model / 1"}}}])",
                "d.workload_data_rate", "not a number or quantity"},
        BadSpec{"expr_string_output", R"([{"id": "c", "solver": "roofline"},
              {"id": "d", "solver": "data", "inputs": {"workload_data_rate": {"expr": "c.bottleneck"}}}])",
                "d.workload_data_rate", "not a number or quantity"},
        BadSpec{"literal_breaks_constraint", R"([{"id": "c", "solver": "roofline", "inputs": {"batch_size": 0}}])",
                "c.batch_size", "batch_size must be >= 1, got 0"},
        BadSpec{"literal_out_of_range", R"([{"id": "c", "solver": "roofline", "inputs": {"efficiency": 2}}])",
                "c.efficiency", "efficiency must be in [1e-09, 1], got 2"},
        BadSpec{"pipeline_input_wrong_kind", R"([{"id": "t", "solver": "transformation", "inputs": {"cpu_throughput": "fast"}}])",
                "t.cpu_throughput", "cpu_throughput"},
        BadSpec{"duplicate_id", R"([{"id": "c", "solver": "roofline"}, {"id": "c", "solver": "roofline"}])",
                "stages[1].id", "duplicate stage id 'c'"},
        BadSpec{"id_not_identifier", R"([{"id": "my stage", "solver": "roofline"}])", "stages[0].id", "identifier"},
        BadSpec{"missing_solver", R"([{"id": "c"}])", "c.solver", "expected a solver name"},
        BadSpec{"no_stages", R"([])", "stages", "non-empty list"},
        BadSpec{"stage_not_object", R"([42])", "stages[0]", "expected an object"}),
    [](const ::testing::TestParamInfo<BadSpec>& info) { return std::string(info.param.label); });

TEST(Pipeline, ReportsEveryProblemNotJustTheFirst) {
  auto dir = make_temp_dir("pipeline");
  const auto file = dir / "spec.json";
  std::ofstream(file) << R"({"inputs": {"batch_size": 8}, "stages": [
      {"id": "a", "solver": "nope"},
      {"id": "c", "solver": "roofline", "inputs": {"model": "NoSuchModel"}},
      {"id": "d", "solver": "data", "inputs": {"workload_data_rate": {"expr": "a.x +"}}}]})";
  CliResult run = run_cli("pipeline check '" + file.string() + "'");
  EXPECT_EQ(run.exit_code, 1);
  for (const char* field : {"[a.solver]", "[c.model]", "[c.hardware]", "[d.workload_data_rate]", "[d.hardware]"})
    EXPECT_NE(run.err.find(field), std::string::npos) << field << " in\n" << run.err;
  std::filesystem::remove_all(dir);
}

TEST(Pipeline, GarbageNeverCrashes) {
  auto dir = make_temp_dir("pipeline");
  const auto file = dir / "spec.json";
  const char* bodies[] = {"", "[]", "null", "\"text\"", "{\"stages\": {}}", "{\"stages\": [{}]}",
                          "{\"stages\": [{\"id\": 1, \"solver\": 2}]}", "{\"inputs\": 3, \"stages\": []}",
                          "{\"sweep\": {\"x\": []}, \"stages\": [{\"id\": \"a\", \"solver\": \"roofline\"}]}",
                          "{\"stages\": [{\"id\": \"a\", \"solver\": \"data\", \"inputs\": {\"workload_data_rate\": {\"expr\": 5}}}]}",
                          "{\"stages\": [{\"id\": \"a\", \"solver\": \"data\", \"inputs\": {\"workload_data_rate\": {\"from\": null}}}]}",
                          "{\"stages\": [{\"id\": \"a\", \"solver\": \"data\", \"inputs\": {\"workload_data_rate\": {\"expr\": \"((((((\"}}}]}"};
  for (const char* body : bodies) {
    std::ofstream(file) << body;
    CliResult run = run_cli("pipeline run '" + file.string() + "'");
    EXPECT_EQ(run.exit_code, 1) << body << "\n" << run.err;
    EXPECT_NE(run.err.find("error"), std::string::npos) << body;
  }
  std::filesystem::remove_all(dir);
}

TEST(Pipeline, RuntimeFailureNamesTheStageAndStops) {
  auto dir = make_temp_dir("pipeline");
  const auto file = dir / "spec.json";
  // Llama3_70B does not fit a T4: with raise_errors the roofline stage is infeasible.
  std::ofstream(file) << R"({"name": "oom", "inputs": {"model": "Llama3_70B", "hardware": "T4", "raise_errors": true,
      "batch_size": 1, "sample_size_bytes": "1 KB", "cpu_throughput": "1 GB/s"},
      "stages": [{"id": "c", "solver": "roofline"},
                 {"id": "t", "solver": "transformation", "inputs": {"accelerator_step_time": {"from": "c.latency"}}}]})";
  CliResult run = run_cli("pipeline run '" + file.string() + "' -o json");
  EXPECT_EQ(run.exit_code, 2) << run.err;
  const Json out = Json::parse(run.out);
  EXPECT_EQ(out["error"]["code"], "infeasible");
  EXPECT_EQ(out["stages"]["c"]["error"]["code"], "infeasible");
  EXPECT_FALSE(out["stages"].contains("t"));  // never ran
  EXPECT_NE(out["error"]["message"].get<std::string>().find("stage 'c'"), std::string::npos);
  std::filesystem::remove_all(dir);
}

// --- the two example pipelines, against the solvers' physics ---

Json run_example(const std::string& name) {
  CliResult run = run_cli("pipeline run '" + kExamples + "/" + name + "' -o json");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.exit_code == 0 ? Json::parse(run.out) : Json::array();
}

TEST(Examples, DataWallMatchesRooflineAndStorageArithmetic) {
  const Json runs = run_example("data-wall.json");
  ASSERT_EQ(runs.size(), 3u);
  const std::vector<std::string> devices{"V100", "A100", "H100"};
  for (std::size_t k = 0; k < 3; ++k) {
    SCOPED_TRACE(devices[k]);
    EXPECT_EQ(runs[k]["inputs"]["hardware"], devices[k]);
    const double compute = latency_of(roofline("ResNet50", devices[k], 256, true));
    const double io = 256 * (224 * 224 * 3 * 2) / 3e9;  // one batch of fp16 images at 3 GB/s
    const Json& storage = runs[k]["stages"]["storage"]["outputs"];
    expect_close(seconds(runs[k]["stages"]["compute"]["outputs"]["latency"]), compute, "compute time");
    expect_close(seconds(storage["transform_time"]), io, "I/O time");
    expect_close(storage["accelerator_utilization"].get<double>(), compute / std::max(compute, io), "utilization");
    EXPECT_EQ(storage["is_bottleneck"], io > compute);
  }
  // The tutorial's point: the faster devices hit the data wall; its figures:
  // 25.7 ms of I/O per batch, H100 utilization about 30.7%.
  EXPECT_EQ(runs[0]["stages"]["storage"]["outputs"]["is_bottleneck"], false);
  EXPECT_EQ(runs[2]["stages"]["storage"]["outputs"]["is_bottleneck"], true);
  EXPECT_NEAR(seconds(runs[2]["stages"]["storage"]["outputs"]["transform_time"]), 25.7e-3, 0.05e-3);
  EXPECT_NEAR(runs[2]["stages"]["storage"]["outputs"]["accelerator_utilization"].get<double>(), 0.307,
              0.0005);
}

TEST(Examples, StarvingTheGpuMatchesRooflineAndTransformArithmetic) {
  const Json runs = run_example("starving-the-gpu.json");
  const std::vector<int> batches{32, 64, 128, 256, 512, 1024};
  ASSERT_EQ(runs.size(), batches.size());
  for (std::size_t k = 0; k < batches.size(); ++k) {
    SCOPED_TRACE(batches[k]);
    EXPECT_EQ(runs[k]["inputs"]["batch_size"], batches[k]);
    const double gpu = latency_of(roofline("ResNet50", "A100", batches[k], /*training=*/false));
    const double cpu = batches[k] * 500e3 / 2e9;
    const Json& t = runs[k]["stages"]["cpu"]["outputs"];
    expect_close(seconds(runs[k]["stages"]["gpu"]["outputs"]["latency"]), gpu, "GPU step");
    expect_close(seconds(t["transform_time"]), cpu, "CPU transform time");
    EXPECT_EQ(t["is_bottleneck"], cpu > gpu);
    expect_close(t["accelerator_utilization"].get<double>(), gpu / std::max(cpu, gpu), "GPU utilization");
  }
}

TEST(Examples, TablesListEveryRunWithTheReportColumns) {
  CliResult run = run_cli("pipeline run '" + kExamples + "/starving-the-gpu.json'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("cpu.is_bottleneck"), std::string::npos) << run.out;
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 2 + 6) << run.out;  // header, rule, 6 runs
  CliResult check = run_cli("pipeline check '" + kExamples + "/data-wall.json'");
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_NE(check.out.find("3 runs"), std::string::npos) << check.out;
}

}  // namespace
}  // namespace mlsysim::testing
