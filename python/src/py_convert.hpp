// Python values <-> mlsysim's JSON and Values, for the bindings. Quantities
// come out as mlsysim.Quantity (a float in base units with its unit) and go
// in as {"value", "unit"}; hardware and model specs go in as zoo ids or
// dicts in the zoo file format, and come out as their id.
#pragma once

#include <pybind11/pybind11.h>
// Every file that converts values includes the STL casters: a file without
// them would instantiate a different caster for the same type (an ODR
// violation that fails at run time as "Unregistered type").
#include <pybind11/stl.h>

#include "mlsysim/framework/error.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/record.hpp"

namespace mlsysim::python {

namespace py = pybind11;

// None, bool, int, float (numpy scalars too), str, dict, list/tuple, and
// mlsysim.Quantity, within bounds (64 levels, 10 million values, no
// container inside itself). Anything else raises BadInput naming `field`.
Json to_json(const py::handle& object, std::string_view field);

// A Value as Python: Quantity, float, int, bool, str, dict (tables), None.
py::object to_python(const Value& value);
// A record as a dict, in record order.
py::dict to_python(const Record& record);

// Raises the mlsysim.Error subclass for `error.code`, carrying code, field
// and message.
[[noreturn]] void raise(const Error& error);

}  // namespace mlsysim::python
