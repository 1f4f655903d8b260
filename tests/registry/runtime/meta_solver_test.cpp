// Meta-solvers and the bound calls they are built on: sensitivity's inner
// runs and their attributed warnings, synthesis by hand, and the rules of
// bound calls (resolution once, typed ports, reused spec copies, recursion
// refused). Expected values are computed here from the physics and the zoo's
// spec fields, never read back from the program.
#include <gtest/gtest.h>

#include <fstream>

#include <fmt/format.h>

#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/framework/bound_call.hpp"
#include "mlsysim/registry/search_path.hpp"
#include "mlsysim/registry/session.hpp"
#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

TEST(Sensitivity, PrecisionFallbackWarnsOnceForEachOfTheFourRuns) {
  const Registry& r = default_registry();
  const HardwareRef h100 = *r.hardware("H100");
  Session session(r);
  Result<Record> out = r.solve("sensitivity",
                               Record{{"model", Value(*r.model("GPT2"))},
                                      {"hardware", Value(h100)},
                                      {"precision", Value("fp32")}},
                               session);
  ASSERT_TRUE(out.ok()) << describe(out.error());

  // H100 lists no fp32 rate: each run falls back to the FP16 peak and warns.
  ASSERT_EQ(session.warnings().size(), 4u);
  const char* runs[] = {"(baseline)", "(peak_flops perturbed)", "(memory_bandwidth perturbed)",
                        "(memory_capacity perturbed)"};
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string& w = session.warnings()[i];
    EXPECT_EQ(w.rfind(std::string("roofline:reference ") + runs[i], 0), 0u) << w;
    EXPECT_NE(w.find("Precision 'fp32' not in NVIDIA H100"), std::string::npos) << w;
  }

  // GPT-2 at fp32 is memory-bound on H100: only the bandwidth run moves.
  const double traffic = 1.5e9 * 4 * 1.1;
  const double bw = h100->memory_bandwidth.value();
  const double t_memory = traffic / bw;
  const double latency = t_memory + h100->dispatch_tax.value() + 48 * 0.01e-3;
  const NumberTable& s = *out->find("sensitivities")->if_table();
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], (std::pair<std::string, double>{"peak_flops", 0.0}));
  EXPECT_EQ(s[1].first, "memory_bandwidth");
  EXPECT_NEAR(s[1].second, (traffic / (bw * 1.1) - t_memory) / latency, 1e-12);
  EXPECT_EQ(s[2], (std::pair<std::string, double>{"memory_capacity", 0.0}));
  EXPECT_EQ(*out->find("binding_constraint")->if_string(), "memory_bandwidth");
  EXPECT_NEAR(out->get<Seconds>("baseline_latency")->value(), latency, 1e-15);
}

TEST(Sensitivity, ListedPrecisionDoesNotWarn) {
  const Registry& r = default_registry();
  Session session(r);
  ASSERT_TRUE(r.solve("sensitivity", Record{{"model", Value(*r.model("GPT2"))},
                                            {"hardware", Value(*r.hardware("H100"))},
                                            {"precision", Value("int8")}},
                      session)
                  .ok());
  EXPECT_TRUE(session.warnings().empty());
}

TEST(Sensitivity, InnerValidationErrorsReachTheCaller) {
  const Registry& r = default_registry();
  Session session(r);
  Result<Record> out = r.solve("sensitivity", Record{{"model", Value(*r.model("GPT2"))},
                                                     {"hardware", Value(*r.hardware("H100"))},
                                                     {"efficiency", Value(1.5)}},
                               session);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().field, "efficiency");
}

TEST(Synthesis, ModelsGivenBySizeNeedNoFlopsAndIgnorePrecision) {
  const Registry& r = default_registry();
  Session session(r);
  Result<Record> out = r.solve("synthesis", Record{{"model", Value(*r.model("DLRM"))},
                                                   {"target_latency", Value(0.25e-3 * unit::seconds)},
                                                   {"precision", Value("int8")}},
                               session);
  ASSERT_TRUE(out.ok()) << describe(out.error());
  const double size = (*r.model("DLRM"))->model_size->value();
  EXPECT_DOUBLE_EQ(out->get<Bytes>("required_memory")->value(), size);
  EXPECT_DOUBLE_EQ(out->get<ByteRate>("required_bw")->value(), size / 0.25e-3);
  EXPECT_EQ(out->get<FlopRate>("required_flops")->value(), 0.0);
  EXPECT_EQ(out->get<Intensity>("compute_memory_ratio")->value(), 0.0);
}

TEST(Synthesis, DiffusionCountsEveryDenoisingStep) {
  const Registry& r = default_registry();
  Session session(r);
  const ModelRef sd = *r.model("StableDiffusion_v1_5");
  Result<Record> out = r.solve(
      "synthesis", Record{{"model", Value(sd)}, {"target_latency", Value(2.0 * unit::seconds)}},
      session);
  ASSERT_TRUE(out.ok());
  const double ops = sd->inference_flops->value() * static_cast<double>(*sd->denoising_steps);
  EXPECT_DOUBLE_EQ(out->get<Flops>("total_ops")->value(), ops);
  EXPECT_DOUBLE_EQ(out->get<FlopRate>("required_flops")->value(), ops / (2.0 * 0.5));
}

TEST(Synthesis, ZeroTargetIsRefusedNamingTheField) {
  CliResult r = run_cli("solve synthesis --model GPT2 --set 'target_latency=0 ms'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("target_latency must be > 0"), std::string::npos) << r.err;
}

TEST(BoundCall, TypedCallsReuseTheirSpecCopy) {
  const Registry& r = default_registry();
  const auto& c = contract<contracts::Roofline>();
  const HardwareRef a100 = *r.hardware("A100");
  Session session(r);
  Result<BoundCall> call = session.bind("roofline");
  ASSERT_TRUE(call.ok());
  EXPECT_EQ(call->info().full_name(), "roofline:reference");
  call->set(c.in.model, *r.model("GPT2")).set(c.in.precision, "fp32");

  HardwareSpec& first = call->edit(c.in.hardware, *a100);
  first.memory_bandwidth *= 2.0;
  ASSERT_TRUE(call->run(session).ok());
  const double fast = call->get(c.out.latency_memory)->value();
  HardwareSpec& second = call->edit(c.in.hardware, *a100);
  EXPECT_EQ(&first, &second) << "the copy's storage is reused";
  ASSERT_TRUE(call->run(session).ok());
  const double base = call->get(c.out.latency_memory)->value();
  EXPECT_DOUBLE_EQ(base, 6.6e9 / a100->memory_bandwidth.value());
  EXPECT_DOUBLE_EQ(fast, base / 2.0);
  EXPECT_EQ(a100->memory_bandwidth.value(), (*r.hardware("A100"))->memory_bandwidth.value())
      << "the zoo's spec is untouched";
}

TEST(BoundCall, UnknownNamesFailAtBindTime) {
  Session session(default_registry());
  Result<BoundCall> call = session.bind("roofline:nosuch");
  ASSERT_FALSE(call.ok());
  EXPECT_EQ(call.error().code, ErrorCode::kUnknownName);
}

TEST(BoundCall, ASolverThatCallsItselfGetsAnErrorNotAStackOverflow) {
  Registry registry;
  registry.load_directories({installed_plugin_dir()});
  ASSERT_TRUE(registry.load_file(std::filesystem::path(MLSYSIM_TEST_PLUGIN_DIR) / "recursive.so").loaded);
  Session session(registry);
  Result<Record> out = registry.solve("loop", Record{}, session);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, ErrorCode::kPlugin);
  EXPECT_NE(out.error().message.find("calls itself"), std::string::npos) << out.error().message;
}

TEST(TutorialExample, RunsAndPrintsTheNumbersItsReadmeStates) {
  // examples/sensitivity-synthesis/run.sh, against this build's binary.
  const std::string script = std::string(MLSYSIM_EXAMPLES_ROOT) + "/sensitivity-synthesis/run.sh";
  const std::string out_file = (make_temp_dir("tutorial") / "out").string();
  const std::string command = fmt::format("MLSYSIM='{}' bash '{}' > '{}' 2>&1", MLSYSIM_CLI, script, out_file);
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream in(out_file);
  const std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Step 3 by hand: Llama-3.1-70B int8 on A100 is memory-bound; +10% bandwidth.
  const HardwareRef a100 = *default_registry().hardware("A100");
  const double t_memory = 1.1 * 70.6e9 / a100->memory_bandwidth.value();
  const double latency = t_memory + a100->dispatch_tax.value() + 80 * 0.01e-3;
  const double s_bw = (t_memory / 1.1 - t_memory) / latency;
  EXPECT_NE(out.find(fmt::format("memory_bandwidth {:.4g}", s_bw)), std::string::npos) << out;
  // Step 5 by hand: 1.1 W / (50 ms - overheads).
  const double bw = 1.1 * 70.6e9 / (0.050 - a100->dispatch_tax.value() - 80 * 0.01e-3);
  EXPECT_NE(out.find(fmt::format("({:.6g} B/s) meets latency<=50 ms", bw)), std::string::npos) << out;
  EXPECT_NE(out.find("required_bw           2.824 TB/s"), std::string::npos) << out;
}

}  // namespace
}  // namespace mlsysim::testing
