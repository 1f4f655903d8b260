// Checks a plugin file on disk before it is loaded: an ELF shared object
// whose tables and loadable segments lie within the file (a truncated copy
// would crash the process with SIGBUS when mapped), carrying the plugin note
// (descriptor.h) with the ABI version and build fingerprint. Nothing of the
// file runs until these pass.
#pragma once

#include <filesystem>
#include <string>

#include "mlsysim/framework/result.hpp"

namespace mlsysim {

struct PluginNote {
  std::string abi;          // "1"
  std::string fingerprint;  // MLSYSIM_BUILD_FINGERPRINT of the plugin's build
};

Result<PluginNote> inspect_plugin_file(const std::filesystem::path& file);

}  // namespace mlsysim
