// Zoo specs as Python dicts (quantities as mlsysim.Quantity, absent fields
// as None): what `mlsysim.hardware()` lists and what a Python solver reads.
#pragma once

#include <pybind11/pybind11.h>

#include "mlsysim/framework/hardware_spec.hpp"
#include "mlsysim/framework/model_spec.hpp"
#include "mlsysim/framework/spec.hpp"

namespace mlsysim::python {

pybind11::dict to_python(const HardwareSpec& spec);
pybind11::dict to_python(const ModelSpec& spec);
pybind11::dict to_python(const Spec& spec);  // a fleet, node, fabric, grid or datacenter

}  // namespace mlsysim::python
