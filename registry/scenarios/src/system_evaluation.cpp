// SystemEvaluator.evaluate (python-and-cli.md §5.3): the scorecard of a model
// on a device, or on a fleet with `nodes` as the tensor-parallel degree.
#include <fmt/format.h>

#include "mlsysim/registry/scorecard.hpp"
#include "system_runs.hpp"

namespace mlsysim {
namespace {

using scenarios::number;
using scenarios::run;

Record common_inputs(const SystemUnderTest& s, const EvaluationOptions& o) {
  return {{"model", Value(s.model)}, {"batch_size", Value(o.batch_size)}, {"precision", Value(o.precision)},
          {"efficiency", Value(o.efficiency)}};
}

Status on_device(const Registry& registry, Session& session, const SystemUnderTest& s, const EvaluationOptions& o,
                 Scorecard& card) {
  Record inputs = common_inputs(s, o);
  inputs.set(Name("hardware"), Value(s.hardware));
  Result<Record> out = run(registry, session, "roofline", inputs);
  if (!out.ok()) return out.error();
  const bool fits = out->find("feasible")->if_boolean() && *out->find("feasible")->if_boolean();
  const double used = number(*out, "memory_footprint"), capacity = s.hardware->memory_capacity.value();
  card.levels[0] = {"Feasibility", fits ? Verdict::kPass : Verdict::kFail,
                    fmt::format("{:.1f} GB / {:.1f} GB used", used / 1e9, capacity / 1e9)};
  card.levels[1] = {"Performance", Verdict::kPass,
                    fmt::format("{} Bound", out->find("bottleneck")->if_string() ? *out->find("bottleneck")->if_string()
                                                                                 : std::string("?"))};
  card.figures.set(Name("f_memory_used_gb"), *out->find("memory_footprint"));
  card.figures.set(Name("p_latency"), *out->find("latency"));
  card.figures.set(Name("p_throughput"), *out->find("throughput"));
  card.figures.set(Name("p_mfu"), *out->find("mfu"));
  return {};
}

Status on_fleet(const Registry& registry, Session& session, const SystemUnderTest& s, const EvaluationOptions& o,
                Scorecard& card) {
  Record inputs = common_inputs(s, o);
  inputs.set(Name("fleet"), Value(SpecRef(s.fleet)));
  inputs.set(Name("tp_size"), Value(s.nodes));  // 0.1.0 passes the node count as the TP degree
  Result<Record> out = run(registry, session, "distributed", inputs);
  if (!out.ok()) return out.error();
  const Value* fits = out->find("node_profile.feasible");
  const bool feasible = fits && fits->if_boolean() && *fits->if_boolean();
  // 0.1.0 passes a fleet without checking memory; say so when a node's step does not fit.
  card.levels[0] = {"Feasibility", Verdict::kPass,
                    feasible ? "Distributed Model Check Passed"
                             : "Distributed Model Check Passed (0.1.0 checks no memory here; a node's step does not fit)"};
  card.levels[1] = {"Performance", Verdict::kPass,
                    fmt::format("Scaling Efficiency: {:.1f}%", 100 * number(*out, "scaling_efficiency"))};
  card.figures.set(Name("p_step_latency"), *out->find("step_latency_total"));
  card.figures.set(Name("p_comm_overhead"), *out->find("communication_latency"));
  card.figures.set(Name("p_fleet_throughput"), *out->find("effective_throughput"));
  return {};
}

Status operations(const Registry& registry, Session& session, const SystemUnderTest& s, Scorecard& card) {
  if (!s.fleet || !s.duration_days) {
    card.levels[2] = {"Macro/Economics", Verdict::kSkipped, "No Ops config provided"};
    return {};
  }
  Result<Record> cost = run(registry, session, "economics",
                            {{"fleet", Value(SpecRef(s.fleet))}, {"duration_days", Value(*s.duration_days)}});
  if (!cost.ok()) return cost.error();
  card.levels[2] = {"Macro/Economics", Verdict::kPass, "TCO: " + scenarios::dollars(number(*cost, "tco_usd"))};
  card.figures.set(Name("m_carbon_footprint"), Value(number(*cost, "carbon_footprint_kg") / 1000));
  card.figures.set(Name("m_energy_cost"), Value(number(*cost, "opex_energy_usd")));
  card.figures.set(Name("m_capex"), Value(number(*cost, "capex_usd")));
  return {};
}

}  // namespace

Result<Scorecard> evaluate_system(const Registry& registry, const SystemUnderTest& system,
                                  const EvaluationOptions& options) {
  Scorecard card;
  card.subject = fmt::format("{} on {}", system.model->id,
                             system.fleet && system.nodes > 1 ? system.fleet->id : system.hardware->id);
  Session session(registry);
  const bool distributed = system.fleet && system.nodes > 1;
  Status st = distributed ? on_fleet(registry, session, system, options, card)
                          : on_device(registry, session, system, options, card);
  if (st.ok()) st = operations(registry, session, system, card);
  if (!st.ok()) return st.error();
  scenarios::flatten(card);
  card.warnings = session.take_warnings();
  card.notes = session.take_notes();
  return card;
}

}  // namespace mlsysim
