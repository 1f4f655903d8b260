#include "py_solver.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/framework/suggest.hpp"
#include "mlsysim/framework/unit_parser.hpp"
#include "mlsysim/registry/known_contracts.hpp"
#include "py_convert.hpp"
#include "py_registry.hpp"
#include "py_specs.hpp"

namespace mlsysim::python {
namespace {

class PythonSolver final : public Solver {
 public:
  PythonSolver(SolverInfo info, py::object fn, const Catalog& catalog, const SolverHandle* base)
      : info_(std::move(info)), fn_(std::move(fn)), catalog_(catalog), base_(base) {}
  ~PythonSolver() override {
    py::gil_scoped_acquire gil;
    fn_ = py::object();
  }

  const SolverInfo& info() const override { return info_; }

  Status solve(const Record& inputs, Record& outputs, Context& ctx) const override {
    py::gil_scoped_acquire gil;
    try {
      py::dict args;
      for (const PortInfo& port : info_.inputs()) {
        const Value* given = inputs.find(port.name.view());
        const Value& v = given ? *given : port.default_value;
        if (const HardwareRef* h = v.if_hardware()) args[py::str(port.name.str())] = to_python(**h);
        else if (const ModelRef* m = v.if_model()) args[py::str(port.name.str())] = to_python(**m);
        else if (const SpecRef* sp = v.if_spec()) args[py::str(port.name.str())] = to_python(**sp);
        else args[py::str(port.name.str())] = to_python(v);
      }
      py::object result = fn_(args);
      if (!py::isinstance<py::dict>(result))
        return Error::internal(fmt::format("{}: the Python function returned {}, expected a dict of outputs",
                                           info_.full_name(), py::str(py::type::of(result).attr("__name__")).cast<std::string>()));
      const py::dict out = result.cast<py::dict>();
      if (Status s = check_output_names(out); !s.ok()) return s;
      outputs.clear();
      Record base_outputs;
      if (base_ != nullptr && out.size() < info_.outputs().size()) {  // the rest from the base variant
        py::gil_scoped_release release;
        if (Status s = base_->solve(inputs, base_outputs, ctx); !s.ok()) return s.error();
      }
      for (const PortInfo& port : info_.outputs()) {
        const py::str key(port.name.str());
        if (!out.contains(key) && base_ != nullptr) {
          outputs.set(port.name, *base_outputs.find(port.name.view()));
          continue;
        }
        if (!out.contains(key) || (port.nullable && out[key].is_none())) {
          if (port.nullable) {
            outputs.set(port.name, Value());
            continue;
          }
          return port_error(port, fmt::format("{}: the Python function gave no output '{}'",
                                              info_.full_name(), port.name.view()));
        }
        Result<Value> v = decode_value(to_json(out[key], port.name.view()), port, catalog_);
        if (!v.ok()) return port_error(port, fmt::format("{}: output {}", info_.full_name(), v.error().message));
        outputs.set(port.name, std::move(v).value());
      }
      return {};
    } catch (py::error_already_set& e) {
      if (!e.matches(PyExc_Exception)) {  // KeyboardInterrupt, SystemExit: stop, and re-raise later
        keep_interrupt(e);
        return Error::internal(fmt::format("{}: interrupted", info_.full_name()));
      }
      return Error::internal(fmt::format("{}: Python raised {}", info_.full_name(), e.what()));
    } catch (const std::exception& e) {
      return Error::internal(fmt::format("{}: {}", info_.full_name(), e.what()));
    }
  }

 private:
  static Error port_error(const PortInfo& port, std::string message) {
    Error e = Error::plugin(std::move(message));
    e.field = port.name.str();
    return e;
  }
  // A key the contract does not declare is a mistake (a misspelled output
  // would otherwise be filled from the base variant without a word).
  Status check_output_names(const py::dict& out) const {
    std::vector<std::string> declared;
    for (const PortInfo& p : info_.outputs()) declared.push_back(p.name.str());
    for (auto [key, value] : out) {
      const std::string name = py::str(key).cast<std::string>();
      if (info_.find_output(name) != nullptr) continue;
      Error e = Error::plugin(fmt::format("{}: the Python function returned output '{}', which "
                                          "contract '{}' does not declare{}",
                                          info_.full_name(), name, info_.contract_name(),
                                          did_you_mean(name, declared)));
      e.field = name;
      return e;
    }
    return {};
  }

  SolverInfo info_;
  py::object fn_;
  const Catalog& catalog_;
  const SolverHandle* base_;  // fills the outputs the function leaves out; may be null
};

PortInfo port_from(const std::string& name, const std::string& kind, const std::string& doc) {
  PortInfo p;
  p.name = Name(name);
  p.doc = doc;
  static const std::pair<const char*, ValueKind> kKinds[] = {
      {"float", ValueKind::kNumber}, {"int", ValueKind::kInteger}, {"bool", ValueKind::kBoolean},
      {"str", ValueKind::kString},   {"hardware", ValueKind::kHardware}, {"model", ValueKind::kModel}};
  for (const auto& [word, k] : kKinds)
    if (kind == word) {
      p.kind = k;
      return p;
    }
  if (const SpecKind* spec = find_spec_kind(kind)) {
    p.kind = ValueKind::kSpec;
    p.spec_kind = spec;
    return p;
  }
  Result<Unit> unit = parse_unit(kind, name);
  if (!unit.ok())
    throw py::value_error(fmt::format("port '{}': '{}' is not a kind (float, int, bool, str, hardware, "
                                      "model, fleet, node, fabric, grid, datacenter) or a unit: {}", name, kind, unit.error().message));
  p.kind = ValueKind::kQuantity;
  p.dimension = unit->dimension;
  return p;
}

// A contract declared in Python: its ports from `ports`.
ContractInfo new_contract_info(const Registry& registry, const py::object& ports) {
  if (ports.is_none() || !py::isinstance<py::dict>(ports))
    throw py::value_error("a new contract needs ports: {'inputs': {...}, 'outputs': {...}}");
  ContractInfo info;
  const py::dict d = ports.cast<py::dict>();
  for (auto [name, spec] : d.contains("inputs") ? d["inputs"].cast<py::dict>() : py::dict()) {
    const py::tuple t = py::isinstance<py::tuple>(spec) ? spec.cast<py::tuple>() : py::make_tuple(spec);
    PortInfo p = port_from(py::str(name), py::str(t[0]), t.size() > 2 ? py::str(t[2]).cast<std::string>() : "");
    if (t.size() > 1 && !t[1].is_none()) {
      Result<Value> v = decode_value(to_json(t[1], p.name.view()), p, registry);
      if (!v.ok()) raise(v.error());
      p.default_value = std::move(v).value();
    } else {
      p.required = true;
    }
    info.inputs.push_back(std::move(p));
  }
  for (auto [name, spec] : d.contains("outputs") ? d["outputs"].cast<py::dict>() : py::dict()) {
    const py::tuple t = py::isinstance<py::tuple>(spec) ? spec.cast<py::tuple>() : py::make_tuple(spec);
    info.outputs.push_back(port_from(py::str(name), py::str(t[0]), t.size() > 1 ? py::str(t[1]).cast<std::string>() : ""));
  }
  if (info.outputs.empty()) throw py::value_error("a new contract needs at least one output");
  info.version = "1";
  return info;
}

}  // namespace

std::shared_ptr<const Solver> make_python_solver(const Registry& registry, const std::string& contract,
                                                 const std::string& variant, py::object fn,
                                                 const py::object& ports, const std::string& doc,
                                                 const std::string& base) {
  const SolverHandle* base_handle = nullptr;
  if (!base.empty()) {
    base_handle = registry.find_solver(base);
    if (base_handle == nullptr) raise(registry.unknown_solver(base));
    if (base_handle->info().contract_name() != contract)
      raise(Error::bad_input("base", fmt::format("base '{}' is not a variant of '{}'", base, contract)));
  }
  // The contract's one description, shared with its other variants; a new
  // contract's from `ports`.
  std::shared_ptr<const ContractInfo> shared;
  auto known = registry.contracts().find(contract);
  if (const Contract* kernel = find_known_contract(contract)) {
    shared = kernel->shared_info();
  } else if (known != registry.contracts().end()) {
    shared = known->second.variants.front()->info().shared_contract();
  } else {
    ContractInfo declared = new_contract_info(registry, ports);
    declared.name = contract;
    declared.summary = doc;
    shared = std::make_shared<const ContractInfo>(std::move(declared));
  }
  SolverInfo info(std::move(shared));
  info.variant = variant;
  info.version = "python";
  info.doc = doc;
  return std::make_shared<PythonSolver>(std::move(info), std::move(fn), registry, base_handle);
}

}  // namespace mlsysim::python
