// Where plugins are looked for, in order: explicit directories (--plugin-path),
// then MLSYSIM_PLUGIN_PATH (colon-separated), then the plugin directory of the
// install (or build tree) the running executable belongs to. Nothing is
// loaded from the working directory implicitly.
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
