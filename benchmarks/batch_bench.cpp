// `mlsysim run` throughput: the batch protocol (parse JSON line, decode
// inputs, validate, solve, write JSON line) over the 599 reference requests,
// in process and through the real binary on a request file.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "mlsysim/registry/batch.hpp"
#include "mlsysim/registry/search_path.hpp"

namespace {

std::string requests(int copies) {
  std::ifstream in(MLSYSIM_BENCH_CASES);
  std::string line, one;
  while (std::getline(in, line)) {
    auto c = nlohmann::ordered_json::parse(line);
    c.erase("expected");
    c["inputs"].erase("hardware_alias_of");
    one += c.dump() + "\n";
  }
  std::string all;
  for (int i = 0; i < copies; ++i) all += one;
  return all;
}

void BM_BatchInProcess(benchmark::State& state) {
  mlsysim::Registry registry;
  registry.load_directories({mlsysim::installed_plugin_dir()});
  mlsysim::BatchRunner runner(registry);
  const std::string text = requests(10);
  std::size_t n = 0;
  for (auto _ : state) {
    std::istringstream in(text);
    std::ostringstream out;
    n = runner.run(in, out).requests;
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_BatchInProcess)->Unit(benchmark::kMillisecond)->UseRealTime();

// The whole binary: process start, plugin and zoo loading, 59,900 requests.
void BM_MlsysimRunFile(benchmark::State& state) {
  auto file = std::filesystem::temp_directory_path() / "mlsysim-bench-requests.jsonl";
  std::ofstream(file) << requests(100);
  const std::string cmd = std::string("'") + MLSYSIM_CLI + "' run '" + file.string() + "' > /dev/null";
  for (auto _ : state) {
    if (std::system(cmd.c_str()) != 0) state.SkipWithError("mlsysim run failed");
  }
  state.SetItemsProcessed(state.iterations() * 59900);
  std::filesystem::remove(file);
}
BENCHMARK(BM_MlsysimRunFile)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
