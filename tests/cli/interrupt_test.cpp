// Ctrl-C during a sweep stops it within a second, leaves only whole rows,
// says the output is incomplete and exits 130 (issue 18 #7, #14); with
// --file the rows go to PATH only when the sweep completes.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The rows of a CSV are whole: each line has the header's number of cells.
void expect_whole_csv_rows(const std::string& out) {
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n') << "the last row is whole";
  std::istringstream lines(out);
  std::string line;
  std::getline(lines, line);
  const auto width = std::count(line.begin(), line.end(), ',');
  while (std::getline(lines, line)) ASSERT_EQ(std::count(line.begin(), line.end(), ','), width) << line;
}

std::vector<std::string> names_in(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Interrupt, CtrlCStopsASweepWithWholeRowsAndSaysSo) {
  for (const char* format : {"csv", "json"}) {
    const auto dir = make_temp_dir("interrupt");
    // Far more rows than can be written; SIGINT after half a second; the script
    // records how long the sweep takes to exit. Bounded however it goes: at most
    // 1 GB of output (ulimit -f) and 30 s of CPU (ulimit -t).
    std::ofstream(dir / "run.sh") << fmt::format(
        "ulimit -f 1000000 -t 30\n"
        "'{}' sweep roofline --set model=GPT2 --set hardware=A100 --jobs 1 --columns latency "
        "--over batch_size=1..10000000000 --max-rows 1e11 -o {} > '{}/out' 2> '{}/err' &\n"
        "pid=$!\nsleep 0.5\nkill -INT $pid\nstart=$(date +%s%N)\nwait $pid\necho $? > '{}/code'\n"
        "echo $(( ($(date +%s%N) - start) / 1000000 )) > '{}/ms'\n",
        MLSYSIM_CLI, format, dir.string(), dir.string(), dir.string(), dir.string());
    ASSERT_EQ(std::system(("bash '" + (dir / "run.sh").string() + "'").c_str()), 0);
    EXPECT_EQ(std::stoi(slurp(dir / "code")), 130) << format;
    EXPECT_LT(std::stoi(slurp(dir / "ms")), 1000) << format << ": took too long to stop";
    EXPECT_NE(slurp(dir / "err").find("interrupted after"), std::string::npos) << slurp(dir / "err");
    const std::string out = slurp(dir / "out");
    if (std::string(format) == "csv") {
      expect_whole_csv_rows(out);
    } else {
      ASSERT_FALSE(out.empty());
      EXPECT_THROW({ const Json parsed = Json::parse(out); }, Json::parse_error)
          << "an interrupted JSON document stays unfinished";
    }
    std::filesystem::remove_all(dir);
  }
}

TEST(SweepFile, AppearsOnlyWhenTheSweepCompletesAndHoldsWhatStdoutWould) {
  const auto dir = make_temp_dir("sweep-file");
  const std::string args = "sweep roofline --set model=GPT2 --over hardware=A100,H100 --over batch_size=1..64:*2 -o csv";
  CliResult to_stdout = run_cli(args);
  ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
  CliResult to_file = run_cli(args + " --file '" + (dir / "rows.csv").string() + "'");
  ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_EQ(to_file.out, "");
  EXPECT_EQ(slurp(dir / "rows.csv"), to_stdout.out);
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"rows.csv"}) << "no temporary is left behind";
  std::filesystem::remove_all(dir);
}

TEST(SweepFile, AnUnwritablePlaceIsRefusedNamingTheFlag) {
  CliResult r = run_cli("sweep roofline --set model=GPT2 --over hardware=A100,H100 --file /nonexistent-dir/rows.csv");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/nonexistent-dir"), std::string::npos) << r.err;
}

TEST(SweepFile, CtrlCKeepsTheRowsSoFarAsPathDotPartial) {
  const auto dir = make_temp_dir("sweep-file-interrupt");
  std::ofstream(dir / "run.sh") << fmt::format(
      "ulimit -f 1000000 -t 30\n"
      "'{0}' sweep roofline --set model=GPT2 --set hardware=A100 --jobs 1 --columns latency "
      "--over batch_size=1..10000000000 --max-rows 1e11 -o csv --file '{1}/rows.csv' 2> '{1}/err' &\n"
      "pid=$!\nsleep 0.5\nkill -INT $pid\nwait $pid\necho $? > '{1}/code'\n",
      MLSYSIM_CLI, dir.string());
  ASSERT_EQ(std::system(("bash '" + (dir / "run.sh").string() + "'").c_str()), 0);
  EXPECT_EQ(std::stoi(slurp(dir / "code")), 130);
  EXPECT_FALSE(std::filesystem::exists(dir / "rows.csv")) << "an incomplete sweep never takes the name";
  EXPECT_NE(slurp(dir / "err").find("rows.csv.partial"), std::string::npos) << slurp(dir / "err");
  expect_whole_csv_rows(slurp(dir / "rows.csv.partial"));
  std::filesystem::remove_all(dir);
}

TEST(SweepFile, PipelineRunWritesItsRowsTheSameWay) {
  const auto dir = make_temp_dir("pipeline-file");
  const std::string spec = MLSYSIM_SOURCE_DIR "/examples/llm/kv-cache-growth.json";
  CliResult to_stdout = run_cli("pipeline run '" + spec + "' -o csv");
  ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
  CliResult to_file = run_cli("pipeline run '" + spec + "' -o csv --file '" + (dir / "runs.csv").string() + "'");
  ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_EQ(slurp(dir / "runs.csv"), to_stdout.out);
  CliResult traced = run_cli("pipeline run '" + spec + "' --trace --file '" + (dir / "t.csv").string() + "'");
  EXPECT_EQ(traced.exit_code, 1);
  EXPECT_NE(traced.err.find("--file"), std::string::npos) << traced.err;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mlsysim::testing
