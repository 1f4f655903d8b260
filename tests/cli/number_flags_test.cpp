// Numeric flags are read by one checked reader (cli/src/number_flags.hpp):
// NaN, inf, negative counts, fractions for counts, trailing text and values
// past a flag's range are refused naming the flag, and nothing is printed on
// stdout. Sweep ranges are bounded before any integer conversion (issue 18
// #6, #9, #12).
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

const std::string kSweep = "sweep roofline --set model=GPT2 --set hardware=A100 --over batch_size=1,2 ";
const std::string kPipeline = "pipeline run '" MLSYSIM_SOURCE_DIR "/examples/pipelines/data-wall.json' ";

struct BadFlag {
  std::string command;  // with the flag and its value
  std::string flag;     // what the error must name
};

TEST(NumberFlags, OutOfRangeOrMalformedValuesAreRefusedNamingTheFlag) {
  const std::vector<BadFlag> cases = {
      {kSweep + "--jobs -1", "--jobs"},          {kSweep + "--jobs 1000", "--jobs"},
      {kSweep + "--jobs 2.5", "--jobs"},         {kSweep + "--jobs 18446744073709551615", "--jobs"},
      {kSweep + "--top -1", "--top"},            {kSweep + "--top 1e3", "--top"},
      {kSweep + "--max-rows nan", "--max-rows"}, {kSweep + "--max-rows inf", "--max-rows"},
      {kSweep + "--max-rows 0", "--max-rows"},   {kSweep + "--max-rows 5x", "--max-rows"},
      {kSweep + "--shard 1/-1", "--shard"},      {kSweep + "--shard 1/18446744073709551616", "--shard"},
      {kSweep + "--shard 3/2", "--shard"},       {kPipeline + "--jobs -1", "--jobs"},
      {kPipeline + "--top -5", "--top"},         {kPipeline + "--max-runs nan", "--max-runs"},
      {"bench roofline --repetitions 0", "--repetitions"},
      {"bench roofline --min-time nan", "--min-time"},
      {"bench roofline --threshold -1", "--threshold"},
      {"calibrate roofline:calibrated x.jsonl --folds -2", "--folds"},
      {"calibrate roofline:calibrated x.jsonl --prior-weight inf", "--prior-weight"},
      {"inverse roofline --model GPT2 --hardware A100 --vary batch_size --from 1 --to 8 "
       "--target 'latency<=1 s' --samples -3",
       "--samples"},
      {"inverse roofline --model GPT2 --hardware A100 --vary batch_size --from 1 --to 8 "
       "--target 'latency<=1 s' --tolerance nan",
       "--tolerance"},
  };
  for (const BadFlag& c : cases) {
    CliResult r = run_cli(c.command + " -o csv");
    EXPECT_EQ(r.exit_code, 1) << c.command << "\n" << r.err;
    EXPECT_NE(r.err.find(c.flag), std::string::npos) << c.command << "\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << c.command << " printed: " << r.out;
  }
}

TEST(NumberFlags, ValuesInsideTheRangeStillWork) {
  CliResult r = run_cli(kSweep + "--jobs 2 --top 1 --by latency --max-rows 10 --shard 1/1 -o csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2) << r.out;  // header and the one kept row
}

TEST(SweepRanges, ARangeOfMoreValuesThanCanBeCountedIsRefusedNotWrapped) {
  for (const char* over : {"batch_size=1..1e30", "batch_size=1..9223372036854775807", "efficiency=1e-9..1:+1e-27"}) {
    CliResult r = run_cli(std::string("sweep roofline --set model=GPT2 --set hardware=A100 --over ") + over +
                          " --max-rows 1e18 -o csv");
    EXPECT_EQ(r.exit_code, 1) << over;
    EXPECT_NE(r.err.find("more than 1e+18"), std::string::npos) << over << "\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << over;
  }
  CliResult huge_integers = run_cli("sweep roofline --set model=GPT2 --set hardware=A100 "
                                    "--over batch_size=9223372036854775000..9223372036854775807 -o csv");
  EXPECT_EQ(huge_integers.exit_code, 1);
  EXPECT_NE(huge_integers.err.find("integer ranges must stay within"), std::string::npos) << huge_integers.err;
}

TEST(SweepRanges, TheLastValueIsTheEndAsWrittenNotAnUlpPastIt) {
  // 0.7 + 3 x 0.1 lands an ulp from 1 in doubles; efficiency must be <= 1.
  CliResult r = run_cli("sweep roofline --set model=GPT2 --set hardware=A100 --over efficiency=0.7..1:+0.1 "
                        "--columns peak_flops_actual -o jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<Json> rows = json_lines(r.out);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows.back()["inputs"]["efficiency"], 1.0);
}

}  // namespace
}  // namespace mlsysim::testing
