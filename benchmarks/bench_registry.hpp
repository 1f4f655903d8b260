// The in-tree plugins, loaded once per benchmark process as `mlsysim` loads
// them (relative to the binary). Leaked on purpose: benchmarks may run after
// static destructors would have torn it down.
#pragma once

#include "mlsysim/registry/registry.hpp"
#include "mlsysim/registry/search_path.hpp"

namespace mlsysim::bench {

inline const Registry& registry() {
  static Registry* r = [] {
    auto* reg = new Registry();
    reg->load_directories({installed_plugin_dir()});
    return reg;
  }();
  return *r;
}

}  // namespace mlsysim::bench
