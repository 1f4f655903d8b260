// Hardware and model specs from the zoo's JSON file format (see zoo/README.md).
// Errors name the field path, e.g. "memory.capacity".
#pragma once

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/hardware_spec.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/result.hpp"

namespace mlsysim {

MLSYSIM_API Result<HardwareSpec> hardware_from_json(const Json& json);
MLSYSIM_API Result<ModelSpec> model_from_json(const Json& json);

}  // namespace mlsysim
