// Which variants a command works on: `contract:variant` names one, a plain
// contract name all of that contract's variants (score, bench, calibrate).
#pragma once

#include <string>
#include <vector>

#include "mlsysim/registry/registry.hpp"

namespace mlsysim::cli {

// The handles `names` select, each once, in the order named; an unknown
// name is an error naming it.
Result<std::vector<const SolverHandle*>> select_variants(const Registry& registry,
                                                         const std::vector<std::string>& names);

// Every variant of `contract`, in load order (empty if unknown).
std::vector<const SolverHandle*> variants_of(const Registry& registry, const std::string& contract);

}  // namespace mlsysim::cli
