// A plugin that claims the name of an existing solver: refused whole.
#include "mlsysim/sdk/plugin.hpp"

namespace {
class Named final : public mlsysim::Solver {
 public:
  explicit Named(const char* name) { info_.name = name; }
  const mlsysim::SolverInfo& info() const override { return info_; }
  mlsysim::Status solve(const mlsysim::Record&, mlsysim::Record&, mlsysim::Context&) const override {
    return {};
  }

 private:
  mlsysim::SolverInfo info_;
};
mlsysim::Status add(mlsysim::PluginRegistrar& r) {
  r.add_solver(std::make_unique<Named>("bystander"));
  r.add_solver(std::make_unique<Named>("roofline"));
  return {};
}
}  // namespace

MLSYSIM_PLUGIN("duplicate_roofline", "0.1.0", add)
