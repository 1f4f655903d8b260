// Sweeps over Open MPI ranks (`mpirun -n 2 mlsysim sweep ...`): the same
// rows as one process, and a rank killed or interrupted never leaves a
// half-written file under the name asked for.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

// 19 models x 27 devices x 4 batch sizes = 2,052 rows.
const std::string kSpace =
    "sweep roofline --over 'model=*' --over 'hardware=*' --over batch_size=1..64:*4 "
    "--columns latency,throughput,feasible,energy";

}  // namespace
}  // namespace mlsysim::testing

namespace mlsysim::testing {
namespace {

// `mpirun -n 2 mlsysim sweep ...` against the same sweep in one process.
TEST(DistributedSweep, TwoRanksGiveTheSingleProcessResult) {
#ifndef MLSYSIM_WITH_MPI
  GTEST_FAIL() << "this build has no Open MPI support: run scripts/setup.sh (it installs libopenmpi-dev)";
#else
  const std::string mpirun = "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 mpirun --oversubscribe -n 2 ";
  for (const std::string search : {"", " --top 7 --by throughput", " --pareto latency:min,throughput:max,energy:min"}) {
    const std::string args = kSpace + " -o csv" + search;
    CliResult one = run_cli(args);
    ASSERT_EQ(one.exit_code, 0) << one.err;
    const std::filesystem::path dir = make_temp_dir("mpi");
    const std::string cmd = fmt::format("env MLSYSIM_PLUGIN_PATH= {} '{}' {} > '{}/out' 2> '{}/err'", mpirun,
                                        MLSYSIM_CLI, args, dir.string(), dir.string());
    EXPECT_EQ(std::system(cmd.c_str()), 0) << search;
    std::ifstream in(dir / "out");
    const std::string two(std::istreambuf_iterator<char>(in), {});
    EXPECT_EQ(two, one.out) << "with" << search;
    std::filesystem::remove_all(dir);
  }
#endif
}

#ifdef MLSYSIM_WITH_MPI
// Runs `mpirun -n 2 mlsysim sweep ... --file DIR/rows.csv` on an endless
// space, waits until rank 0 has written rows, then runs `stop` (shell, with
// $dir set); bounded by ulimit and timeout however it goes.
std::filesystem::path interrupted_mpi_sweep(const std::string& tag, const std::string& stop) {
  const std::filesystem::path dir = make_temp_dir(tag);
  std::ofstream(dir / "run.sh") << fmt::format(
      "ulimit -f 2000000 -t 60\ndir='{0}'\n"
      "env MLSYSIM_PLUGIN_PATH= OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 timeout 60 mpirun "
      "--oversubscribe -n 2 '{1}' sweep roofline --set hardware=A100 --set model=GPT2 --columns latency "
      "--over batch_size=1..10000000000 --max-rows 1e11 -o csv --file \"$dir/rows.csv\" 2> \"$dir/err\" &\n"
      "runner=$!\n"
      "for i in $(seq 300); do [ -s \"$(ls \"$dir\"/.rows.csv.partial-* 2>/dev/null | head -1)\" ] && "
      "touch \"$dir/started\" && break; "
      "sleep 0.1; done\nsleep 0.5\n{2}\nwait $runner\necho $? > \"$dir/code\"\n",
      dir.string(), MLSYSIM_CLI, stop);
  EXPECT_EQ(std::system(("bash '" + (dir / "run.sh").string() + "'").c_str()), 0);
  EXPECT_TRUE(std::filesystem::exists(dir / "started")) << "rank 0 never wrote rows to its hidden temporary";
  return dir;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
#endif

TEST(DistributedSweep, AKilledRankNeverLeavesAHalfWrittenFileUnderTheName) {
#ifndef MLSYSIM_WITH_MPI
  GTEST_FAIL() << "this build has no Open MPI support: run scripts/setup.sh (it installs libopenmpi-dev)";
#else
  const auto dir = interrupted_mpi_sweep(
      "mpi-killed", "for p in $(pgrep -f \"$dir/rows.csv\"); do "
                    "[ \"$(cat /proc/$p/comm)\" = mlsysim ] && victim=$p; done; kill -9 $victim");
  EXPECT_NE(std::stoi(read_file(dir / "code")), 0) << "mpirun reports the killed rank";
  EXPECT_FALSE(std::filesystem::exists(dir / "rows.csv")) << read_file(dir / "err");
  std::filesystem::remove_all(dir);
#endif
}

TEST(DistributedSweep, CtrlCKeepsWholeRowsFromEveryRankAsPathDotPartial) {
#ifndef MLSYSIM_WITH_MPI
  GTEST_FAIL() << "this build has no Open MPI support: run scripts/setup.sh (it installs libopenmpi-dev)";
#else
  const auto dir = interrupted_mpi_sweep("mpi-interrupted", "kill -INT $(pgrep -P $runner -x mpirun || echo $runner)");
  const std::string err = read_file(dir / "err");
  EXPECT_FALSE(std::filesystem::exists(dir / "rows.csv")) << err;
  EXPECT_NE(err.find("interrupted after"), std::string::npos) << err;
  const std::string rows = read_file(dir / "rows.csv.partial");
  ASSERT_FALSE(rows.empty()) << err;
  EXPECT_EQ(rows.back(), '\n') << "the last row is whole";
  std::istringstream lines(rows);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "batch_size,latency");
  std::size_t count = 0;
  while (std::getline(lines, line)) {
    ASSERT_EQ(std::count(line.begin(), line.end(), ','), 1) << line;
    ++count;
  }
  EXPECT_NE(err.find(fmt::format("interrupted after {} row(s)", count)), std::string::npos)
      << "the count covers every rank's rows: " << count << "\n" << err;
  std::filesystem::remove_all(dir);
#endif
}

}  // namespace
}  // namespace mlsysim::testing
