// Scoring variants on measured cases from Python (what `mlsysim score` does):
// every case's prediction and error, and the statistics per variant, with
// the mean solve time when asked.
#pragma once

#include <string>
#include <vector>

#include <pybind11/pybind11.h>

namespace mlsysim::python {

// (cases, summary): lists of dicts. `solvers` empty: every loaded variant of
// each contract the file names.
pybind11::tuple score_cases(const std::string& path, const std::vector<std::string>& solvers, bool bench);

}  // namespace mlsysim::python
