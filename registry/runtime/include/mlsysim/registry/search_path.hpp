// Where plugins are looked for, in load order: the plugin directory of the
// install (or build tree) the running executable belongs to, then explicit
// directories (--plugin-path), then MLSYSIM_PLUGIN_PATH (colon-separated).
// The install comes first so that its plugins own the built-in solver names:
// a later plugin may add variants of their contracts, and a claim on a name
// already held is refused. Nothing is loaded from the working directory
// implicitly.
#pragma once

#include <filesystem>
#include <vector>

#include "mlsysim/framework/export.hpp"

namespace mlsysim {

MLSYSIM_API std::vector<std::filesystem::path> plugin_search_path(
    const std::vector<std::filesystem::path>& explicit_dirs);

// <dir of the running executable>/<relative plugin dir of the layout>.
MLSYSIM_API std::filesystem::path installed_plugin_dir();

}  // namespace mlsysim
