// Sweeps and pipelines from Python, through the library's sweep engine,
// into columns (see py_frame.hpp) that the Python layer makes a DataFrame.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <pybind11/pybind11.h>

namespace mlsysim::python {

// Search options as the CLI's --where, --top/--by/--asc and --pareto.
struct Search {
  std::string where;
  std::size_t top = 0;
  std::string by;
  bool ascending = false;
  std::vector<std::pair<std::string, bool>> pareto;  // (output, maximise)
};

// `over`: (name, axis text as --over takes it: "a,b,c", "1..64:*2", "*").
pybind11::list sweep_columns(const std::string& solver, const std::vector<std::pair<std::string, std::string>>& over,
                             const pybind11::dict& set, const std::vector<std::string>& columns,
                             const Search& search, std::int64_t jobs, double max_rows);

// `spec`: a dict in the pipeline file format, or a path. `set` replaces
// pipeline inputs, `sweep` (name -> list) adds or replaces axes.
pybind11::list pipeline_columns(const pybind11::object& spec, const pybind11::dict& set,
                                const pybind11::dict& sweep, const Search& search, std::int64_t jobs);

}  // namespace mlsysim::python
