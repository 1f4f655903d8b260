// Where the zoo's FLOP count is not FLOPs: some models are stored as
// multiply-accumulates (ResNet-50's 4.1e9, MobileNetV2's 3.0e8). Calibrated
// variants carry a `flop_convention` table (model id -> factor to real FLOPs)
// in their parameter file; these read it and apply it.
#pragma once

#include <string>

#include "mlsysim/framework/parameter_file.hpp"
#include "mlsysim/framework/result.hpp"

namespace mlsysim::workload {

// The file's `flop_convention` table into `out`, each factor in (0, 1000].
inline Status read_flop_conventions(const ParameterFile& file, NumberTable& out) {
  if (const NumberTable* t = file.table("flop_convention")) out = *t;
  for (const auto& [id, factor] : out)
    if (!(factor > 0 && factor <= 1e3))
      return Error::bad_input("tables.flop_convention." + id,
                              file.path.string() + ": flop_convention factor for '" + id + "' must be in (0, 1000]");
  return {};
}

// `zoo_flops` of model `id` in real FLOPs.
inline double real_flops(const std::string& id, double zoo_flops, const NumberTable& conventions) {
  for (const auto& [model, factor] : conventions)
    if (model == id) return zoo_flops * factor;
  return zoo_flops;
}

}  // namespace mlsysim::workload
