// The serving-at-scale contracts: per-solve cost through the registry next
// to a roofline solve in the same process.
#include <benchmark/benchmark.h>

#include "bench_registry.hpp"

namespace {

using mlsysim::Value;
using mlsysim::bench::solve_loop;

void BM_Roofline(benchmark::State& state) { solve_loop(state, "roofline", mlsysim::bench::roofline_inputs(8)); }
BENCHMARK(BM_Roofline);

// Erlang C over `replicas` servers at 78% load of 10 ms requests.
void BM_TailLatency(benchmark::State& state) {
  const double replicas = static_cast<double>(state.range(0));
  solve_loop(state, "tail_latency", {{"arrival_rate_qps", Value(78.125 * replicas)},
                                     {"service_latency_ms", Value(10.0)},
                                     {"num_replicas", Value(replicas)}});
}
BENCHMARK(BM_TailLatency)->Arg(1)->Arg(64)->Arg(4096);

void BM_ContinuousBatching(benchmark::State& state) {
  const mlsysim::Registry& r = mlsysim::bench::registry();
  solve_loop(state, "continuous_batching", {{"model", Value(*r.model("Llama3_8B"))}, {"hardware", Value(*r.hardware("H100"))},
                                            {"seq_len", Value(std::int64_t{2048})},
                                            {"max_batch_size", Value(std::int64_t{64})}});
}
BENCHMARK(BM_ContinuousBatching);

void BM_Efficiency(benchmark::State& state) {
  const mlsysim::Registry& r = mlsysim::bench::registry();
  solve_loop(state, "efficiency", {{"model", Value(*r.model("Llama3_8B"))}, {"hardware", Value(*r.hardware("H100"))},
                                   {"workload_type", Value("attention")}, {"use_flash_attention", Value(true)}});
}
BENCHMARK(BM_Efficiency);

}  // namespace

BENCHMARK_MAIN();
