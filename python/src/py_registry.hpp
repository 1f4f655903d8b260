// The process's registry as the bindings share it (loaded on first use),
// and the look-ups every binding needs, raising mlsysim.Error on failure.
#pragma once

#include <memory>
#include <string>

#include <pybind11/pybind11.h>

#include "mlsysim/registry/registry.hpp"

namespace mlsysim::python {

std::unique_ptr<Registry>& registry_slot();  // reset at interpreter exit
Registry& registry();
const SolverHandle& find_solver(const std::string& name);
// A dict of inputs decoded for `info`'s ports.
Record decode_record(const pybind11::dict& inputs, const SolverInfo& info);

}  // namespace mlsysim::python
