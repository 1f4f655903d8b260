// The conformance check plugin authors run (`mlsysim plugins check`): each
// implementation is solved on inputs derived from its contract (defaults,
// zoo entries for model and hardware ports, a value meeting each constraint
// for other required ports) and every broken promise is reported: a declared
// output not written, an output that is not declared, a wrong kind or unit,
// a null where the contract promises a value, outputs out of declared order,
// an exception or internal error, or refusing inputs the contract accepts.
// Contract version and port mismatches are refused when the plugin loads
// (known_contracts.hpp) and show up as rejected plugins.
#pragma once

#include <string>
#include <vector>

#include "mlsysim/framework/export.hpp"
#include "mlsysim/framework/result.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim {

// Inputs an implementation of `info` must accept: every input with a
// default is left to it; required ones get a zoo entry or a value that meets
// the port's constraint.
MLSYSIM_API Result<Record> conformance_inputs(const SolverInfo& info, const Catalog& catalog);

// The broken promises of one implementation (empty if it keeps them all).
MLSYSIM_API std::vector<std::string> check_conformance(const SolverHandle& solver,
                                                       const Registry& registry);

}  // namespace mlsysim
