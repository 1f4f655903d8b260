// Start-up cost: loading every plugin (the zoo reads its JSON files), and one
// `mlsysim solve` in a cold process.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/search_path.hpp"

namespace {

// Libraries stay resident after the first load, so this measures discovery,
// descriptor checks and registration (zoo parsing included), not dlopen I/O.
void BM_LoadAllPlugins(benchmark::State& state) {
  for (auto _ : state) {
    mlsysim::Registry registry;
    registry.load_directories({mlsysim::installed_plugin_dir()});
    benchmark::DoNotOptimize(registry.reports().size());
  }
}
BENCHMARK(BM_LoadAllPlugins)->Unit(benchmark::kMicrosecond);

void BM_ColdProcessSolve(benchmark::State& state) {
  const std::string cmd = std::string("'") + MLSYSIM_CLI +
                          "' solve roofline --model ResNet50 --hardware A100 -o json > /dev/null";
  for (auto _ : state) {
    if (std::system(cmd.c_str()) != 0) state.SkipWithError("mlsysim solve failed");
  }
}
BENCHMARK(BM_ColdProcessSolve)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);

}  // namespace

BENCHMARK_MAIN();
