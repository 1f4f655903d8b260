// The SDK's typed call: implementations as functions, sealed contracts,
// typed binds, wrappers that pass inputs through, and the output contract
// enforced at run time for every kind of implementation.
#include <stdexcept>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/framework/bound_call.hpp"
#include "mlsysim/registry/search_path.hpp"
#include "mlsysim/registry/session.hpp"
#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

const std::filesystem::path kWrappers = std::filesystem::path(MLSYSIM_TEST_PLUGIN_DIR) / "roofline_wrappers.so";

const Registry& wrapper_registry() {
  static const Registry* r = [] {
    auto* registry = new Registry();
    registry->load_directories({installed_plugin_dir()});
    registry->load_file(kWrappers);
    registry->load_file(std::filesystem::path(MLSYSIM_TEST_PLUGIN_DIR) / "broken_promises.so");
    return registry;
  }();
  return *r;
}

Record gpt2_training_zero3(double efficiency) {
  const Registry& r = wrapper_registry();
  return Record{{"model", Value(*r.model("GPT2"))},  {"hardware", Value(*r.hardware("H100"))},
                {"is_training", Value(true)},        {"zero_stage", Value(std::int64_t{3})},
                {"dp_size", Value(std::int64_t{8})}, {"efficiency", Value(efficiency)}};
}

TEST(SealedContract, APortCannotBeAddedAfterConstruction) {
  const auto& roofline = contract<contracts::Roofline>();
  const std::size_t before = roofline.inputs().size();
  // The hole the audit found: in.c is a plain reference to the contract.
  EXPECT_THROW(Input<double>(roofline.in.c, "sneaky", 1.0, "added later"), std::logic_error);
  EXPECT_THROW(Output<double>(roofline.out.c, "sneaky", "added later"), std::logic_error);
  EXPECT_EQ(roofline.inputs().size(), before);
}

TEST(WrapperVariant, PassesEveryInputItDoesNotChangeThrough) {
  // physics.md §2.3, GPT-2 fp16 training, ZeRO 3 over 8: weights, gradients
  // and optimiser state divided by 8, activations 48 x 34 x 2048 x 1600 x 2.
  const double footprint = 3e9 / 8 + 3e9 / 8 + 18e9 / 8 + 48.0 * 34 * 2048 * 1600 * 2;
  const Registry& r = wrapper_registry();
  Session session(r);
  Result<Record> wrapped = r.solve("roofline:derated", gpt2_training_zero3(0.5), session);
  ASSERT_TRUE(wrapped.ok()) << describe(wrapped.error());
  EXPECT_DOUBLE_EQ(wrapped->get<Bytes>("memory_footprint")->value(), footprint);
  Result<Record> reference = r.solve("roofline:reference", gpt2_training_zero3(0.25), session);
  ASSERT_TRUE(reference.ok());
  ASSERT_EQ(wrapped->size(), reference->size());
  auto a = wrapped->begin();
  for (const Record::Field& f : *reference) {
    EXPECT_EQ(a->name, f.name);
    EXPECT_EQ(a->value.describe(), f.value.describe()) << f.name.view();
    ++a;
  }
}

TEST(WrapperVariant, MatchesTheReferenceOnEveryReferenceCaseAtHalfEfficiency) {
  const Registry& r = wrapper_registry();
  Session session(r);
  std::size_t compared = 0;
  for (const Json& c : read_cases(std::filesystem::path(MLSYSIM_TEST_DATA_DIR) / "roofline.jsonl")) {
    if (!c["expected"].contains("outputs")) continue;
    Result<Record> inputs = decode_inputs(c["inputs"], r.find_solver("roofline")->info(), r);
    if (!inputs.ok()) continue;  // a case about refusing its inputs
    const double e = inputs->find("efficiency") ? *inputs->get<double>("efficiency") : 0.5;
    Record halved = *inputs;
    halved.set("efficiency", Value(e * 0.5));
    Result<Record> wrapped = r.solve("roofline:derated", *inputs, session);
    Result<Record> reference = r.solve("roofline:reference", halved, session);
    ASSERT_EQ(wrapped.ok(), reference.ok()) << c["id"];
    if (!wrapped.ok()) continue;
    for (const Record::Field& f : *reference)
      EXPECT_EQ(wrapped->find(f.name)->describe(), f.value.describe()) << c["id"] << " " << f.name.view();
    ++compared;
  }
  EXPECT_GT(compared, 500u);
}

TEST(WrapperVariant, OneThatLosesAnInputIsAPluginErrorNamingIt) {
  const Registry& r = wrapper_registry();
  Session session(r);
  Result<Record> out = r.solve("roofline:drops_inputs", gpt2_training_zero3(0.5), session);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, ErrorCode::kPlugin);
  EXPECT_NE(out.error().message.find("roofline:drops_inputs calls roofline:reference without the input 'is_training'"),
            std::string::npos)
      << out.error().message;
  // Given only what it forwards, it answers.
  Record plain{{"model", Value(*r.model("GPT2"))}, {"hardware", Value(*r.hardware("H100"))}};
  EXPECT_TRUE(r.solve("roofline:drops_inputs", plain, session).ok());
}

TEST(OutputContract, AFunctionThatForgetsAnOutputIsAPluginErrorNamingThePort) {
  const Registry& r = wrapper_registry();
  Session session(r);
  Result<Record> out = r.solve("roofline:forgets_outputs", gpt2_training_zero3(0.5), session);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, ErrorCode::kPlugin);
  EXPECT_EQ(out.error().field, "latency_compute");
  EXPECT_NE(out.error().message.find("roofline:forgets_outputs"), std::string::npos) << out.error().message;
}

TEST(OutputContract, AReusedRecordIsNeverAPartialAnswer) {
  // Sweeps and batches reuse one output record: a solve that forgets an
  // output must not leave the last solve's value standing in for it.
  const Registry& r = wrapper_registry();
  Session session(r);
  Record out;
  ASSERT_TRUE(r.solve("roofline:reference", gpt2_training_zero3(0.5), out, session).ok());
  ASSERT_EQ(out.size(), 17u);
  Status s = r.solve("roofline:forgets_outputs", gpt2_training_zero3(0.5), out, session);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "latency_compute");
  EXPECT_TRUE(out.empty()) << "an error leaves no outputs behind";
  // And a reused record is overwritten, value for value, as a fresh one is filled.
  Record fresh;
  ASSERT_TRUE(r.solve("roofline:reference", gpt2_training_zero3(0.25), out, session).ok());
  ASSERT_TRUE(r.solve("roofline:reference", gpt2_training_zero3(0.5), out, session).ok());
  ASSERT_TRUE(r.solve("roofline:reference", gpt2_training_zero3(0.5), fresh, session).ok());
  ASSERT_EQ(out.size(), fresh.size());
  auto f = fresh.begin();
  for (const Record::Field& field : out) {
    EXPECT_EQ(field.name, f->name);
    EXPECT_EQ(field.value.describe(), f->value.describe()) << field.name.view();
    ++f;
  }
}

TEST(OutputContract, ALowLevelSolverIsCheckedOnEverySolve) {
  const Registry& r = wrapper_registry();
  Session session(r);
  const Record in{{"model", Value(*r.model("GPT2"))}, {"hardware", Value(*r.hardware("H100"))}};
  struct Case {
    const char* solver;
    const char* port;
    const char* says;
  } cases[] = {{"roofline:missing_output", "energy", "was not written"},
               {"roofline:undeclared_output", "bonus", "does not declare"},
               {"roofline:wrong_kind", "latency", "the contract declares a quantity [s]"},
               {"roofline:wrong_unit", "latency", "the contract declares a quantity [s]"},
               {"roofline:null_output", "latency", "does not allow null"}};
  for (const Case& c : cases) {
    Result<Record> out = r.solve(c.solver, in, session);
    ASSERT_FALSE(out.ok()) << c.solver << " gave a partial answer";
    EXPECT_EQ(out.error().code, ErrorCode::kPlugin) << c.solver;
    EXPECT_EQ(out.error().field, c.port) << c.solver;
    EXPECT_NE(out.error().message.find(c.says), std::string::npos) << out.error().message;
    EXPECT_NE(out.error().message.find(c.solver), std::string::npos) << out.error().message;
  }
}

TEST(OutputContract, TheCliExitsWithAnErrorInsteadOfPrintingAPartialAnswer) {
  CliResult r = run_cli(fmt::format("--plugin-path '{}' solve roofline:forgets_outputs --model GPT2 --hardware H100",
                                    kWrappers.parent_path().string()));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("latency_compute"), std::string::npos) << r.err;
}

// A contract named like the roofline, at another version: what a meta-solver
// built against an older header would bind.
class OldRoofline final : public Contract {
 public:
  OldRoofline() : Contract("roofline", "0", "an older roofline") {}
};

TEST(TypedBind, AMismatchedContractVersionIsRefusedAtBindTime) {
  Session session(default_registry());
  Result<Bound<OldRoofline>> call = session.bind<OldRoofline>();
  ASSERT_FALSE(call.ok());
  EXPECT_EQ(call.error().code, ErrorCode::kPlugin);
  EXPECT_NE(call.error().message.find("version '1'"), std::string::npos) << call.error().message;
  EXPECT_TRUE(session.bind<contracts::Roofline>("reference").ok());
}

TEST(PluginsCheck, ListsEveryImplementationWithItsVerdict) {
  CliResult r = run_cli(fmt::format("plugins check '{}'", kWrappers.string()));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("ok   roofline:derated"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FAIL roofline:drops_inputs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FAIL roofline:forgets_outputs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("without the input"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3 implementation(s) checked"), std::string::npos) << r.out;
}

TEST(PluginsCheck, APathWithNothingToCheckExitsOne) {
  const std::filesystem::path empty = make_temp_dir("empty_plugins");
  CliResult r = run_cli(fmt::format("plugins check '{}'", empty.string()));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no plugin implementation found"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mlsysim::testing
