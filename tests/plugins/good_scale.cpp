// A small, healthy third-party-style plugin that brings a contract of its
// own: scale a time by a factor.
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/plugin.hpp"

namespace {

class ScaleContract final : public mlsysim::Contract {
 public:
  ScaleContract() : Contract("scale", "1", "time x factor") {}
  struct Inputs {
    Contract& c;
    const mlsysim::Input<mlsysim::Seconds> time{c, "time", "a duration"};
    const mlsysim::Input<double> factor{c, "factor", 2.0, "multiplier"};
  } const in{*this};
  struct Outputs {
    Contract& c;
    const mlsysim::Output<mlsysim::Seconds> scaled{c, "scaled", "time x factor"};
  } const out{*this};
};

const ScaleContract& scale_contract() {
  static const ScaleContract contract;
  return contract;
}

class Scale final : public mlsysim::sdk::Implementation<ScaleContract> {
 public:
  Scale() : Implementation(scale_contract(), {"reference", "1.0", "multiplies"}) {}
  mlsysim::Status solve(const mlsysim::Record& r, mlsysim::Record& outputs,
                        mlsysim::Context&) const override {
    const auto& c = contract();
    mlsysim::InputReader in(r);
    auto t = in.get(c.in.time);
    auto f = in.get(c.in.factor);
    if (!in.ok()) return in.error();
    mlsysim::OutputWriter(outputs, info()).set(c.out.scaled, t * f);
    return {};
  }
};

}  // namespace

MLSYSIM_PLUGIN("good_scale", "1.0", mlsysim::sdk::registers<Scale>)
