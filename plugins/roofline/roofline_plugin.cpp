#include <memory>

#include "mlsysim/sdk/plugin.hpp"
#include "roofline.hpp"

namespace {
mlsysim::Status register_roofline(mlsysim::PluginRegistrar& registrar) {
  registrar.add_solver(std::make_unique<mlsysim::roofline::RooflineSolver>());
  return {};
}
}  // namespace

MLSYSIM_PLUGIN("roofline", "0.1.0", register_roofline)
