// An implementation built against another version of the roofline contract:
// refused at load, with the versions named.
#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/sdk/plugin.hpp"

namespace {
class OldRoofline final : public mlsysim::Solver {
 public:
  OldRoofline() : info_(mlsysim::contract<mlsysim::contracts::Roofline>().info()) {
    info_.contract_version = "0.9";
    info_.variant = "old";
  }
  const mlsysim::SolverInfo& info() const override { return info_; }
  mlsysim::Status solve(const mlsysim::Record&, mlsysim::Record&, mlsysim::Context&) const override {
    return {};
  }

 private:
  mlsysim::SolverInfo info_;
};
}  // namespace

MLSYSIM_PLUGIN("wrong_contract_version", "1.0", mlsysim::sdk::registers<OldRoofline>)
