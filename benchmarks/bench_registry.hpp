// The in-tree plugins, loaded once per benchmark process as `mlsysim` loads
// them (relative to the binary), and the inputs the benchmarks share. The
// registry is leaked on purpose: benchmarks may run after static destructors
// would have torn it down.
#pragma once

#include <benchmark/benchmark.h>

#include "mlsysim/framework/fleet_spec.hpp"
#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/search_path.hpp"
#include "mlsysim/registry/session.hpp"
#include "mlsysim/registry/sweep.hpp"

namespace mlsysim::bench {

inline const Registry& registry() {
  static Registry* r = [] {
    auto* reg = new Registry();
    reg->load_directories({installed_plugin_dir()});
    return reg;
  }();
  return *r;
}

// Llama-3.1-8B on H100 at fp16: the roofline case every benchmark times.
inline Record roofline_inputs(std::int64_t batch_size) {
  const Registry& r = registry();
  return Record{{"model", Value(*r.model("Llama3_8B"))},
                {"hardware", Value(*r.hardware("H100"))},
                {"batch_size", Value(batch_size)},
                {"precision", Value("fp16")}};
}

// A zoo fleet by id.
inline Value fleet(const char* id) { return Value(*registry().spec(fleet_kind(), id)); }

// Solves `solver` on `in` through the registry (name look-up, validation,
// virtual call, reused output record) once per iteration.
inline void solve_loop(benchmark::State& state, const char* solver, const Record& in) {
  Session session(registry());
  Record out;
  for (auto _ : state) {
    Status s = registry().solve(solver, in, out, session);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(out);
    if (!s.ok()) state.SkipWithError(s.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations());
}

// Searches `engine` (--where/--top/--pareto) on state.range(0) threads per
// iteration, counting the rows solved.
inline void search_rows(benchmark::State& state, const SweepEngine& engine) {
  SweepOptions options;
  options.jobs = static_cast<std::size_t>(state.range(0));
  std::uint64_t rows = 0;
  for (auto _ : state) {
    SweepStats stats;
    benchmark::DoNotOptimize(engine.candidates(options, stats));
    rows += stats.solved;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(rows));
}

}  // namespace mlsysim::bench
