#include "py_scenarios.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mlsysim/registry/describe.hpp"
#include "mlsysim/registry/ledger.hpp"
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

// A zoo entry of `kind` by id or alias, or one written inline (a dict in the zoo file's form).
template <class S>
std::shared_ptr<const S> find(const SpecKind& kind, const py::object& id_or_spec) {
  Result<SpecRef> spec = py::isinstance<py::dict>(id_or_spec)
                             ? kind.from_json(to_json(id_or_spec, kind.name()), registry())
                             : registry().spec(kind, py::cast<std::string>(id_or_spec));
  if (!spec.ok()) raise(spec.error());
  return std::static_pointer_cast<const S>(*spec);
}

EvaluationOptions checked_options(std::int64_t batch_size, const std::string& precision, double efficiency) {
  if (batch_size < 1) raise(Error::bad_input("batch_size", fmt::format("batch_size must be >= 1, got {}", batch_size)));
  if (!(efficiency >= 1e-9 && efficiency <= 1))
    raise(Error::bad_input("efficiency", fmt::format("efficiency must be in [1e-09, 1], got {}", efficiency)));
  return EvaluationOptions{batch_size, precision, efficiency};
}

}  // namespace

py::dict evaluate(const py::object& target, const py::object& hardware, std::int64_t batch_size,
                  const std::string& precision, double efficiency, const py::object& fleet, std::int64_t nodes,
                  std::optional<double> duration_days) {
  RegistryInUse in_use;
  const EvaluationOptions options = checked_options(batch_size, precision, efficiency);
  if (hardware.is_none()) {
    auto scenario = find<ScenarioSpec>(scenario_kind(), target);
    Result<Scorecard> card = evaluate_scenario(registry(), *scenario, options);
    if (!card.ok()) raise(card.error());
    return as_dict(*card);
  }
  SystemUnderTest system = system_of(target, hardware);
  if (!fleet.is_none()) system.fleet = find<FleetSpec>(fleet_kind(), fleet);
  system.nodes = nodes;
  system.duration_days = duration_days;
  Result<Scorecard> card = evaluate_system(registry(), system, options);
  if (!card.ok()) raise(card.error());
  return as_dict(*card);
}

double validate(const py::object& scenario, std::int64_t batch_size, const std::string& precision,
                double efficiency) {
  RegistryInUse in_use;
  Result<double> utilisation = validate_scenario(registry(), *find<ScenarioSpec>(scenario_kind(), scenario),
                                                 checked_options(batch_size, precision, efficiency));
  if (!utilisation.ok()) raise(utilisation.error());
  return *utilisation;
}

py::dict simulate(const py::object& scenario, const py::object& persona, const std::string& region,
                  double duration_days) {
  RegistryInUse in_use;
  Result<SystemLedger> ledger = mlsysim::simulate(registry(), *find<ScenarioSpec>(scenario_kind(), scenario),
                                                  *find<PersonaSpec>(persona_kind(), persona),
                                                  LedgerChoice{region, duration_days});
  if (!ledger.ok()) raise(ledger.error());
  py::dict out;
  out["mission"] = ledger->mission;
  out["track"] = ledger->track;
  out["choice_summary"] = ledger->choice_summary;
  out["performance"] = to_python(ledger->performance);
  out["sustainability"] = to_python(ledger->sustainability);
  out["economics"] = to_python(ledger->economics);
  out["reliability"] = to_python(ledger->reliability);
  out["summary"] = to_python(ledger->summary());
  out["warnings"] = ledger->warnings;
  return out;
}

py::list walls() {
  RegistryInUse in_use;
  return py::module_::import("json").attr("loads")(walls_json(registry()).dump());
}

}  // namespace mlsysim::python
