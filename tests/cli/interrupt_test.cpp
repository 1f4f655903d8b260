// Ctrl-C during a sweep stops it within a second, leaves only whole rows,
// says the output is incomplete and exits 130 (issue 18 #7, #14).
#include <gtest/gtest.h>

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
    ASSERT_FALSE(out.empty()) << format;
    if (std::string(format) == "csv") {
      EXPECT_EQ(out.back(), '\n') << "the last row is whole";
      std::istringstream lines(out);
      std::string line;
      std::getline(lines, line);
      const auto width = std::count(line.begin(), line.end(), ',');
      while (std::getline(lines, line)) ASSERT_EQ(std::count(line.begin(), line.end(), ','), width) << line;
    } else {
      EXPECT_THROW({ const Json parsed = Json::parse(out); }, Json::parse_error)
          << "an interrupted JSON document stays unfinished";
    }
    std::filesystem::remove_all(dir);
  }
}

}  // namespace
}  // namespace mlsysim::testing
