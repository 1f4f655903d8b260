// JSON Schemas (draft 2020-12) of the hardware and model spec files that
// spec_json.hpp reads: what `mlsysim schema -t hardware|workload` prints,
// for editors and for checking a spec before handing it to mlsysim.
#pragma once

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/json.hpp"

namespace mlsysim {

MLSYSIM_API Json hardware_schema();
MLSYSIM_API Json model_schema();

}  // namespace mlsysim
