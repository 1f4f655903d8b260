// The training-at-scale contracts: per-solve cost through the registry
// (name look-up, validation, virtual call, reused output record) next to a
// roofline solve in the same process, and the issue-19 search: a sweep of
// distributed over tp x pp x ep x micro-batches x ZeRO stage x recomputation
// x every zoo fleet (or x the fleet's node count) for Llama-3-70B, filtered
// on the node profile's feasibility and kept to the 10 best, on 1 and 2 threads.
#include <benchmark/benchmark.h>

#include "bench_registry.hpp"
#include "mlsysim/registry/session.hpp"
#include "mlsysim/registry/sweep.hpp"

namespace {

using mlsysim::Record;
using mlsysim::Value;
using mlsysim::bench::registry;

using mlsysim::bench::fleet;
using mlsysim::bench::solve_loop;

void BM_Roofline(benchmark::State& state) { solve_loop(state, "roofline", mlsysim::bench::roofline_inputs(8)); }
BENCHMARK(BM_Roofline);

void BM_Distributed(benchmark::State& state) {
  solve_loop(state, "distributed", {{"model", Value(*registry().model("Llama3_8B"))}, {"fleet", fleet("Research_256")},
                                    {"batch_size", Value(std::int64_t{1024})}, {"tp_size", Value(std::int64_t{8})},
                                    {"pp_size", Value(std::int64_t{4})}, {"microbatch_count", Value(std::int64_t{16})}});
}
BENCHMARK(BM_Distributed);

void BM_NetworkRoofline(benchmark::State& state) {
  solve_loop(state, "network_roofline", {{"model", Value(*registry().model("Llama3_8B"))}, {"fleet", fleet("Research_256")}});
}
BENCHMARK(BM_NetworkRoofline);

void BM_Topology(benchmark::State& state) {
  solve_loop(state, "topology", {{"fabric", Value(*registry().spec(mlsysim::fabric_kind(), "InfiniBand_NDR"))},
                                 {"topology", Value("torus_3d")}, {"num_nodes", Value(std::int64_t{27})}});
}
BENCHMARK(BM_Topology);

void BM_Reliability(benchmark::State& state) {
  solve_loop(state, "reliability", {{"fleet", fleet("Frontier_8K")}, {"job_duration_hours", Value(720.0)}});
}
BENCHMARK(BM_Reliability);

void BM_Checkpoint(benchmark::State& state) {
  solve_loop(state, "checkpoint", {{"model", Value(*registry().model("Llama3_70B"))},
                                   {"hardware", Value(*registry().hardware("H100"))}});
}
BENCHMARK(BM_Checkpoint);

void BM_Scaling(benchmark::State& state) {
  solve_loop(state, "scaling", {{"compute_budget", Value("1e24 flop")}});
}
BENCHMARK(BM_Scaling);

void BM_ParallelismOptimizer(benchmark::State& state) {
  solve_loop(state, "parallelism", {{"model", Value(*registry().model("Llama3_8B"))}, {"fleet", fleet("Research_256")},
                                    {"batch_size", Value(std::int64_t{1024})}});
}
BENCHMARK(BM_ParallelismOptimizer)->Unit(benchmark::kMicrosecond);

// The issue-19 search over `axes` for Llama-3-70B at batch 4096 (plus `fixed`).
void distributed_search(benchmark::State& state, std::vector<const char*> axis_texts, Record fixed) {
  const mlsysim::SolverHandle& distributed = *registry().find_solver("distributed");
  std::vector<mlsysim::SweepAxis> axes;
  for (const char* axis : axis_texts) axes.push_back(*mlsysim::parse_sweep_axis(axis, distributed.info(), registry()));
  fixed.set("model", Value(*registry().model("Llama3_70B")));
  fixed.set("batch_size", Value(std::int64_t{4096}));
  const mlsysim::SolverTarget target(registry(), distributed, std::move(fixed));
  mlsysim::SweepSearch search;
  search.where = "node_profile.feasible";
  search.top = 10;
  search.by = "scaling_efficiency";
  const mlsysim::SweepEngine e =
      *mlsysim::SweepEngine::create(target, mlsysim::SweepSpace(std::move(axes)), std::move(search), {});
  mlsysim::bench::search_rows(state, e);
}

// 8 x 8 x 4 x 16 x 4 x 2 x 4 fleets = 131,072 configurations per pass.
void BM_DistributedSearch(benchmark::State& state) {
  distributed_search(state, {"tp_size=1..128:*2", "pp_size=1..128:*2", "ep_size=1..8:*2", "microbatch_count=1..16",
                             "zero_stage=0..3", "activation_recomputation=false,true", "fleet=*"}, {});
}
BENCHMARK(BM_DistributedSearch)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The fleet's size as an axis of its own (a spec field): 32 .. 4096 DGX H100
// nodes on InfiniBand NDR, 8 sizes x the same 32,768 splits = 262,144 per pass.
void BM_DistributedSearchOverFleetSize(benchmark::State& state) {
  Record fixed;
  fixed.set("fleet", fleet("Frontier_8K"));
  distributed_search(state, {"fleet.count=32..4096:*2", "tp_size=1..128:*2", "pp_size=1..128:*2", "ep_size=1..8:*2",
                             "microbatch_count=1..16", "zero_stage=0..3", "activation_recomputation=false,true"},
                     std::move(fixed));
}
BENCHMARK(BM_DistributedSearchOverFleetSize)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
