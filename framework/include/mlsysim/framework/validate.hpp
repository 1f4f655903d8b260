// The registry's check of an input record against a solver's declared ports,
// run before every solve: each field declared, of the declared kind and
// dimension (an integer is accepted for a number), no nulls but for optional
// ports, every declared constraint met (checked in port order), and every
// required port present. Defaults are not filled in: solvers read them from
// their Input<T> declarations.
#pragma once

#include "mlsysim/framework/error.hpp"
#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/port.hpp"
#include "mlsysim/framework/record.hpp"
#include "mlsysim/framework/solver_info.hpp"

namespace mlsysim {

MLSYSIM_API Status validate_inputs(const SolverInfo& info, const Record& inputs);

}  // namespace mlsysim
