// Sweeps through the library's engine, checked from the outside: --where,
// --top and --pareto against a brute-force pass over the full CSV of the
// same space; byte-identical output for any --jobs; shards that concatenate
// into the whole; axes of every kind; the size bound.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "test_support.hpp"

namespace mlsysim::testing {
namespace {

// 19 models x 27 devices x 9 batch sizes x 2 precisions = 9,234 rows.
const std::string kSpace =
    "sweep roofline --over 'model=*' --over 'hardware=*' --over batch_size=1..256:*2 "
    "--over precision=fp16,int8 --columns latency,throughput,feasible,energy";

struct Row {
  std::vector<std::string> cells;
  std::string text;
};

std::vector<Row> parse_csv(const std::string& text, std::vector<std::string>* header = nullptr) {
  std::vector<Row> rows;
  std::istringstream in(text);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    Row r{{}, line};
    std::stringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) r.cells.push_back(cell);
    if (first && header) *header = r.cells;
    else if (!first) rows.push_back(std::move(r));
    first = false;
  }
  return rows;
}

std::string full_csv() {
  static const std::string csv = [] {
    CliResult r = run_cli(kSpace + " -o csv");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }();
  return csv;
}

// Columns: model, hardware, batch_size, precision, latency, throughput, feasible, energy.
double num(const Row& r, int c) { return std::stod(r.cells[c]); }

TEST(Sweep, CsvHasTheAxesThenTheOutputsOneRowPerCombination) {
  std::vector<std::string> header;
  const std::vector<Row> rows = parse_csv(full_csv(), &header);
  EXPECT_EQ(header, (std::vector<std::string>{"model", "hardware", "batch_size", "precision", "latency",
                                              "throughput", "feasible", "energy"}));
  ASSERT_EQ(rows.size(), 19u * 27 * 9 * 2);
  EXPECT_EQ(rows[0].cells[0], "AlexNet");  // zoo ids, in zoo order
  EXPECT_EQ(rows[0].cells[2], "1");
  EXPECT_EQ(rows[1].cells[3], "int8") << "last axis fastest";
  EXPECT_EQ(rows[2].cells[2], "2");
  for (const Row& r : rows) ASSERT_TRUE(r.cells[6] == "true" || r.cells[6] == "false") << r.text;
}

// fp8 is not in the A100's precision table: 0.1.0 uses the FP16 peak and
// warns. The warning travels with the row in every format, and stderr sums
// it up once; H100 has fp8, so its rows carry nothing.
TEST(Sweep, EachRowCarriesItsWarningsInEveryFormatAndStderrSumsThemUp) {
  const std::string space = "sweep roofline --set model=ResNet50 --over hardware=A100,H100 "
                            "--over precision=fp16,fp8 --over batch_size=1,8,64 --jobs 2";
  const std::string warning = "Precision 'fp8' not in NVIDIA A100 precision_flops";
  CliResult csv = run_cli(space + " --columns latency,warnings -o csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::vector<std::string> header;
  const std::vector<Row> rows = parse_csv(csv.out, &header);
  ASSERT_GE(header.size(), 2u);
  EXPECT_EQ(header[header.size() - 2], "warnings");
  EXPECT_EQ(header.back(), "notes");
  ASSERT_EQ(rows.size(), 12u);
  for (const Row& r : rows) {
    const bool fp8_on_a100 = r.cells[0] == "A100" && r.cells[1] == "fp8";
    EXPECT_EQ(r.text.find(warning) != std::string::npos, fp8_on_a100) << r.text;
  }
  EXPECT_NE(csv.err.find("mlsysim: warning: 3 of 12 row(s), the first at hardware=A100, precision=fp8, "
                         "batch_size=1: " + warning), std::string::npos) << csv.err;
  EXPECT_EQ(std::count(csv.err.begin(), csv.err.end(), '\n'), 1) << "one line per distinct warning";
  for (const char* format : {"jsonl", "json"}) {
    CliResult r = run_cli(space + " -o " + format);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<Json> objects = std::string(format) == "json" ? Json::parse(r.out).get<std::vector<Json>>()
                                                                     : json_lines(r.out);
    ASSERT_EQ(objects.size(), 12u) << format;
    for (const Json& o : objects) {
      const bool fp8_on_a100 = o["inputs"]["hardware"] == "A100" && o["inputs"]["precision"] == "fp8";
      ASSERT_TRUE(o["warnings"].is_array()) << o.dump();
      EXPECT_EQ(o["warnings"].size(), fp8_on_a100 ? 1u : 0u) << o.dump();
    }
  }
  // Columns chosen without `warnings`: exactly those columns (the summary still says it).
  CliResult chosen = run_cli(space + " --columns latency -o csv");
  EXPECT_EQ(chosen.out.substr(0, chosen.out.find('\n')), "hardware,precision,batch_size,latency");
  EXPECT_NE(chosen.err.find(warning), std::string::npos) << chosen.err;
}

TEST(Sweep, JobsDoNotChangeAByteOfTheOutput) {
  CliResult one = run_cli(kSpace + " -o csv --jobs 1");
  CliResult two = run_cli(kSpace + " -o csv --jobs 2");
  CliResult three = run_cli(kSpace + " -o jsonl --jobs 3");
  CliResult three_again = run_cli(kSpace + " -o jsonl --jobs 1");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(three.out, three_again.out);
  EXPECT_EQ(one.out, full_csv());
}

TEST(Sweep, ShardsConcatenateIntoTheWhole) {
  std::string joined;
  for (int k = 1; k <= 4; ++k) {
    CliResult r = run_cli(kSpace + " -o csv --shard " + std::to_string(k) + "/4");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    joined += r.out;
  }
  EXPECT_EQ(joined, full_csv());
}

TEST(Sweep, WhereKeepsExactlyTheRowsABruteForceFilterKeeps) {
  CliResult r = run_cli(kSpace + " -o csv --where 'feasible && latency <= 5 ms && batch_size >= 8'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string expected = full_csv().substr(0, full_csv().find('\n') + 1);
  for (const Row& row : parse_csv(full_csv()))
    if (row.cells[6] == "true" && num(row, 4) <= 5e-3 && num(row, 2) >= 8) expected += row.text + "\n";
  EXPECT_EQ(r.out, expected);
  EXPECT_GT(parse_csv(r.out).size(), 10u);
}

TEST(Sweep, TopKeepsTheBestRowsWithTiesInEnumerationOrder) {
  CliResult r = run_cli(kSpace + " -o csv --top 7 --by throughput --where feasible");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Row> all;
  for (Row& row : parse_csv(full_csv()))
    if (row.cells[6] == "true") all.push_back(std::move(row));
  std::stable_sort(all.begin(), all.end(), [](const Row& a, const Row& b) { return num(a, 5) > num(b, 5); });
  std::string expected = full_csv().substr(0, full_csv().find('\n') + 1);
  for (int i = 0; i < 7; ++i) expected += all[i].text + "\n";
  EXPECT_EQ(r.out, expected);

  CliResult lowest = run_cli(kSpace + " -o csv --top 3 --by latency --asc");
  std::vector<Row> rows = parse_csv(full_csv());
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return num(a, 4) < num(b, 4); });
  std::vector<Row> got = parse_csv(lowest.out);
  ASSERT_EQ(got.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(got[i].text, rows[i].text);
}

TEST(Sweep, ParetoKeepsTheRowsNoOtherRowBeats) {
  CliResult r = run_cli(kSpace + " -o csv --pareto latency:min,throughput:max,energy:min --where feasible");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Row> all;
  for (Row& row : parse_csv(full_csv()))
    if (row.cells[6] == "true") all.push_back(std::move(row));
  auto beats = [](const Row& a, const Row& b) {  // a dominates b
    const double la = num(a, 4), lb = num(b, 4), ta = num(a, 5), tb = num(b, 5), ea = num(a, 7), eb = num(b, 7);
    return la <= lb && ta >= tb && ea <= eb && (la < lb || ta > tb || ea < eb);
  };
  std::string expected = full_csv().substr(0, full_csv().find('\n') + 1);
  for (const Row& candidate : all)
    if (std::none_of(all.begin(), all.end(), [&](const Row& other) { return beats(other, candidate); }))
      expected += candidate.text + "\n";
  EXPECT_EQ(r.out, expected);
}

TEST(Sweep, RangeAndUnitAxes) {
  CliResult r = run_cli("sweep serving --set model=Llama3_8B --set hardware=H100 --set decode_hardware=H200 "
                        "--over seq_len=1000..3000:+1000 --over 'network_bandwidth=25 GB/s..100 GB/s:*2' "
                        "--columns ttft -o csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<Row> rows = parse_csv(r.out);
  ASSERT_EQ(rows.size(), 9u);
  EXPECT_EQ(rows[0].cells[0], "1000");
  EXPECT_EQ(rows[0].cells[1], "25 GB/s");
  EXPECT_EQ(rows[2].cells[1], "100 GB/s");
  EXPECT_EQ(rows[8].cells[0], "3000");
  // The KV transfer over the link is part of TTFT: 25 GB/s costs more than 100 GB/s.
  EXPECT_GT(num(rows[0], 2), num(rows[2], 2));
}

TEST(Sweep, BadAxisValuesFailBeforeAnythingIsSolved) {
  for (const char* axis : {"batch_size=1,0,2", "batch_size=1..100:*1", "hardware=A100,NoSuchGPU",
                           "efficiency=0.5..2:+0.5", "network_bandwidth=1 s..2 s", "nothing=1,2"}) {
    CliResult r = run_cli(std::string("sweep serving --set model=GPT2 --set hardware=A100 --set seq_len=64 --over '") +
                          axis + "' -o csv");
    EXPECT_EQ(r.exit_code, 1) << axis;
    EXPECT_TRUE(r.out.empty()) << axis << ": " << r.out;
    EXPECT_NE(r.err.find("axis '"), std::string::npos) << r.err;
  }
}

TEST(Sweep, ASpaceBeyondTheBoundIsRefusedNamingItsSize) {
  CliResult r = run_cli("sweep roofline --set model=GPT2 --set hardware=A100 --over batch_size=1..100000 "
                        "--over efficiency=0.01..1:+0.01 --over seq_len=1..2000 -o csv");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("20000000000 combinations"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(Sweep, RowsThatFailAreReportedOnceWithTheirCombination) {
  CliResult r = run_cli("sweep serving --over model=GPT2,ResNet50 --set hardware=A100 --over seq_len=64,128 -o csv");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(parse_csv(r.out).size(), 2u) << "the transformer's rows are written";
  EXPECT_NE(r.err.find("2 row(s) failed, the first at model=ResNet50, seq_len=64"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mlsysim::testing

namespace mlsysim::testing {
namespace {

// A pipeline of 10 swept inputs with 100 values each: 1e20 combinations.
std::string ten_axis_pipeline() {
  Json sweep = Json::object();
  Json batch = Json::array(), efficiency = Json::array();
  for (int i = 1; i <= 100; ++i) {
    batch.push_back(i);
    efficiency.push_back(i / 100.0);
  }
  sweep["batch_size"] = batch;
  sweep["efficiency"] = efficiency;
  std::string sum;
  for (int a = 1; a <= 8; ++a) {
    sweep[fmt::format("a{}", a)] = batch;
    sum += fmt::format("{}a{}", a > 1 ? " + " : "", a);
  }
  const Json spec = {{"name", "ten-axes"},
                     {"inputs", {{"model", "GPT2"}, {"hardware", "A100"}}},
                     {"sweep", sweep},
                     {"report", {{"latency", "compute.latency"}, {"score", "compute.throughput / (" + sum + ")"}}},
                     {"stages", {{{"id", "compute"}, {"solver", "roofline"}}}}};
  const std::string path = (make_temp_dir("ten-axes") / "spec.json").string();
  std::ofstream(path) << spec.dump();
  return path;
}

TEST(PipelineSweep, TenAxesOfAHundredAreRefusedAtOnceNamingTheSize) {
  CliResult r = run_cli("pipeline run '" + ten_axis_pipeline() + "' --top 5 --by score");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("1e+20 combinations"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

std::size_t rss_kb(const std::string& status) {
  const std::size_t at = status.find("VmRSS:");
  return at == std::string::npos ? 0 : std::stoul(status.substr(at + 6));
}

TEST(PipelineSweep, WithTheBoundRaisedTopRunsInFlatMemory) {
  // Sample the resident set at 1 s and at 3 s of an endless --top search.
  const std::filesystem::path dir = make_temp_dir("flat");
  const std::string cmd = fmt::format(
      "env MLSYSIM_PLUGIN_PATH= '{}' pipeline run '{}' --max-runs 1e21 --top 5 --by score > '{}/out' 2>&1 & pid=$!; "
      "sleep 1; cat /proc/$pid/status > '{}/early'; sleep 2; cat /proc/$pid/status > '{}/late'; kill $pid",
      MLSYSIM_CLI, ten_axis_pipeline(), dir.string(), dir.string(), dir.string());
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  auto slurp = [&](const char* name) {
    std::ifstream in(dir / name);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::size_t early = rss_kb(slurp("early")), late = rss_kb(slurp("late"));
  ASSERT_GT(early, 0u) << slurp("out");
  EXPECT_LT(static_cast<double>(late), 1.1 * static_cast<double>(early)) << early << " kB then " << late << " kB";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mlsysim::testing

namespace mlsysim::testing {
namespace {

const std::string kKvGrowth = MLSYSIM_SOURCE_DIR "/examples/llm/kv-cache-growth.json";

TEST(PipelineSweep, RunsOnTheEngineWithAnyJobsAndSearches) {
  CliResult one = run_cli("pipeline run '" + kKvGrowth + "' -o csv --jobs 1");
  CliResult two = run_cli("pipeline run '" + kKvGrowth + "' -o csv --jobs 2");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  std::vector<std::string> header;
  const std::vector<Row> rows = parse_csv(one.out, &header);
  ASSERT_EQ(rows.size(), 9u);
  EXPECT_EQ(header[0], "seq_len");
  EXPECT_EQ(header.back(), "h200_max_batch");
  // --where over a report column, against a brute-force filter of the full CSV.
  CliResult fits = run_cli("pipeline run '" + kKvGrowth + "' -o csv --where 'h200_fits && h100_used < 1'");
  std::string expected = one.out.substr(0, one.out.find('\n') + 1);
  for (const Row& r : rows)
    if (r.cells[7] == "true" && std::stod(r.cells[4]) < 1) expected += r.text + "\n";
  EXPECT_EQ(fits.out, expected);
  // --top over a report column.
  CliResult top = run_cli("pipeline run '" + kKvGrowth + "' -o csv --top 1 --by h200_used --asc");
  std::vector<Row> sorted = rows;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Row& a, const Row& b) { return std::stod(a.cells[6]) < std::stod(b.cells[6]); });
  EXPECT_EQ(parse_csv(top.out).at(0).text, sorted[0].text);
}

}  // namespace
}  // namespace mlsysim::testing
