// A small, healthy third-party-style plugin that brings a contract of its
// own: scale a time by a factor.
#include "mlsysim/sdk/implementation.hpp"

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

mlsysim::Status scale(mlsysim::sdk::Call<ScaleContract>& call) {
  const auto& c = call.contract();
  call.set(c.out.scaled, call[c.in.time] * call[c.in.factor]);
  return {};
}

}  // namespace

MLSYSIM_IMPLEMENTATION(ScaleContract, "reference", "1.0", "multiplies", scale)
