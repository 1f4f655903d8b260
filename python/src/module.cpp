// _mlsysim: the C++ side of the `mlsysim` Python package. One registry per
// process, loaded on first use from the plugin directory of the install (or
// build tree) this module belongs to, then MLSYSIM_PLUGIN_PATH; the Python
// layer (python/mlsysim/) turns what these functions return into Results,
// Quantities and DataFrames.
#include <atomic>
#include <chrono>
#include <memory>

#include <boost/dll/runtime_symbol_info.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "mlsysim/framework/hf_config.hpp"
#include "mlsysim/framework/unit_parser.hpp"
#include "mlsysim/framework/version.hpp"
#include "mlsysim/registry/describe.hpp"
#include "mlsysim/registry/search_path.hpp"
#include "mlsysim/registry/session.hpp"
#include "py_convert.hpp"
#include "py_registry.hpp"
#include "py_specs.hpp"
#include "py_solver.hpp"
#include "py_sweeps.hpp"
#include "py_scenarios.hpp"
#include "py_scoring.hpp"

namespace mlsysim::python {

std::unique_ptr<Registry>& registry_slot() {
  static std::unique_ptr<Registry> registry;
  return registry;
}

namespace {
std::atomic<int> calls_in_flight{0};
}  // namespace

namespace {
std::atomic<bool> interrupt_pending{false};
py::object& kept_interrupt() {
  static py::object* kept = new py::object();  // never destroyed: outlives the interpreter's teardown
  return *kept;
}
}  // namespace

void keep_interrupt(py::error_already_set& e) {
  // error_already_set took the exception out of the interpreter's error indicator.
  if (!interrupt_pending.exchange(true)) kept_interrupt() = e.value();
}

bool interrupt_kept() { return interrupt_pending.load(); }

bool check_interrupt() {
  if (interrupt_pending.load()) return true;
  if (PyErr_CheckSignals() != 0) {
    py::error_already_set e;
    if (!interrupt_pending.exchange(true)) kept_interrupt() = e.value();
    return true;
  }
  return false;
}

void raise_kept_interrupt() {
  if (!interrupt_pending.exchange(false)) return;
  py::object exception = std::move(kept_interrupt());
  kept_interrupt() = py::object();
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exception.ptr())), exception.ptr());
  throw py::error_already_set();
}

RegistryInUse::RegistryInUse() { ++calls_in_flight; }
RegistryInUse::~RegistryInUse() { --calls_in_flight; }
int RegistryInUse::count() { return calls_in_flight.load(); }

namespace {

std::filesystem::path module_plugin_dir() {
  boost::dll::fs::error_code ec;
  const auto here = boost::dll::this_line_location(ec);
  if (ec) return {};
  return (std::filesystem::path(here.parent_path().string()) / MLSYSIM_PLUGIN_DIR_FROM_PYTHON).lexically_normal();
}

// A new registry in the slot (the first, or one replacing a registry no call uses).
void fill_slot(const std::vector<std::string>& extra_dirs) {
  auto& slot = registry_slot();
  slot = std::make_unique<Registry>();
  std::vector<std::filesystem::path> dirs{module_plugin_dir()};
  for (const std::filesystem::path& d : plugin_search_path({extra_dirs.begin(), extra_dirs.end()}))
    if (d != installed_plugin_dir()) dirs.push_back(d);  // not the interpreter's own directory
  slot->load_directories(dirs);
}

// mlsysim.load(): refused while a call uses the registry it would replace.
void load(const std::vector<std::string>& extra_dirs) {
  if (const int n = RegistryInUse::count(); n > 0)
    raise(Error::bad_input("load", fmt::format("mlsysim.load() while {} solve(s), sweep(s) or scoring run(s) use the "
                                               "registry (from another thread, or inside a Python variant) is "
                                               "refused: call it when they are done", n)));
  fill_slot(extra_dirs);
}

}  // namespace

Registry& registry() {
  if (!registry_slot()) fill_slot({});
  return *registry_slot();
}

const SolverHandle& find_solver(const std::string& name) {
  const SolverHandle* h = registry().find_solver(name);
  if (h == nullptr) raise(registry().unknown_solver(name));
  return *h;
}

Record decode_record(const py::dict& inputs, const SolverInfo& info) {
  Result<Record> record = decode_inputs(to_json(inputs, ""), info, registry());
  if (!record.ok()) raise(record.error());
  return std::move(record).value();
}

namespace {

py::tuple solve(const std::string& name, const py::dict& inputs) {
  const RegistryInUse in_use;
  const SolverHandle& solver = find_solver(name);
  Record record = decode_record(inputs, solver.info());
  Session session(registry());
  Result<Record> outputs = [&] {
    py::gil_scoped_release release;  // a Python-defined solver takes it back
    return solver.solve(record, session);
  }();
  raise_kept_interrupt();
  if (!outputs.ok()) raise(outputs.error());
  return py::make_tuple(solver.full_name(), to_python(*outputs), session.warnings(), session.notes());
}

// The registry's JSON description (registry/describe.hpp) as Python objects:
// the CLI's `plugins show|list -o json` and these are the same document.
py::object from_json(const Json& j) { return py::module_::import("json").attr("loads")(j.dump()); }

py::object solvers() {
  Json out = Json::array();
  for (const auto& [contract, entry] : registry().contracts())
    for (const SolverHandle* h : entry.variants) out.push_back(solver_json(registry(), *h));
  return from_json(out);
}

py::object plugins() {
  Json out = Json::array();
  for (const PluginReport& r : registry().reports()) out.push_back(plugin_json(r));
  return from_json(out);
}

// A kind as Python names it: "hardware", "model", or a spec kind ("fleet").
const SpecKind& spec_kind_named(const std::string& kind) {
  if (const SpecKind* k = find_spec_kind(kind)) return *k;
  std::string known = "hardware, model";
  for (const SpecKind* k : spec_kinds()) known += fmt::format(", {}", k->name());
  raise(Error::bad_input("kind", fmt::format("unknown zoo kind '{}' (known: {})", kind, known)));
}

py::object spec(const std::string& kind, const std::string& id) {
  if (kind == "hardware") {
    Result<HardwareRef> h = registry().hardware(id);
    if (!h.ok()) raise(h.error());
    return to_python(**h);
  }
  if (kind == "model") {
    Result<ModelRef> m = registry().model(id);
    if (!m.ok()) raise(m.error());
    return to_python(**m);
  }
  Result<SpecRef> s = registry().spec(spec_kind_named(kind), id);
  if (!s.ok()) raise(s.error());
  return to_python(**s);
}

// MLSys·im's import_hf_model on a config already read (a dict): the transformer it estimates.
py::dict model_from_hf(const py::dict& config, const std::string& name) {
  Result<ModelSpec> m = model_from_hf_config(to_json(config, "config"), name);
  if (!m.ok()) raise(m.error());
  return to_python(*m);
}

py::list zoo(const std::string& kind) {
  py::list out;
  if (kind == "hardware")
    for (const HardwareRef& h : registry().all_hardware()) out.append(to_python(*h));
  else if (kind == "model")
    for (const ModelRef& m : registry().all_models()) out.append(to_python(*m));
  else
    for (const SpecRef& s : registry().all_specs(spec_kind_named(kind))) out.append(to_python(*s));
  return out;
}

double convert(double value, const std::string& from, const std::string& to) {
  Result<Unit> a = parse_unit(from, "unit"), b = parse_unit(to, "unit");
  if (!a.ok()) raise(a.error());
  if (!b.ok()) raise(b.error());
  if (!(a->dimension == b->dimension))
    raise(Error::bad_input("unit", fmt::format("cannot convert {} ({}) to {} ({})", from,
                                               a->dimension.description(), to, b->dimension.description())));
  return value * a->factor / b->factor;
}

// A unit's factor to base units and its dimension's exponents (length, mass, time, flop, byte).
py::tuple unit(const std::string& text) {
  Result<Unit> u = parse_unit(text, "unit");
  if (!u.ok()) raise(u.error());
  using D = Dimension;
  const D& d = u->dimension;
  return py::make_tuple(u->factor, py::make_tuple(d.exponent(D::kLength), d.exponent(D::kMass), d.exponent(D::kTime),
                                                  d.exponent(D::kFlop), d.exponent(D::kByte)));
}

void register_solver(const std::string& contract, const std::string& variant, py::object fn,
                     const py::object& ports, const std::string& doc, const std::string& base) {
  std::shared_ptr<const Solver> solver =
      make_python_solver(registry(), contract, variant, std::move(fn), ports, doc, base);
  if (Status s = registry().add_solver(std::move(solver), "python:" + contract + ":" + variant); !s.ok())
    raise(s.error());
}

}  // namespace
}  // namespace mlsysim::python

PYBIND11_MODULE(_mlsysim, m) {
  using namespace mlsysim::python;
  m.doc() = "mlsysim's C++ core; use the `mlsysim` package";
  m.attr("__version__") = MLSYSIM_VERSION;
  // pybind11 imports numpy inside a function-local static the first time an
  // array is made, and the import releases the GIL: two threads making their
  // first arrays together would deadlock on that static. Made here, once,
  // while the module imports.
  try {
    (void)py::array_t<double>(0);
  } catch (const py::error_already_set&) {
    // no numpy: sweeps say so when they need it
  }
  m.def("load", &load, py::arg("plugin_paths"));
  // Python-defined solvers hold Python objects: drop the registry while the
  // interpreter is still alive, not in static destruction after it.
  py::module_::import("atexit").attr("register")(py::cpp_function([] { registry_slot().reset(); }));
  m.def("solve", &solve);
  m.def("solvers", &solvers);
  m.def("plugins", &plugins);
  m.def("spec", &spec);
  m.def("zoo", &zoo);
  m.def("model_from_hf", &model_from_hf);
  m.def("convert", &convert);
  m.def("unit", &unit);
  m.def("register", &register_solver);
  auto search = [](std::string where, std::int64_t top, std::string by, bool ascending,
                   std::vector<std::pair<std::string, bool>> pareto) {
    constexpr std::int64_t kMaxTop = 1'000'000;  // kept rows are held in memory
    if (top < 0 || top > kMaxTop)
      raise(mlsysim::Error::bad_input("top", fmt::format("top = {}: expected 0 (no ranking) to {}", top, kMaxTop)));
    return Search{std::move(where), static_cast<std::size_t>(top), std::move(by), ascending, std::move(pareto)};
  };
  m.def("sweep", [search](const std::string& solver, const std::vector<std::pair<std::string, std::string>>& over,
                          const py::dict& set, const std::vector<std::string>& columns, std::string where,
                          std::int64_t top, std::string by, bool ascending,
                          std::vector<std::pair<std::string, bool>> pareto, std::int64_t jobs, double max_rows) {
    return sweep_columns(solver, over, set, columns, search(where, top, by, ascending, pareto), jobs, max_rows);
  });
  m.def("pipeline", [search](const py::object& spec, const py::dict& set, const py::dict& sweep, std::string where,
                             std::int64_t top, std::string by, bool ascending,
                             std::vector<std::pair<std::string, bool>> pareto, std::int64_t jobs) {
    return pipeline_columns(spec, set, sweep, search(where, top, by, ascending, pareto), jobs);
  });
  m.def("score", &score_cases);
  m.def("evaluate", &evaluate);
  m.def("walls", &walls);
  m.def("validate_scenario", &validate);
  m.def("simulate", &simulate);
}
