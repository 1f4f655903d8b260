// Roofline per-solve cost: the plugin's physics called directly (no name
// look-up, no input check), and the same solver called through the registry
// with a Record (name look-up, validation of kinds, units and constraints,
// virtual call, output record), which is what sweeps, batches and pipelines
// pay. Both reuse one output record, as those callers do; the last benchmark
// shows the cost of a fresh output record per solve.
#include <benchmark/benchmark.h>

#include "bench_registry.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/session.hpp"

namespace {

using mlsysim::bench::registry;

void BM_RooflinePhysicsDirect(benchmark::State& state) {
  const mlsysim::Solver& solver = registry().find_solver("roofline")->implementation();
  const mlsysim::Record in = mlsysim::bench::roofline_inputs(8);
  mlsysim::Session session(registry());
  mlsysim::Record out;
  for (auto _ : state) {
    mlsysim::Status s = solver.solve(in, out, session);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RooflinePhysicsDirect);

void BM_RooflineThroughRegistry(benchmark::State& state) {
  const mlsysim::Record in = mlsysim::bench::roofline_inputs(8);
  mlsysim::Session session(registry());
  mlsysim::Record out;
  for (auto _ : state) {
    mlsysim::Status s = registry().solve("roofline", in, out, session);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(out);
  }
  if (out.size() != 16) state.SkipWithError("solve failed");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RooflineThroughRegistry);

void BM_RooflineThroughRegistryFreshRecord(benchmark::State& state) {
  const mlsysim::Record in = mlsysim::bench::roofline_inputs(8);
  mlsysim::Session session(registry());
  for (auto _ : state) {
    auto out = registry().solve("roofline", in, session);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RooflineThroughRegistryFreshRecord);

}  // namespace

BENCHMARK_MAIN();
