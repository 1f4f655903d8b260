// Roofline per-solve cost: the physics called directly, and the same solver
// called through the registry with a Record (validation + virtual call +
// output record), which is what sweeps and pipelines pay.
#include <benchmark/benchmark.h>

#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/search_path.hpp"
#include "mlsysim/registry/session.hpp"
#include "roofline.hpp"

namespace {

const mlsysim::Registry& registry() {
  static mlsysim::Registry* r = [] {
    auto* reg = new mlsysim::Registry();
    reg->load_directories({mlsysim::installed_plugin_dir()});
    return reg;
  }();
  return *r;
}

mlsysim::Record inputs() {
  const auto& r = registry();
  return mlsysim::Record{{"model", mlsysim::Value(*r.model("Llama3_8B"))},
                         {"hardware", mlsysim::Value(*r.hardware("H100"))},
                         {"batch_size", mlsysim::Value(8)},
                         {"precision", mlsysim::Value("fp16")}};
}

void BM_RooflinePhysicsDirect(benchmark::State& state) {
  mlsysim::roofline::RooflineSolver solver;
  const mlsysim::Record in = inputs();
  mlsysim::Session session(registry());
  for (auto _ : state) {
    auto out = solver.solve(in, session);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RooflinePhysicsDirect);

void BM_RooflineThroughRegistry(benchmark::State& state) {
  const mlsysim::Record in = inputs();
  mlsysim::Session session(registry());
  for (auto _ : state) {
    auto out = registry().solve("roofline", in, session);
    benchmark::DoNotOptimize(out);
  }
  if (!registry().solve("roofline", in, session).ok()) state.SkipWithError("solve failed");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RooflineThroughRegistry);

}  // namespace

BENCHMARK_MAIN();
