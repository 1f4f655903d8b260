// MLSys·im's scorecards and walls from Python (what `mlsysim eval` and
// `mlsysim walls` print): evaluate() returns the three levels, the flat
// figures and the warnings as a dict.
#pragma once

#include <optional>
#include <string>

#include <pybind11/pybind11.h>

namespace mlsysim::python {

// A scenario (id) when `hardware` is None, else model on hardware (ids or
// spec dicts), optionally distributed over `fleet` with `nodes` as the TP
// degree and priced over `duration_days`.
pybind11::dict evaluate(const pybind11::object& target, const pybind11::object& hardware, std::int64_t batch_size,
                        const std::string& precision, double efficiency, const pybind11::object& fleet,
                        std::int64_t nodes, std::optional<double> duration_days);

// The taxonomy: one dict per wall with the contracts that model it.
pybind11::list walls();

}  // namespace mlsysim::python
