// PluginLibrary: one loaded plugin file and its checked descriptor. Opening
// reads only the C descriptor (ABI version, fingerprint); no C++ of the
// plugin runs until register_into(). A library that passes the checks stays
// loaded for the life of the process.
#pragma once

#include <filesystem>
#include <memory>

#include <boost/dll/shared_library.hpp>

#include "mlsysim/framework/plugin_registrar.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/registry/plugin_report.hpp"
#include "mlsysim/sdk/descriptor.h"

namespace mlsysim {

class PluginLibrary {
 public:
  // Loads `path` and checks its descriptor; fills report.name/version.
  static Result<std::shared_ptr<PluginLibrary>> open(const std::filesystem::path& path,
                                                      PluginReport& report);

  const std::filesystem::path& path() const { return path_; }
  // Runs the plugin's register function (exceptions are caught plugin-side).
  Status register_into(PluginRegistrar& registrar) const;

 private:
  PluginLibrary(boost::dll::shared_library lib, const mlsysim_plugin_descriptor* d,
                std::filesystem::path path)
      : lib_(std::move(lib)), descriptor_(d), path_(std::move(path)) {}

  boost::dll::shared_library lib_;
  const mlsysim_plugin_descriptor* descriptor_;
  std::filesystem::path path_;
};

// "stdlib differs: plugin has X, mlsysim has Y; ..." or empty if equal.
std::string fingerprint_difference(std::string_view plugin, std::string_view host);

}  // namespace mlsysim
