// A plugin whose register function reports failure.
#include "mlsysim/sdk/plugin.hpp"

static mlsysim::Status refuse(mlsysim::PluginRegistrar&) {
  return mlsysim::Error::plugin("license file not found");
}
MLSYSIM_PLUGIN("register_fails", "0.1.0", refuse)
