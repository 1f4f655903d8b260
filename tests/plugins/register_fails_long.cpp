// A plugin whose register function fails with a message longer than the
// registry's buffer, made of two-byte UTF-8 characters: the reason must be
// cut at a character boundary.
#include <string>

#include "mlsysim/sdk/plugin.hpp"

static mlsysim::Status refuse(mlsysim::PluginRegistrar&) {
  // After the "plugin: " prefix the characters start at an even byte, so a
  // cut at byte 1023 of the registry's buffer lands inside one.
  std::string message = "xy";
  for (int i = 0; i < 700; ++i) message += "é";
  return mlsysim::Error::plugin(message);
}
MLSYSIM_PLUGIN("register_fails_long", "0.1.0", refuse)
