// Numeric fields of hardware and model specs by path, so that analyses
// written once (elasticities, inverse design, sweeps) can perturb or search
// any of them. Paths follow the zoo file layout, with the `compute.` prefix
// optional: "peak_flops", "precision_flops.int8", "memory.bandwidth",
// "memory.capacity", "interconnect.bandwidth", "tdp", "dispatch_tax";
// "parameters", "inference_flops", "layers", "hidden_dim", "kv_heads", ...
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/framework/dimension.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/hardware_spec.hpp"
#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/result.hpp"

namespace mlsysim {

struct SpecFieldInfo {
  std::string path;     // "memory.bandwidth"
  Dimension dimension;  // of the value in base units
  bool integer = false;
};

// The field's description, or an unknown_name error listing the paths.
MLSYSIM_API Result<SpecFieldInfo> hardware_field(std::string_view path);
MLSYSIM_API Result<SpecFieldInfo> model_field(std::string_view path);

// The value in base units; an error if this spec leaves the field out.
MLSYSIM_API Result<double> read_field(const HardwareSpec& spec, std::string_view path);
MLSYSIM_API Result<double> read_field(const ModelSpec& spec, std::string_view path);
// Sets the field (integers are rounded to the nearest; an absent optional
// field is created; a precision_flops entry must already exist).
MLSYSIM_API Status write_field(HardwareSpec& spec, std::string_view path, double value);
MLSYSIM_API Status write_field(ModelSpec& spec, std::string_view path, double value);

}  // namespace mlsysim
