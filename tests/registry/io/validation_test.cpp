// Bad input is refused with a coded error naming the field, even where
// MLSys·im 0.1.0 accepted it silently; the batch protocol answers every line.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "mlsysim/registry/batch.hpp"
#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

Json answer(const std::string& line) {
  BatchRunner runner(default_registry());
  std::string out;
  runner.handle_line(line, 7, out);
  EXPECT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(out.find('\n'), out.size() - 1) << "exactly one response line";
  return Json::parse(out);
}

Json roofline(const Json& inputs) {
  return answer(Json{{"id", 1}, {"solver", "roofline"}, {"inputs", inputs}}.dump());
}

struct BadInput {
  const char* name;
  Json inputs;
  const char* code;
  const char* field;
};

Json base(std::initializer_list<std::pair<const std::string, Json>> extra) {
  Json j = {{"model", "ResNet50"}, {"hardware", "A100"}};
  for (const auto& [k, v] : extra) j[k] = v;
  return j;
}

void PrintTo(const BadInput& c, std::ostream* os) { *os << c.name << ": " << c.inputs.dump(); }

class RooflineRefuses : public ::testing::TestWithParam<BadInput> {};

TEST_P(RooflineRefuses, WithCodedErrorNamingTheField) {
  const BadInput& c = GetParam();
  Json r = roofline(c.inputs);
  ASSERT_TRUE(r.contains("error")) << r.dump();
  EXPECT_FALSE(r.contains("outputs"));
  EXPECT_EQ(r["error"]["code"], c.code) << r.dump();
  EXPECT_EQ(r["error"]["field"], c.field) << r.dump();
  EXPECT_FALSE(r["error"]["message"].get<std::string>().empty());
  EXPECT_EQ(r["id"], 1);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RooflineRefuses,
    ::testing::Values(
        BadInput{"unknown_model", base({{"model", "ResNet51"}}), "unknown_name", "model"},
        BadInput{"unknown_hardware", base({{"hardware", "A1000"}}), "unknown_name", "hardware"},
        BadInput{"batch_zero", base({{"batch_size", 0}}), "bad_input", "batch_size"},
        BadInput{"batch_negative", base({{"batch_size", -4}}), "bad_input", "batch_size"},
        BadInput{"batch_fraction", base({{"batch_size", 1.5}}), "bad_input", "batch_size"},
        BadInput{"batch_string", base({{"batch_size", "8"}}), "bad_input", "batch_size"},
        BadInput{"batch_bool", base({{"batch_size", true}}), "bad_input", "batch_size"},
        BadInput{"efficiency_zero", base({{"efficiency", 0}}), "bad_input", "efficiency"},
        BadInput{"efficiency_above_one", base({{"efficiency", 1.01}}), "bad_input", "efficiency"},
        BadInput{"efficiency_negative", base({{"efficiency", -0.5}}), "bad_input", "efficiency"},
        BadInput{"efficiency_nan", base({{"efficiency", "nan"}}), "bad_input", "efficiency"},
        BadInput{"efficiency_text", base({{"efficiency", "half"}}), "bad_input", "efficiency"},
        BadInput{"efficiency_first", base({{"efficiency", 2}, {"batch_size", 0}}), "bad_input",
                 "efficiency"},
        BadInput{"undeclared_input", base({{"sequence_length", 8}}), "bad_input",
                 "sequence_length"},
        BadInput{"missing_model", Json{{"hardware", "A100"}}, "bad_input", "model"},
        BadInput{"dp_size_zero", base({{"dp_size", 0}}), "bad_input", "dp_size"},
        BadInput{"zero_stage_four", base({{"zero_stage", 4}}), "bad_input", "zero_stage"},
        BadInput{"model_number", base({{"model", 50}}), "bad_input", "model"},
        BadInput{"inline_spec_wrong_unit",
                 base({{"hardware", Json{{"id", "X"},
                                         {"compute", {{"peak_flops", "1 TFLOP/s"}}},
                                         {"memory", {{"capacity", "3 GB/s"},
                                                     {"bandwidth", "1 TB/s"}}}}}}),
                 "bad_input", "hardware.memory.capacity"},
        BadInput{"oom_with_raise_errors",
                 base({{"model", "GPT3"}, {"raise_errors", true}}), "infeasible",
                 "memory_footprint"}),
    [](const auto& info) { return std::string(info.param.name); });

struct SolverBadInput {
  const char* name;
  const char* solver;
  Json inputs;
  const char* field;
};

Json solve(const char* solver, const Json& inputs) {
  return answer(Json{{"id", 1}, {"solver", solver}, {"inputs", inputs}}.dump());
}

Json transformation_inputs(std::initializer_list<std::pair<const std::string, Json>> extra) {
  Json j = {{"batch_size", 32},
            {"sample_size_bytes", "150 KB"},
            {"cpu_throughput", "2 GB/s"},
            {"accelerator_step_time", "50 ms"}};
  for (const auto& [k, v] : extra) j[k] = v;
  return j;
}

void PrintTo(const SolverBadInput& c, std::ostream* os) {
  *os << c.solver << " " << c.name << ": " << c.inputs.dump();
}

class OtherSolversRefuse : public ::testing::TestWithParam<SolverBadInput> {};

TEST_P(OtherSolversRefuse, WithBadInputNamingTheField) {
  const SolverBadInput& c = GetParam();
  Json r = solve(c.solver, c.inputs);
  ASSERT_TRUE(r.contains("error")) << r.dump();
  EXPECT_FALSE(r.contains("outputs"));
  EXPECT_EQ(r["error"]["code"], "bad_input") << r.dump();
  EXPECT_EQ(r["error"]["field"], c.field) << r.dump();
  EXPECT_FALSE(r["error"]["message"].get<std::string>().empty());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, OtherSolversRefuse,
    ::testing::Values(
        SolverBadInput{"data_missing_rate", "data", Json{{"hardware", "A100"}},
                       "workload_data_rate"},
        SolverBadInput{"data_rate_in_bytes", "data",
                       Json{{"workload_data_rate", "3 GB"}, {"hardware", "A100"}},
                       "workload_data_rate"},
        SolverBadInput{"data_missing_hardware", "data", Json{{"workload_data_rate", "3 GB/s"}},
                       "hardware"},
        SolverBadInput{"transformation_cpu_zero", "transformation",
                       transformation_inputs({{"cpu_throughput", "0 GB/s"}}), "cpu_throughput"},
        SolverBadInput{"transformation_sample_as_rate", "transformation",
                       transformation_inputs({{"sample_size_bytes", "150 KB/s"}}),
                       "sample_size_bytes"},
        SolverBadInput{"transformation_step_in_bytes", "transformation",
                       transformation_inputs({{"accelerator_step_time", "50 MB"}}),
                       "accelerator_step_time"},
        SolverBadInput{"transformation_batch_fraction", "transformation",
                       transformation_inputs({{"batch_size", 1.5}}), "batch_size"},
        SolverBadInput{"sensitivity_zero_device", "sensitivity",
                       Json{{"model", "GPT2"}, {"hardware", "A100"}, {"perturbation_pct", -100}},
                       "perturbation_pct"},
        SolverBadInput{"sensitivity_efficiency_above_one", "sensitivity",
                       Json{{"model", "GPT2"}, {"hardware", "A100"}, {"efficiency", 1.5}}, "efficiency"},
        SolverBadInput{"sensitivity_missing_hardware", "sensitivity", Json{{"model", "GPT2"}}, "hardware"},
        SolverBadInput{"sensitivity_pct_as_text", "sensitivity",
                       Json{{"model", "GPT2"}, {"hardware", "A100"}, {"perturbation_pct", "ten"}},
                       "perturbation_pct"},
        SolverBadInput{"synthesis_zero_target", "synthesis",
                       Json{{"model", "GPT2"}, {"target_latency", "0 ms"}}, "target_latency"},
        SolverBadInput{"synthesis_target_in_bytes", "synthesis",
                       Json{{"model", "GPT2"}, {"target_latency", "5 GB"}}, "target_latency"},
        SolverBadInput{"synthesis_zero_efficiency", "synthesis",
                       Json{{"model", "GPT2"}, {"target_latency", "5 ms"}, {"efficiency", 0}}, "efficiency"},
        SolverBadInput{"synthesis_missing_target", "synthesis", Json{{"model", "GPT2"}}, "target_latency"},
        SolverBadInput{"synthesis_undeclared_input", "synthesis",
                       Json{{"model", "GPT2"}, {"target_latency", "5 ms"}, {"hardware", "A100"}}, "hardware"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Validation, DataStorageBoundDeviceAndTies) {
  // H100: NVMe 7 GB/s below its 64 GB/s link. A demand equal to supply is not stalled.
  Json r = solve("data", Json{{"workload_data_rate", "7 GB/s"}, {"hardware", "H100"}});
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_EQ(r["outputs"]["utilization"], 1.0);
  EXPECT_EQ(r["outputs"]["is_stalled"], false);
  EXPECT_EQ(r["outputs"]["bottleneck"], "Storage");
  EXPECT_EQ(r["outputs"]["margin"]["value"], 0.0);
  r = solve("data", Json{{"workload_data_rate", "8 GB/s"}, {"hardware", "H100"}});
  EXPECT_EQ(r["outputs"]["is_stalled"], true);
  // No storage: supply 0 -> stalled even at zero demand (0.1.0 quirk).
  r = solve("data", Json{{"workload_data_rate", "0 GB/s"}, {"hardware", "A100"}});
  EXPECT_EQ(r["outputs"]["utilization"], "inf");
  EXPECT_EQ(r["outputs"]["is_stalled"], true);
  EXPECT_EQ(r["outputs"]["bottleneck"], "Interconnect");
}

TEST(Validation, UnknownPrecisionCountsTwoBytesAndWarnsAsIn010) {
  // physics.md §1.4/§1.5: any other string is 2 bytes per element and the
  // default peak, with the fallback warning where precision_flops is not empty.
  Json r = roofline(Json{{"model", "GPT2"}, {"hardware", "A100"}, {"precision", "fp12"}});
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_EQ(r["outputs"]["memory_footprint"]["value"], 1.5e9 * 2);
  ASSERT_EQ(r["warnings"].size(), 1u) << r.dump();
  EXPECT_NE(r["warnings"][0].get<std::string>().find("Precision 'fp12'"), std::string::npos);
  r = roofline(Json{{"model", "GPT2"}, {"hardware", "Cerebras_CS3"}, {"precision", "fp12"}});
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_FALSE(r.contains("warnings")) << "no precision_flops, no warning";
  r = solve("synthesis", Json{{"model", "GPT2"}, {"target_latency", "1 ms"}, {"precision", "fp12"}});
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_EQ(r["outputs"]["required_memory"]["value"], 1.5e9 * 2);
}

TEST(Validation, TransformationAcceptsWhat010Accepted) {
  // Negative batch sizes are not validated; a 0 ms step gives slowdown inf.
  Json r = solve("transformation", transformation_inputs({{"batch_size", -4}}));
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_LT(r["outputs"]["transform_time"]["value"].get<double>(), 0.0);
  EXPECT_EQ(r["outputs"]["is_bottleneck"], false);
  EXPECT_EQ(r["outputs"]["accelerator_utilization"], 1.0);
  r = solve("transformation",
            transformation_inputs({{"batch_size", 0}, {"accelerator_step_time", "0 ms"}}));
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_EQ(r["outputs"]["is_bottleneck"], false);
  EXPECT_EQ(r["outputs"]["accelerator_utilization"], 0.0);
  EXPECT_EQ(r["outputs"]["slowdown_factor"], "inf");
}

TEST(Validation, WrongUnitMessageNamesFieldUnitAndExpectedDimension) {
  Json r = roofline(base({{"hardware", Json{{"id", "X"},
                                            {"compute", {{"peak_flops", "1 TB/s"}}},
                                            {"memory", {{"capacity", "8 GB"},
                                                        {"bandwidth", "1 TB/s"}}}}}}));
  ASSERT_TRUE(r.contains("error"));
  const std::string msg = r["error"]["message"];
  EXPECT_NE(msg.find("compute.peak_flops"), std::string::npos) << msg;
  EXPECT_NE(msg.find("1 TB/s"), std::string::npos) << msg;
  EXPECT_NE(msg.find("flop/s"), std::string::npos) << msg;
}

TEST(Validation, InlineHardwareSpecSolves) {
  Json r = roofline(base({{"hardware", Json{{"id", "Mine"},
                                            {"compute", {{"peak_flops", "100 TFLOP/s"}}},
                                            {"memory", {{"capacity", "16 GiB"},
                                                        {"bandwidth", "1 TB/s"}}}}}}));
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  // Memory time = W (1 + 0.1) / BW with W = 25.6e6 params x 2 B.
  EXPECT_DOUBLE_EQ(r["outputs"]["latency_memory"]["value"].get<double>(), 51.2e6 * 1.1 / 1e12);
}

TEST(Validation, PrecisionFallbackWarnsWithTheResult) {
  Json r = roofline(base({{"hardware", "V100"}, {"precision", "int8"}}));
  ASSERT_TRUE(r.contains("outputs"));
  ASSERT_TRUE(r.contains("warnings"));
  ASSERT_EQ(r["warnings"].size(), 1u);
  EXPECT_NE(r["warnings"][0].get<std::string>().find("'int8'"), std::string::npos);
  EXPECT_FALSE(roofline(base({{"precision", "fp16"}})).contains("warnings"));
}

TEST(BatchProtocol, NonObjectLineGetsErrorWithLineNumber) {
  for (const char* line : {"[1, 2]", "not json", "42", "\"roofline\""}) {
    Json r = answer(line);
    EXPECT_TRUE(r["id"].is_null()) << line;
    EXPECT_EQ(r["error"]["code"], "bad_input") << line;
    EXPECT_NE(r["error"]["message"].get<std::string>().find("line 7"), std::string::npos) << line;
  }
}

TEST(BatchProtocol, IdIsEchoedWhateverItsType) {
  for (Json id : {Json("a-1"), Json(17), Json::array({1, "x"}), Json(nullptr)}) {
    Json r = answer(Json{{"id", id}, {"solver", "roofline"},
                         {"inputs", {{"model", "GPT2"}, {"hardware", "H100"}}}}.dump());
    EXPECT_EQ(r["id"], id);
    EXPECT_TRUE(r.contains("outputs"));
  }
}

TEST(BatchProtocol, UnknownSolverAndUnknownRequestField) {
  Json r = answer(R"({"id": 3, "solver": "rooftop", "inputs": {}})");
  EXPECT_EQ(r["error"]["code"], "unknown_name");
  EXPECT_EQ(r["error"]["field"], "solver");
  r = answer(R"({"id": 3, "solver": "roofline", "input": {}})");
  EXPECT_EQ(r["error"]["field"], "input");
}

TEST(BatchProtocol, QuantitiesInBaseUnitsAndNullsForAbsentOutputs) {
  Json r = roofline(base({}));
  EXPECT_EQ(r["outputs"]["latency"]["unit"], "s");
  EXPECT_EQ(r["outputs"]["peak_bw_actual"]["unit"], "B/s");
  EXPECT_EQ(r["outputs"]["peak_flops_actual"]["unit"], "flop/s");
  EXPECT_EQ(r["outputs"]["arithmetic_intensity"]["unit"], "flop/B");
  EXPECT_EQ(r["outputs"]["energy"]["unit"], "J");
  EXPECT_EQ(r["outputs"]["throughput"]["unit"], "1/s");
  EXPECT_TRUE(r["outputs"]["offload_spill_bytes"].is_null());
}

TEST(BatchProtocol, NonFiniteNumbersAreStrings) {
  std::string out;
  append_json(out, Value(std::numeric_limits<double>::infinity()));
  append_json(out, Value(-std::numeric_limits<double>::infinity()));
  append_json(out, Value(std::nan("")));
  append_json(out, Value(Quantity{std::numeric_limits<double>::infinity(), dims::intensity}));
  EXPECT_EQ(out, R"("inf""-inf""nan"{"value":"inf","unit":"flop/B"})");
}

TEST(BatchProtocol, StringsAreEscaped) {
  std::string out;
  const std::string text = "plain \"q\" back\\slash\nnew\ttab\x01" "end";
  append_json_string(out, text);
  EXPECT_EQ(out, R"("plain \"q\" back\\slash\nnew\ttab\u0001end")");
  EXPECT_EQ(Json::parse(out).get<std::string>(), text);
}

TEST(BatchProtocol, InputsAcceptUnitStringsAndValueUnitObjects) {
  // Ports of every kind accept their documented spellings; quantities in any unit.
  Json inline_hw = {{"id", "Mine"},
                    {"compute", {{"peak_flops", {{"value", 100}, {"unit", "TFLOP/s"}}}}},
                    {"memory", {{"capacity", "16384 MiB"}, {"bandwidth", "8000 Gbps"}}}};
  Json r = roofline(base({{"hardware", inline_hw}, {"batch_size", 4.0}}));
  ASSERT_TRUE(r.contains("outputs")) << r.dump();
  EXPECT_DOUBLE_EQ(r["outputs"]["peak_bw_actual"]["value"].get<double>(), 1e12);
}

}  // namespace
}  // namespace mlsysim::testing
