#include "py_sweeps.hpp"

#include <cmath>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/pipeline_spec.hpp"
#include "mlsysim/registry/sweep.hpp"
#include "py_convert.hpp"
#include "py_frame.hpp"
#include "py_registry.hpp"

namespace mlsysim::python {
namespace {

SweepSearch engine_search(const Search& s) {
  SweepSearch out;
  out.where = s.where;
  out.top = s.top;
  out.by = s.by;
  out.descending = !s.ascending;
  out.pareto = s.pareto;
  return out;
}

py::list run(const SweepTarget& target, SweepSpace space, const Search& search,
             std::vector<std::string> columns, std::int64_t jobs) {
  Result<SweepEngine> engine = SweepEngine::create(target, std::move(space), engine_search(search), std::move(columns));
  if (!engine.ok()) raise(engine.error());
  ColumnSink sink(engine->space(), *engine, target);
  SweepOptions options;
  Result<std::size_t> threads = sweep_jobs(jobs, "jobs");
  if (!threads.ok()) raise(threads.error());
  options.jobs = *threads;
  // Ctrl-C, or an interrupt inside a Python variant, stops the sweep at its next chunk.
  options.should_stop = [] {
    if (interrupt_kept()) return true;
    py::gil_scoped_acquire gil;
    return check_interrupt();
  };
  SweepStats stats;
  {
    py::gil_scoped_release release;  // Python-defined solvers take it back per row
    stats = engine->run(sink, options);
  }
  raise_kept_interrupt();
  if (!stats.errors.empty()) {
    const SweepError& first = stats.errors.front();
    Error e = first.error;
    e.message = fmt::format("{} row(s) failed; first at {}: {}", first.count, first.first_combination, e.message);
    raise(e);
  }
  return sink.columns();
}

}  // namespace

py::list sweep_columns(const std::string& solver_name, const std::vector<std::pair<std::string, std::string>>& over,
                       const py::dict& set, const std::vector<std::string>& columns, const Search& search,
                       std::int64_t jobs, double max_rows) {
  const RegistryInUse in_use;
  if (!std::isfinite(max_rows) || max_rows < 1 || max_rows > 1e30)
    raise(Error::bad_input("max_rows", fmt::format("max_rows = {}: expected a finite number from 1 to 1e30", max_rows)));
  const SolverHandle& solver = find_solver(solver_name);
  Record fixed = decode_record(set, solver.info());
  std::vector<SweepAxis> axes;
  for (const auto& [name, text] : over) {
    Result<SweepAxis> axis = parse_sweep_axis(name + "=" + text, solver.info(), registry());
    if (!axis.ok()) raise(axis.error());
    axes.push_back(std::move(*axis));
  }
  SweepSpace space(std::move(axes));
  const std::optional<SweepIndex> size = space.size();
  if (!size || static_cast<long double>(*size) > static_cast<long double>(max_rows))
    raise(Error::bad_input("max_rows", fmt::format("the sweep has {} combinations, more than max_rows={:.0f}",
                                                   size ? count_text(*size) : std::string("more than 2^128"), max_rows)));
  const SolverTarget target(registry(), solver, std::move(fixed));
  return run(target, std::move(space), search, columns, jobs);
}

py::list pipeline_columns(const py::object& spec_object, const py::dict& set, const py::dict& sweep,
                          const Search& search, std::int64_t jobs) {
  const RegistryInUse in_use;
  Result<PipelineSpec> spec = py::isinstance<py::dict>(spec_object)
                                  ? parse_pipeline(to_json(spec_object, "pipeline"))
                                  : load_pipeline(py::str(spec_object).cast<std::string>());
  if (!spec.ok()) raise(spec.error());
  for (auto [name, value] : set) spec->set_input(py::str(name), to_json(value, py::str(name).cast<std::string>()));
  for (auto [name, values] : sweep) {
    std::vector<Json> list;
    for (py::handle v : values) list.push_back(to_json(v, py::str(name).cast<std::string>()));
    spec->set_sweep(py::str(name), std::move(list));
  }
  std::vector<Error> errors;
  std::optional<Pipeline> pipeline = check_pipeline(*spec, registry(), errors);
  if (!pipeline) {
    Error e = errors.front();
    if (errors.size() > 1) e.message += fmt::format(" (and {} more problem(s))", errors.size() - 1);
    raise(e);
  }
  const PipelineTarget target(registry(), *pipeline);
  return run(target, pipeline_space(*pipeline), search, {}, jobs);
}

}  // namespace mlsysim::python
