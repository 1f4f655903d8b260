// The serving-at-scale and model-transform contracts: per-solve cost
// through the registry next to a roofline solve in the same process.
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

void BM_WeightStreaming(benchmark::State& state) {
  const mlsysim::Registry& r = mlsysim::bench::registry();
  solve_loop(state, "weight_streaming", {{"model", Value(*r.model("Llama3_70B"))},
                                         {"hardware", Value(*r.hardware("CerebrasCS3"))},
                                         {"seq_len", Value(std::int64_t{2048})}});
}
BENCHMARK(BM_WeightStreaming);

void BM_Compression(benchmark::State& state) {
  const mlsysim::Registry& r = mlsysim::bench::registry();
  solve_loop(state, "compression", {{"model", Value(*r.model("YOLOv8_Nano"))}, {"hardware", Value(*r.hardware("H100"))},
                                    {"target_bitwidth", Value(std::int64_t{8})}});
}
BENCHMARK(BM_Compression);

// One serving call through a typed bound call, and what the contract adds.
void BM_InferenceScaling(benchmark::State& state) {
  const mlsysim::Registry& r = mlsysim::bench::registry();
  solve_loop(state, "inference_scaling", {{"model", Value(*r.model("Llama3_70B"))}, {"hardware", Value(*r.hardware("B200"))}});
}
BENCHMARK(BM_InferenceScaling);

// The optimizer: 0.1.0 runs serving and tail_latency for all 256 batch sizes
// (~0.5 s in Python); this finds the same batch from the largest that fits
// downwards. Arg 0: the answer is the largest batch that fits (3 replicas,
// 5000 ms); arg 1: the SLA picks batch 175 of 256 (1500 ms); arg 2: no batch
// meets the SLA, so every fitting batch is tried (20 requests/s, 2000 ms).
void BM_BatchingOptimizer(benchmark::State& state) {
  const mlsysim::Registry& r = mlsysim::bench::registry();
  static const double kSla[] = {5000, 1500, 2000}, kRate[] = {2, 2, 20}, kReplicas[] = {3, 3, 1};
  const auto i = static_cast<std::size_t>(state.range(0));
  solve_loop(state, "batching", {{"model", Value(*r.model("Llama3_8B"))}, {"hardware", Value(*r.hardware("H100"))},
                                 {"seq_len", Value(std::int64_t{128})}, {"sla_latency_ms", Value(kSla[i])},
                                 {"arrival_rate_qps", Value(kRate[i])}, {"num_replicas", Value(kReplicas[i])}});
}
BENCHMARK(BM_BatchingOptimizer)->Arg(0)->Arg(1)->Arg(2);

}  // namespace

BENCHMARK_MAIN();
