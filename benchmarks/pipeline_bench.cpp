// Pipeline overhead: the three-stage chain of tests/data/pipelines
// (roofline -> transformation via `from` -> data via `expr`) run as a checked
// pipeline, against the same three solves called through the registry with
// ready-made input records. The difference, divided by 3, is the per-stage
// cost of binding (copying constants, following `from`, evaluating `expr`)
// and bookkeeping.
#include <benchmark/benchmark.h>

#include "bench_registry.hpp"
#include "mlsysim/registry/pipeline.hpp"
#include "mlsysim/registry/session.hpp"

namespace {

using mlsysim::bench::registry;

void BM_PipelineThreeStages(benchmark::State& state) {
  mlsysim::Result<mlsysim::PipelineSpec> spec = mlsysim::load_pipeline(MLSYSIM_BENCH_PIPELINE);
  if (!spec.ok()) return state.SkipWithError(spec.error().message.c_str());
  std::vector<mlsysim::Error> errors;
  std::optional<mlsysim::Pipeline> pipeline = mlsysim::check_pipeline(*spec, registry(), errors);
  if (!pipeline) return state.SkipWithError(errors.front().message.c_str());
  mlsysim::Session session(registry());
  for (auto _ : state) {
    mlsysim::Status s = pipeline->run(session);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PipelineThreeStages);

// The same three solves, inputs prepared once, outputs into reused records.
void BM_SameSolvesWithoutPipeline(benchmark::State& state) {
  using mlsysim::Record;
  using mlsysim::Value;
  namespace unit = mlsysim::unit;
  const auto& r = registry();
  mlsysim::Session session(r);
  Record roofline_in{{"model", Value(*r.model("ResNet50"))}, {"hardware", Value(*r.hardware("A100"))},
                     {"batch_size", Value(256)}};
  Record compute;
  if (!r.solve("roofline", roofline_in, compute, session).ok()) return state.SkipWithError("roofline failed");
  const mlsysim::Seconds latency = *compute.get<mlsysim::Seconds>("latency");
  Record transform_in{{"batch_size", Value(256)}, {"sample_size_bytes", Value(500e3 * unit::bytes)},
                      {"cpu_throughput", Value(2e9 * unit::bytes_per_second)},
                      {"accelerator_step_time", Value(latency)}};
  Record data_in{{"workload_data_rate", Value(256 * 500e3 * unit::bytes / latency)},
                 {"hardware", Value(*r.hardware("A100"))}};
  const mlsysim::SolverHandle* solvers[] = {r.find_solver("roofline"), r.find_solver("transformation"),
                                            r.find_solver("data")};
  Record cpu, io;
  for (auto _ : state) {
    mlsysim::Status a = solvers[0]->solve(roofline_in, compute, session);
    mlsysim::Status b = solvers[1]->solve(transform_in, cpu, session);
    mlsysim::Status c = solvers[2]->solve(data_in, io, session);
    benchmark::DoNotOptimize(a);
    benchmark::DoNotOptimize(b);
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SameSolvesWithoutPipeline);

}  // namespace

BENCHMARK_MAIN();
