// A small, healthy third-party-style plugin: scales a time by a factor.
#include "mlsysim/sdk/plugin.hpp"

namespace {
const mlsysim::Input<mlsysim::Seconds> kTime{"time", "a duration"};
const mlsysim::Input<double> kFactor{"factor", 2.0, "multiplier"};
const mlsysim::Output<mlsysim::Seconds> kScaled{"scaled", "time x factor"};

class Scale final : public mlsysim::Solver {
 public:
  Scale() {
    info_.name = "scale";
    info_.version = "1.0";
    info_.summary = "time x factor";
    info_.inputs = {kTime.info(), kFactor.info()};
    info_.outputs = {kScaled.info()};
  }
  const mlsysim::SolverInfo& info() const override { return info_; }
  mlsysim::Status solve(const mlsysim::Record& r, mlsysim::Record& outputs,
                        mlsysim::Context&) const override {
    mlsysim::InputReader in(r);
    auto t = in.get(kTime);
    auto f = in.get(kFactor);
    if (!in.ok()) return in.error();
    mlsysim::OutputWriter(outputs, 1).set(kScaled, t * f);
    return {};
  }

 private:
  mlsysim::SolverInfo info_;
};

mlsysim::Status add(mlsysim::PluginRegistrar& r) {
  r.add_solver(std::make_unique<Scale>());
  return {};
}
}  // namespace

MLSYSIM_PLUGIN("good_scale", "1.0", add)
