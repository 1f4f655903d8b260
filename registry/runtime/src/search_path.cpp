#include "mlsysim/registry/search_path.hpp"

#include <cstdlib>
#include <string_view>

#include <boost/dll/runtime_symbol_info.hpp>

namespace mlsysim {

std::filesystem::path installed_plugin_dir() {
  boost::dll::fs::error_code ec;
  auto exe = boost::dll::program_location(ec);
  if (ec) return {};
  return (std::filesystem::path(exe.parent_path().string()) / MLSYSIM_PLUGIN_DIR_FROM_BIN)
      .lexically_normal();
}

std::vector<std::filesystem::path> plugin_search_path(
    const std::vector<std::filesystem::path>& explicit_dirs) {
  std::vector<std::filesystem::path> dirs;
  // The install's own plugins first: they hold the built-in names, which a
  // plugin found later can add variants to but never take over.
  if (auto installed = installed_plugin_dir(); !installed.empty()) dirs.push_back(installed);
  dirs.insert(dirs.end(), explicit_dirs.begin(), explicit_dirs.end());
  if (const char* env = std::getenv("MLSYSIM_PLUGIN_PATH")) {
    std::string_view rest = env;
    while (!rest.empty()) {
      std::size_t colon = rest.find(':');
      std::string_view item = rest.substr(0, colon);
      if (!item.empty()) dirs.emplace_back(item);
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  return dirs;
}

}  // namespace mlsysim
