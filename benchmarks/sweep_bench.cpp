// Sweep engine throughput against the direct registry solve of the same
// solver in the same run: rows written per second to CSV (all outputs, and
// four), and rows searched per second with --top, on 1 and 2 threads. The
// space is every zoo model x every zoo device x 1000 batch sizes (513,000
// rows, roofline); CSV goes to /dev/null.
#include <benchmark/benchmark.h>

#include <cstdio>

#include "bench_registry.hpp"
#include "mlsysim/registry/session.hpp"
#include "mlsysim/registry/sweep_sinks.hpp"

namespace {

using mlsysim::bench::registry;

mlsysim::SweepEngine engine(std::vector<std::string> columns, mlsysim::SweepSearch search = {}) {
  const mlsysim::SolverHandle& roofline = *registry().find_solver("roofline");
  std::vector<mlsysim::SweepAxis> axes;
  for (const char* axis : {"model=*", "hardware=*", "batch_size=1..1000"})
    axes.push_back(*mlsysim::parse_sweep_axis(axis, roofline.info(), registry()));
  static const mlsysim::SolverTarget target(registry(), roofline, {});
  return *mlsysim::SweepEngine::create(target, mlsysim::SweepSpace(std::move(axes)), std::move(search),
                                       std::move(columns));
}

void BM_DirectRegistrySolve(benchmark::State& state) {
  const mlsysim::Record in = mlsysim::bench::roofline_inputs(8);
  mlsysim::Session session(registry());
  mlsysim::Record out;
  for (auto _ : state) {
    benchmark::DoNotOptimize(registry().solve("roofline", in, out, session));
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DirectRegistrySolve);

void sweep_csv(benchmark::State& state, std::vector<std::string> columns) {
  const mlsysim::SweepEngine e = engine(std::move(columns));
  std::FILE* null = std::fopen("/dev/null", "w");
  mlsysim::SweepOptions options;
  options.jobs = static_cast<std::size_t>(state.range(0));
  std::uint64_t rows = 0;
  for (auto _ : state) {
    mlsysim::CsvSweepSink sink(e, null);
    rows += e.run(sink, options).kept;
  }
  std::fclose(null);
  state.SetItemsProcessed(static_cast<std::int64_t>(rows));
}

void BM_SweepCsvAllOutputs(benchmark::State& state) { sweep_csv(state, {}); }
BENCHMARK(BM_SweepCsvAllOutputs)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SweepCsvFourOutputs(benchmark::State& state) {
  sweep_csv(state, {"latency", "throughput", "bottleneck", "feasible"});
}
BENCHMARK(BM_SweepCsvFourOutputs)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SweepTop5(benchmark::State& state) {
  mlsysim::SweepSearch search;
  search.top = 5;
  search.by = "throughput";
  mlsysim::bench::search_rows(state, engine({}, search));
}
BENCHMARK(BM_SweepTop5)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
