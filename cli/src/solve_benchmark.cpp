#include "solve_benchmark.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "mlsysim/registry/session.hpp"

namespace mlsysim::cli {
namespace {

// Keeps the aggregates (median, mean, stddev) of each benchmark; prints nothing.
class CollectingReporter final : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.error_occurred) errors_.push_back(fmt::format("{}: {}", run.benchmark_name(), run.error_message));
      if (run.run_type != Run::RT_Aggregate) continue;
      BenchResult& r = results_[run.run_name.function_name];
      r.name = run.run_name.function_name;
      r.repetitions = static_cast<std::size_t>(run.repetitions);
      const double ns = run.GetAdjustedRealTime();  // the benchmarks use nanoseconds
      if (run.aggregate_name == "median") r.median_ns = ns;
      else if (run.aggregate_name == "mean") r.mean_ns = ns;
      else if (run.aggregate_name == "stddev") r.stddev_ns = ns;
    }
  }
  std::map<std::string, BenchResult> results_;
  std::vector<std::string> errors_;
};

}  // namespace

std::vector<Record> prepared_inputs(const Registry& registry, const SolverHandle& variant,
                                    const std::vector<MeasuredCase>& cases) {
  std::vector<Record> out;
  Session session(registry);
  Record outputs;
  for (const MeasuredCase& c : cases) {
    Result<Record> inputs = decode_inputs(c.inputs, variant.info(), registry);
    if (inputs.ok() && variant.solve(*inputs, outputs, session).ok()) out.push_back(std::move(*inputs));
  }
  return out;
}

Result<std::vector<BenchResult>> run_benchmarks(const Registry& registry,
                                                const std::vector<BenchTarget>& targets,
                                                const BenchOptions& options) {
  std::vector<std::string> args{"mlsysim"};
  if (!options.json_file.empty()) {
    args.push_back("--benchmark_out=" + options.json_file);
    args.push_back("--benchmark_out_format=json");
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  benchmark::Initialize(&argc, argv.data());
  for (const BenchTarget& t : targets) {
    if (t.inputs.empty())
      return Error::bad_input("cases", fmt::format("no case that {} can solve to time it on",
                                                   t.variant->full_name()));
    benchmark::RegisterBenchmark(t.variant->full_name().c_str(), [&registry, &t](benchmark::State& state) {
      Session session(registry);
      Record outputs;
      std::size_t i = 0;
      for (auto _ : state) {
        Status s = t.variant->solve(t.inputs[i], outputs, session);
        if (!s.ok()) {
          state.SkipWithError(describe(s.error()).c_str());
          break;
        }
        session.clear_warnings();
        session.clear_notes();
        benchmark::DoNotOptimize(outputs);
        if (++i == t.inputs.size()) i = 0;
      }
      state.SetItemsProcessed(state.iterations());
    })
        ->Repetitions(options.repetitions)
        ->MinTime(options.min_time_s)
        ->ReportAggregatesOnly(true)
        ->Unit(benchmark::kNanosecond);
  }
  CollectingReporter display;
  benchmark::JSONReporter file;
  benchmark::RunSpecifiedBenchmarks(&display, options.json_file.empty() ? nullptr : &file);
  benchmark::Shutdown();
  if (!display.errors_.empty()) return Error::bad_input("bench", display.errors_.front());
  std::vector<BenchResult> out;
  for (const BenchTarget& t : targets) out.push_back(display.results_[t.variant->full_name()]);
  return out;
}

}  // namespace mlsysim::cli
