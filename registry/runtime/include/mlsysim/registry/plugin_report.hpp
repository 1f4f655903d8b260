// What happened to one plugin candidate: loaded (with what it added) or
// rejected (with the reason). `mlsysim plugins list` prints these.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mlsysim {

struct PluginReport {
  std::filesystem::path path;
  bool loaded = false;
  std::string reason;  // why it was rejected; empty if loaded
  std::string name;     // from the descriptor, if it got that far
  std::string version;
  std::vector<std::string> solvers;
  std::vector<std::string> hardware_providers;
  std::vector<std::string> spec_providers;
  std::vector<std::string> model_providers;
  std::vector<std::string> diagnostics;  // non-fatal problems the plugin reported
};

}  // namespace mlsysim
