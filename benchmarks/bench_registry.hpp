// The in-tree plugins, loaded once per benchmark process as `mlsysim` loads
// them (relative to the binary), and the inputs the benchmarks share. The
// registry is leaked on purpose: benchmarks may run after static destructors
// would have torn it down.
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

// Llama-3.1-8B on H100 at fp16: the roofline case every benchmark times.
inline Record roofline_inputs(std::int64_t batch_size) {
  const Registry& r = registry();
  return Record{{"model", Value(*r.model("Llama3_8B"))},
                {"hardware", Value(*r.hardware("H100"))},
                {"batch_size", Value(batch_size)},
                {"precision", Value("fp16")}};
}

}  // namespace mlsysim::bench
