#include "py_scoring.hpp"

#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/registry/corpus.hpp"
#include "mlsysim/registry/scoring.hpp"
#include "mlsysim/registry/session.hpp"
#include "py_convert.hpp"
#include "py_registry.hpp"

namespace mlsysim::python {
namespace {

std::vector<const SolverHandle*> variants_for(const std::string& contract, const std::vector<std::string>& solvers) {
  std::vector<const SolverHandle*> out;
  if (solvers.empty()) {
    auto it = registry().contracts().find(contract);
    if (it != registry().contracts().end()) out = it->second.variants;
    return out;
  }
  for (const std::string& name : solvers) {
    const SolverHandle& h = find_solver(name);
    if (h.info().contract_name() == contract) out.push_back(&h);
  }
  return out;
}

// Mean ns per solve over the cases' inputs, repeated for at least 0.1 s.
double ns_per_solve(const SolverHandle& variant, const std::vector<MeasuredCase>& cases) {
  std::vector<Record> inputs;
  for (const MeasuredCase& c : cases) {
    Result<Record> r = decode_inputs(c.inputs, variant.info(), registry());
    if (r.ok()) inputs.push_back(std::move(*r));
  }
  if (inputs.empty()) return 0;
  Session session(registry());
  Record out;
  std::uint64_t solves = 0;
  const auto start = std::chrono::steady_clock::now();
  std::chrono::duration<double> elapsed{};
  py::gil_scoped_release release;
  do {
    for (const Record& r : inputs) (void)variant.solve(r, out, session);
    solves += inputs.size();
    elapsed = std::chrono::steady_clock::now() - start;
  } while (elapsed.count() < 0.1);
  return elapsed.count() * 1e9 / static_cast<double>(solves);
}

}  // namespace

py::tuple score_cases(const std::string& path, const std::vector<std::string>& solvers, bool bench) {
  const RegistryInUse in_use;
  Result<CaseFile> file = load_case_file(path);
  if (!file.ok()) raise(file.error());
  if (file->measured.empty())
    raise(Error::bad_input("path", fmt::format("{}: no measured cases (a reference-case file is scored for "
                                               "parity by `mlsysim score`)", path)));
  std::vector<std::string> contracts;
  for (const MeasuredCase& c : file->measured)
    if (std::find(contracts.begin(), contracts.end(), c.contract) == contracts.end()) contracts.push_back(c.contract);
  py::list cases, summary;
  for (const std::string& contract : contracts) {
    std::vector<MeasuredCase> of;
    for (const MeasuredCase& c : file->measured)
      if (c.contract == contract) of.push_back(c);
    for (const SolverHandle* v : variants_for(contract, solvers)) {
      std::vector<CaseScore> scores;
      {
        py::gil_scoped_release release;
        scores = PreparedCorpus(registry(), *v, of).score();
      }
      for (const CaseScore& s : scores) {
        py::dict d;
        d["solver"] = v->full_name();
        d["id"] = s.of->id;
        d["category"] = s.of->category;
        d["measured"] = s.of->measured.value;
        d["predicted"] = s.predicted ? py::object(py::float_(*s.predicted)) : py::none();
        d["error"] = s.predicted ? py::object(py::float_(s.signed_error())) : py::none();
        d["failure"] = s.error ? py::object(py::str(s.error->message)) : py::none();
        cases.append(d);
      }
      const ErrorSummary e = summarize(scores);
      py::dict d;
      d["solver"] = v->full_name();
      d["n"] = e.n;
      d["failures"] = e.failures;
      d["mape"] = e.mape;
      d["median_ape"] = e.median_ape;
      d["bias"] = e.bias;
      d["within_15"] = e.within_15;
      d["within_30"] = e.within_30;
      d["worst"] = e.worst_id;
      if (bench) d["ns_per_solve"] = ns_per_solve(*v, of);
      summary.append(d);
    }
  }
  return py::make_tuple(cases, summary);
}

}  // namespace mlsysim::python
