// A solver written in Python: a callable taking a dict of inputs (every
// declared input, defaults filled in; hardware and model as spec dicts) and
// returning a dict of outputs (floats in base units, unit strings, bools,
// strings). It joins the registry like a plugin's solver, as a variant of a
// known contract (its ports) or of a new contract (ports given in Python).
#pragma once

#include <pybind11/pybind11.h>

#include "mlsysim/framework/solver.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::python {

// `ports` maps names to port descriptions for a new contract:
//   {"inputs": {name: (kind_or_unit, default_or_None, doc)}, "outputs": {name: (kind_or_unit, doc)}}
// where kind_or_unit is "float", "int", "bool", "str", "hardware", "model",
// or a unit ("s", "B/s"); ignored (None) for a known contract. `base`, if
// not empty, is a variant of the same contract that supplies every output
// the function's dict leaves out (prototype one term, keep the rest).
std::shared_ptr<const Solver> make_python_solver(const Registry& registry, const std::string& contract,
                                                 const std::string& variant, pybind11::object fn,
                                                 const pybind11::object& ports, const std::string& doc,
                                                 const std::string& base);

}  // namespace mlsysim::python
