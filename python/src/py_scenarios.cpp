#include "py_scenarios.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/registry/describe.hpp"
#include "mlsysim/registry/scorecard.hpp"
#include "py_convert.hpp"
#include "py_registry.hpp"

namespace mlsysim::python {
namespace {

py::dict as_dict(const Scorecard& card) {
  py::list levels;
  for (const ScorecardLevel& l : card.levels) {
    py::dict level;
    level["name"] = l.name;
    level["verdict"] = std::string(to_string(l.verdict));
    level["summary"] = l.summary;
    levels.append(level);
  }
  py::dict out;
  out["subject"] = card.subject;
  out["levels"] = levels;
  out["figures"] = to_python(card.figures);
  out["passed_all"] = card.passed_all();
  out["warnings"] = card.warnings;
  return out;
}

// Model and hardware as the roofline contract decodes them (ids, aliases or spec dicts).
SystemUnderTest system_of(const py::object& model, const py::object& hardware) {
  const SolverHandle* roofline = registry().find_solver("roofline");
  if (roofline == nullptr) raise(registry().unknown_solver("roofline"));
  Json given = {{"model", to_json(model, "target")}, {"hardware", to_json(hardware, "hardware")}};
  Result<Record> decoded = decode_inputs(given, roofline->info(), registry());
  if (!decoded.ok()) raise(decoded.error());
  SystemUnderTest s;
  s.model = *decoded->find("model")->if_model();
  s.hardware = *decoded->find("hardware")->if_hardware();
  return s;
}

}  // namespace

py::dict evaluate(const py::object& target, const py::object& hardware, std::int64_t batch_size,
                  const std::string& precision, double efficiency, const py::object& fleet, std::int64_t nodes,
                  std::optional<double> duration_days) {
  RegistryInUse in_use;
  const EvaluationOptions options{batch_size, precision, efficiency};
  if (batch_size < 1) raise(Error::bad_input("batch_size", fmt::format("batch_size must be >= 1, got {}", batch_size)));
  if (!(efficiency >= 1e-9 && efficiency <= 1))
    raise(Error::bad_input("efficiency", fmt::format("efficiency must be in [1e-09, 1], got {}", efficiency)));
  if (hardware.is_none()) {
    Result<SpecRef> scenario = registry().spec(scenario_kind(), py::cast<std::string>(target));
    if (!scenario.ok()) raise(scenario.error());
    Result<Scorecard> card = evaluate_scenario(registry(), static_cast<const ScenarioSpec&>(**scenario), options);
    if (!card.ok()) raise(card.error());
    return as_dict(*card);
  }
  SystemUnderTest system = system_of(target, hardware);
  if (!fleet.is_none()) {
    Result<SpecRef> f = registry().spec(fleet_kind(), py::cast<std::string>(fleet));
    if (!f.ok()) raise(f.error());
    system.fleet = std::static_pointer_cast<const FleetSpec>(*f);
  }
  system.nodes = nodes;
  system.duration_days = duration_days;
  Result<Scorecard> card = evaluate_system(registry(), system, options);
  if (!card.ok()) raise(card.error());
  return as_dict(*card);
}

py::list walls() {
  RegistryInUse in_use;
  return py::module_::import("json").attr("loads")(walls_json(registry()).dump());
}

}  // namespace mlsysim::python
