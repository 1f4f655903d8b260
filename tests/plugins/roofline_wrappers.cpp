// Roofline variants that wrap roofline:reference, written with the SDK as a
// user would: one that changes one input and passes the rest through, one
// that builds its inner inputs by hand and loses some, and one that forgets
// its outputs. The runtime and `plugins check` must catch the last two.
#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/sdk/implementation.hpp"

namespace {

using namespace mlsysim;
using RooflineCall = sdk::Call<contracts::Roofline>;

// The reference at half the given efficiency; every other input passes through.
Status derated(RooflineCall& call) {
  const auto& c = call.contract();
  auto inner = call.bind<contracts::Roofline>("reference");
  if (!inner.ok()) return inner.error();
  inner->set(c.in.efficiency, call[c.in.efficiency] * 0.5);
  if (Status s = inner->run(call.context(), "derated"); !s.ok()) return s;
  call.set_outputs_from(*inner);
  return {};
}

// The old way: a fresh inner record with the inputs the author remembered.
Status drops_inputs(RooflineCall& call) {
  const auto& c = call.contract();
  auto inner = call.bind<contracts::Roofline>("reference", Forwarding::kNone);
  if (!inner.ok()) return inner.error();
  inner->set(c.in.model, call[c.in.model])
      .set(c.in.hardware, call[c.in.hardware])
      .set(c.in.batch_size, call[c.in.batch_size])
      .set(c.in.precision, call[c.in.precision])
      .set(c.in.efficiency, call[c.in.efficiency]);
  if (Status s = inner->run(call.context()); !s.ok()) return s;
  call.set_outputs_from(*inner);
  return {};
}

// Writes its latency and nothing else.
Status forgets_outputs(RooflineCall& call) {
  call.set(call.contract().out.latency, 1.0 * unit::seconds);
  return {};
}

Status register_wrappers(PluginRegistrar& r) {
  r.add_solver(sdk::implementation<contracts::Roofline>(derated, {"derated", "1.0", "half efficiency"}));
  r.add_solver(sdk::implementation<contracts::Roofline>(drops_inputs, {"drops_inputs", "1.0", "loses inputs"}));
  r.add_solver(sdk::implementation<contracts::Roofline>(forgets_outputs, {"forgets_outputs", "1.0", "one output"}));
  return {};
}

}  // namespace

MLSYSIM_PLUGIN("roofline_wrappers", "1.0", register_wrappers)
