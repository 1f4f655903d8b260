// The command line derived from the contracts: every input port of a
// contract is an option named after it, with its doc, default, required
// flag and constraint in the help; serve and eval read theirs from the
// serving and roofline contracts.
#include <gtest/gtest.h>

#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/contracts/serving.hpp"
#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

std::string flag_of(const PortInfo& p) {
  std::string name = "--" + p.name.str();
  for (char& c : name)
    if (c == '_') c = '-';
  return name;
}

TEST(SolveHelp, ListsEveryPortOfTheContractAsAnOption) {
  CliResult r = run_cli("solve roofline --help");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const PortInfo& p : contract<contracts::Roofline>().inputs()) {
    const std::size_t at = r.out.find(flag_of(p));
    ASSERT_NE(at, std::string::npos) << flag_of(p) << " missing from\n" << r.out;
    const std::string line = r.out.substr(at, r.out.find('\n', at) - at);
    EXPECT_NE(line.find(p.doc), std::string::npos) << line;
    if (p.required) {
      EXPECT_NE(line.find("(required)"), std::string::npos) << line;
    }
    if (!p.constraint.empty()) {
      EXPECT_NE(line.find(p.constraint.describe()), std::string::npos) << line;
    }
  }
  EXPECT_NE(r.out.find("--batch-size VALUE             samples per step (default 1); must be >= 1"),
            std::string::npos) << r.out;
  for (const PortInfo& p : contract<contracts::Roofline>().outputs())
    EXPECT_NE(r.out.find(p.name.str()), std::string::npos) << p.name.view();
}

TEST(SolvePortOptions, ReachTheirInputs) {
  // physics.md §2.3: GPT-2 fp16 training under ZeRO 3 over 8 ranks.
  const double footprint = 3e9 / 8 + 3e9 / 8 + 18e9 / 8 + 48.0 * 34 * 2048 * 1600 * 2;
  CliResult r = run_cli("solve roofline --model GPT2 --hardware H100 --is-training --zero-stage 3 "
                        "--dp-size=8 -o json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_DOUBLE_EQ(Json::parse(r.out)["outputs"]["memory_footprint"]["value"].get<double>(), footprint);
}

TEST(SolvePortOptions, AMisspelledPortIsRefusedWithTheNearest) {
  CliResult r = run_cli("solve roofline --model GPT2 --hardware H100 --zero-stag 3");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("did you mean 'zero_stage'"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(SolvePortOptions, OtherCommandsStillRefuseUnknownArguments) {
  CliResult r = run_cli("sweep roofline --set model=GPT2 --set hardware=A100 --over batch_size=1,2 --junk 2");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--junk"), std::string::npos) << r.err;
}

TEST(ServeOptions, AreTheServingContractsInputs) {
  CliResult help = run_cli("serve --help");
  ASSERT_EQ(help.exit_code, 0);
  for (const PortInfo& p : contract<contracts::Serving>().inputs()) {
    if (p.name == "model" || p.name == "hardware") continue;  // the positional arguments
    EXPECT_NE(help.out.find(flag_of(p)), std::string::npos) << flag_of(p);
  }
  // seq_len is required by the contract, so serve has no default of its own.
  CliResult r = run_cli("serve Llama3_8B H100");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--seq-len is required"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mlsysim::testing
