// The plugins of the fuzz build, loaded once per harness process.
#pragma once

#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/search_path.hpp"

inline const mlsysim::Registry& fuzz_registry() {
  static mlsysim::Registry* registry = [] {
    auto* r = new mlsysim::Registry();  // kept: plugins stay loaded for the process
    r->load_directories({mlsysim::installed_plugin_dir()});
    return r;
  }();
  return *registry;
}
