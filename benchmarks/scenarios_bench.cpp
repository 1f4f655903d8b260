// Whole-system evaluations: a scenario's scorecard (roofline or distributed,
// economics, the data wall), SystemEvaluator's, a system ledger and a plan
// file read and checked: each in-process, next to one roofline solve.
#include <benchmark/benchmark.h>

#include "bench_registry.hpp"
#include "mlsysim/framework/scenario_spec.hpp"
#include "mlsysim/registry/ledger.hpp"
#include "mlsysim/registry/plan.hpp"
#include "mlsysim/registry/scorecard.hpp"

namespace {

using mlsysim::bench::registry;

const mlsysim::ScenarioSpec& scenario(const char* id) {
  return static_cast<const mlsysim::ScenarioSpec&>(**registry().spec(mlsysim::scenario_kind(), id));
}

void BM_Roofline(benchmark::State& state) { mlsysim::bench::solve_loop(state, "roofline", mlsysim::bench::roofline_inputs(1)); }
BENCHMARK(BM_Roofline);

// Arg 0: Chatbot Serving (a device); 1: Waymo (the data wall too); 2: Frontier Training (a fleet).
void BM_ScenarioScorecard(benchmark::State& state) {
  static const char* const kIds[] = {"ChatbotServing", "AutonomousVehicle_Waymo", "FrontierTraining"};
  const mlsysim::ScenarioSpec& s = scenario(kIds[state.range(0)]);
  for (auto _ : state) benchmark::DoNotOptimize(mlsysim::evaluate_scenario(registry(), s));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScenarioScorecard)->Arg(0)->Arg(1)->Arg(2);

void BM_SystemLedger(benchmark::State& state) {
  const mlsysim::ScenarioSpec& s = scenario("ChatbotServing");
  const auto& persona =
      static_cast<const mlsysim::PersonaSpec&>(**registry().spec(mlsysim::persona_kind(), "CloudTitan"));
  for (auto _ : state) benchmark::DoNotOptimize(mlsysim::simulate(registry(), s, persona, {"Quebec", 365}));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SystemLedger);

void BM_PlanParseAndScore(benchmark::State& state) {
  const char* plan = "version: 1\nname: t\nworkload: {name: Llama3_8B, batch_size: 256}\n"
                     "hardware: {name: H100, nodes: 64}\nops: {duration_days: 30}\n";
  for (auto _ : state) {
    auto p = mlsysim::parse_plan(plan, registry());
    benchmark::DoNotOptimize(mlsysim::evaluate_system(registry(), p->system(), p->options));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PlanParseAndScore);

}  // namespace

BENCHMARK_MAIN();
