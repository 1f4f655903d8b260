// A meta-solver that binds itself: the bound call must be refused with an
// error instead of recursing until the stack overflows.
#include "mlsysim/framework/bound_call.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/plugin.hpp"

namespace {

class LoopContract final : public mlsysim::Contract {
 public:
  LoopContract() : Contract("loop", "1", "calls itself") {}
  struct Inputs {
    Contract& c;
    const mlsysim::Input<std::int64_t> depth{c, "depth", 0, "how deep this call is"};
  } const in{*this};
  struct Outputs {
    Contract& c;
    const mlsysim::Output<std::int64_t> depth{c, "depth", "deepest call reached"};
  } const out{*this};
};

const LoopContract& loop() {
  static const LoopContract contract;
  return contract;
}

class Loop final : public mlsysim::sdk::Implementation<LoopContract> {
 public:
  Loop() : Implementation(loop(), {"reference", "1.0", "binds loop and calls it"}) {}
  mlsysim::Status solve(const mlsysim::Record& inputs, mlsysim::Record& outputs,
                        mlsysim::Context& ctx) const override {
    const auto& c = contract();
    mlsysim::InputReader in(inputs);
    const std::int64_t depth = in.get(c.in.depth);
    auto call = ctx.bind("loop");
    if (!call.ok()) return call.error();
    call->set(c.in.depth, depth + 1);
    if (mlsysim::Status s = call->run(ctx, "deeper"); !s.ok()) return s;
    mlsysim::OutputWriter(outputs, info()).set(c.out.depth, *call->get(c.out.depth));
    return {};
  }
};

}  // namespace

MLSYSIM_PLUGIN("recursive", "1.0", mlsysim::sdk::registers<Loop>)
