// The fleet-operations contracts: per-solve cost through the registry next
// to a roofline solve in the same process. economics includes its bound
// sustainability call; placement one economics call per region found.
#include <benchmark/benchmark.h>

#include "bench_registry.hpp"

namespace {

using mlsysim::Record;
using mlsysim::Value;
using mlsysim::bench::fleet;
using mlsysim::bench::registry;
using mlsysim::bench::solve_loop;

void BM_Roofline(benchmark::State& state) { solve_loop(state, "roofline", mlsysim::bench::roofline_inputs(8)); }
BENCHMARK(BM_Roofline);

void BM_Sustainability(benchmark::State& state) {
  solve_loop(state, "sustainability", {{"fleet", fleet("Research_256")}, {"duration_days", Value(30.0)},
                                       {"mfu", Value(0.45)}});
}
BENCHMARK(BM_Sustainability);

void BM_Economics(benchmark::State& state) {
  solve_loop(state, "economics", {{"fleet", fleet("Frontier_8K")}, {"duration_days", Value(30.0)},
                                  {"grid", Value(*registry().spec(mlsysim::grid_kind(), "Quebec"))}});
}
BENCHMARK(BM_Economics);

void BM_PlacementFourRegions(benchmark::State& state) {
  solve_loop(state, "placement", {{"fleet", fleet("Research_256")}, {"duration_days", Value(365.0)},
                                  {"regions", Value(mlsysim::StringList{"Quebec", "Norway", "US_Avg", "Poland"})}});
}
BENCHMARK(BM_PlacementFourRegions);

void BM_Orchestration(benchmark::State& state) {
  solve_loop(state, "orchestration", {{"fleet", fleet("Research_256")}, {"arrival_rate_jobs_per_day", Value(0.9)},
                                      {"avg_job_duration_days", Value(1.0)}});
}
BENCHMARK(BM_Orchestration);

void BM_ResponsibleEngineering(benchmark::State& state) {
  solve_loop(state, "responsible_engineering",
             {{"base_training_time", Value(mlsysim::Quantity{360000.0, mlsysim::dims::time})}});
}
BENCHMARK(BM_ResponsibleEngineering);

}  // namespace

BENCHMARK_MAIN();
