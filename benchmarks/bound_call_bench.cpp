// What a meta-solver pays to call another solver: a direct registry solve
// (the floor), one bound call whose hardware input is a freshly perturbed
// copy of the spec (what sensitivity does three times), and a whole
// sensitivity solve against the four roofline solves it is made of.
#include <benchmark/benchmark.h>

#include "bench_registry.hpp"
#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/framework/bound_call.hpp"
#include "mlsysim/registry/session.hpp"

namespace {

using mlsysim::bench::registry;

void BM_DirectRooflineSolve(benchmark::State& state) {
  const mlsysim::Record in = mlsysim::bench::roofline_inputs(1);
  mlsysim::Session session(registry());
  mlsysim::Record out;
  for (auto _ : state) {
    mlsysim::Status s = registry().solve("roofline", in, out, session);
    benchmark::DoNotOptimize(s);
  }
  if (out.size() != 16) state.SkipWithError("solve failed");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DirectRooflineSolve);

void BM_BoundCallWithPerturbedHardware(benchmark::State& state) {
  const auto& c = mlsysim::contract<mlsysim::contracts::Roofline>();
  const mlsysim::HardwareRef base = *registry().hardware("H100");
  mlsysim::Session session(registry());
  auto call = session.bind("roofline");
  if (!call.ok()) return state.SkipWithError("bind failed");
  call->set(c.in.model, *registry().model("Llama3_8B"))
      .set(c.in.batch_size, std::int64_t{1})
      .set(c.in.precision, "fp16");
  double factor = 1.1;
  for (auto _ : state) {
    mlsysim::HardwareSpec& hw = call->edit(c.in.hardware, *base);
    hw.memory_bandwidth *= factor;
    mlsysim::Status s = call->run(session);
    auto latency = call->get(c.out.latency);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(latency);
  }
  if (call->outputs().size() != 16) state.SkipWithError("call failed");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BoundCallWithPerturbedHardware);

// The same call without the spec copy: what binding itself costs.
void BM_BoundCallSameInputs(benchmark::State& state) {
  const auto& c = mlsysim::contract<mlsysim::contracts::Roofline>();
  mlsysim::Session session(registry());
  auto call = session.bind("roofline");
  if (!call.ok()) return state.SkipWithError("bind failed");
  call->set(c.in.model, *registry().model("Llama3_8B"))
      .set(c.in.hardware, *registry().hardware("H100"))
      .set(c.in.batch_size, std::int64_t{1})
      .set(c.in.precision, "fp16");
  for (auto _ : state) {
    mlsysim::Status s = call->run(session);
    auto latency = call->get(c.out.latency);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(latency);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BoundCallSameInputs);

void BM_SensitivitySolve(benchmark::State& state) {
  const auto& r = registry();
  const mlsysim::Record in{{"model", mlsysim::Value(*r.model("Llama3_8B"))},
                           {"hardware", mlsysim::Value(*r.hardware("H100"))}};
  mlsysim::Session session(r);
  mlsysim::Record out;
  for (auto _ : state) {
    mlsysim::Status s = r.solve("sensitivity", in, out, session);
    benchmark::DoNotOptimize(s);
  }
  if (out.size() != 4) state.SkipWithError("sensitivity failed");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SensitivitySolve);

void BM_FourDirectRooflineSolves(benchmark::State& state) {
  const mlsysim::Record in = mlsysim::bench::roofline_inputs(1);
  mlsysim::Session session(registry());
  mlsysim::Record out;
  for (auto _ : state) {
    for (int i = 0; i < 4; ++i) {
      mlsysim::Status s = registry().solve("roofline", in, out, session);
      benchmark::DoNotOptimize(s);
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FourDirectRooflineSolves);

}  // namespace

BENCHMARK_MAIN();
