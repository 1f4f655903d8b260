// Serving per-solve cost through the registry (name look-up, validation,
// virtual call, reused output record), next to a roofline solve of the same
// model and device in the same process, so the two figures compare directly.
// The serving case is Llama-3.1-8B on H100 at 4096 tokens, batch 8; the
// speculative variant adds a draft model.
#include <benchmark/benchmark.h>

#include "bench_registry.hpp"
#include "mlsysim/registry/session.hpp"

namespace {

using mlsysim::bench::registry;

mlsysim::Record serving_inputs(bool with_draft) {
  mlsysim::Record in = mlsysim::bench::roofline_inputs(8);
  in.set("seq_len", mlsysim::Value(std::int64_t{4096}));
  if (with_draft) in.set("draft_model", mlsysim::Value(*registry().model("GPT2")));
  return in;
}

void solve_loop(benchmark::State& state, const char* solver, const mlsysim::Record& in,
                std::size_t outputs) {
  mlsysim::Session session(registry());
  mlsysim::Record out;
  for (auto _ : state) {
    mlsysim::Status s = registry().solve(solver, in, out, session);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(out);
  }
  if (out.size() != outputs) state.SkipWithError("solve failed");
  state.SetItemsProcessed(state.iterations());
}

void BM_RooflineThroughRegistry(benchmark::State& state) {
  solve_loop(state, "roofline", mlsysim::bench::roofline_inputs(8), 16);
}
BENCHMARK(BM_RooflineThroughRegistry);

void BM_ServingThroughRegistry(benchmark::State& state) {
  solve_loop(state, "serving", serving_inputs(false), 11);
}
BENCHMARK(BM_ServingThroughRegistry);

void BM_ServingSpeculativeThroughRegistry(benchmark::State& state) {
  solve_loop(state, "serving", serving_inputs(true), 11);
}
BENCHMARK(BM_ServingSpeculativeThroughRegistry);

}  // namespace

BENCHMARK_MAIN();
