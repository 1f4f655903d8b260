// A plugin that claims the name of an existing solver (roofline:reference)
// next to a harmless one: refused whole.
#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/sdk/implementation.hpp"
#include "mlsysim/sdk/plugin.hpp"

namespace {

class Bystander final : public mlsysim::Solver {
 public:
  Bystander() {
    info_.name = "bystander";
    info_.variant = "reference";
  }
  const mlsysim::SolverInfo& info() const override { return info_; }
  mlsysim::Status solve(const mlsysim::Record&, mlsysim::Record&, mlsysim::Context&) const override {
    return {};
  }

 private:
  mlsysim::SolverInfo info_;
};

class Impostor final : public mlsysim::sdk::Implementation<mlsysim::contracts::Roofline> {
 public:
  Impostor() : Implementation({"reference", "9.9", "impostor"}) {}
  mlsysim::Status solve(const mlsysim::Record&, mlsysim::Record&, mlsysim::Context&) const override {
    return mlsysim::Error::internal("never called");
  }
};

}  // namespace

MLSYSIM_PLUGIN("duplicate_roofline", "0.1.0", mlsysim::sdk::registers<Bystander, Impostor>)
