// A meta-solver that binds itself: the bound call must be refused with an
// error instead of recursing until the stack overflows.
#include "mlsysim/framework/bound_call.hpp"
#include "mlsysim/sdk/implementation.hpp"

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

mlsysim::Status loop(mlsysim::sdk::Call<LoopContract>& call) {
  const auto& c = call.contract();
  auto inner = call.bind<LoopContract>();
  if (!inner.ok()) return inner.error();
  inner->set(c.in.depth, call[c.in.depth] + 1);
  if (mlsysim::Status s = inner->run(call.context(), "deeper"); !s.ok()) return s;
  call.set(c.out.depth, (*inner)[c.out.depth]);
  return {};
}

}  // namespace

MLSYSIM_IMPLEMENTATION(LoopContract, "reference", "1.0", "binds loop and calls it", loop)
