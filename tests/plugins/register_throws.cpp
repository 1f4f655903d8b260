// A plugin whose register function throws after adding a solver: nothing of
// it may become visible.
#include <stdexcept>

#include "mlsysim/sdk/plugin.hpp"

static mlsysim::Status explode(mlsysim::PluginRegistrar&) {
  throw std::runtime_error("boom while registering");
}
MLSYSIM_PLUGIN("register_throws", "0.1.0", explode)
