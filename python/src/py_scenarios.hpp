// MLSys·im's scorecards, scenario validation, system ledger and walls from
// Python (what `mlsysim eval`, `simulate` and `walls` print), as dicts.
// Scenarios and personas are ids or dicts in the zoo file's form.
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

// Scenario.validate_scenario: the memory utilisation, or raises Infeasible
// naming `workload` (does not fit) or `sla_latency` (too slow).
double validate(const pybind11::object& scenario, std::int64_t batch_size, const std::string& precision,
                double efficiency);

// ResourceSimulation(scenario, persona).evaluate({region, duration_days}):
// the ledger's four sections, its to_dict summary and warnings.
pybind11::dict simulate(const pybind11::object& scenario, const pybind11::object& persona, const std::string& region,
                        double duration_days);

// The taxonomy: one dict per wall with the contracts that model it.
pybind11::list walls();

}  // namespace mlsysim::python
