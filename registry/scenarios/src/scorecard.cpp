#include "mlsysim/registry/scorecard.hpp"

#include <cmath>

#include <fmt/format.h>

#include "mlsysim/registry/session.hpp"
#include "mlsysim/sdk/workload/kv_cache.hpp"
#include "mlsysim/sdk/workload/lowering.hpp"
#include "mlsysim/sdk/workload/precision.hpp"
#include "system_runs.hpp"

namespace mlsysim {
namespace {

using scenarios::number;
using scenarios::one_accelerator_fleet;
using scenarios::run;

constexpr double kMacroDays = 365;          // Scenario.evaluate prices a year
constexpr std::int64_t kValidationSeqLen = 512;  // validate_scenario's KV cache

// "0.5 MB / 8.0 MB": both sizes in GB from 1 GB of weights, else in MB (a
// 500 KB model is "0.5 MB"), as 0.1.0 prints them.
std::string sizes(double first, double second) {
  const auto [scale, unit] = first >= 1e9 ? std::pair(1e9, "GB") : std::pair(1e6, "MB");
  return fmt::format("{:.1f} {} / {:.1f} {}", first / scale, unit, second / scale, unit);
}

Verdict verdict(bool pass) { return pass ? Verdict::kPass : Verdict::kFail; }

// Level 1 of Scenario.evaluate: weights against one accelerator, then the data wall.
Status feasibility(const Registry& registry, Session& session, const ScenarioSpec& s, const EvaluationOptions& o,
                   Scorecard& card) {
  const HardwareSpec& chip = s.accelerator();
  const double weights = workload::weight_bytes(*s.workload, workload::bytes_per_element(o.precision)).value();
  const double capacity = chip.memory_capacity.value();
  ScorecardLevel& level = card.levels[0];
  level.verdict = verdict(weights <= capacity);
  level.summary = weights <= capacity ? fmt::format("Model fits in memory ({})", sizes(weights, capacity))
                                      : fmt::format("Model does not fit in memory ({})", sizes(weights, capacity));
  bool stalled = false;
  if (s.workload_data_rate) {
    const HardwareRef device = s.hardware ? s.hardware : s.fleet->node->accelerator;
    Result<Record> data =
        run(registry, session, "data", {{"workload_data_rate", Value(*s.workload_data_rate)}, {"hardware", Value(device)}});
    if (!data.ok()) return data.error();
    stalled = data->find("is_stalled")->if_boolean() && *data->find("is_stalled")->if_boolean();
    if (stalled) {
      level.verdict = Verdict::kFail;
      level.summary = fmt::format("Data Wall: Pipeline Stalled ({:.1f}x capacity)", number(*data, "utilization"));
    }
  }
  card.figures.set(Name("f_weight_size"), Value(Bytes::from_value(weights)));
  card.figures.set(Name("f_capacity"), Value(chip.memory_capacity));
  card.figures.set(Name("f_data_stalled"), Value(stalled));
  return {};
}

// Level 2: the step latency against the SLA (roofline on a device, distributed on a fleet).
Status performance(const Registry& registry, Session& session, const ScenarioSpec& s, const EvaluationOptions& o,
                   Scorecard& card) {
  Record inputs{{"model", Value(s.workload)}, {"batch_size", Value(o.batch_size)},
                {"precision", Value(o.precision)}, {"efficiency", Value(o.efficiency)}};
  const bool fleet = s.fleet != nullptr;
  if (fleet) inputs.set(Name("fleet"), Value(SpecRef(s.fleet)));
  else inputs.set(Name("hardware"), Value(s.hardware));
  Result<Record> out = run(registry, session, fleet ? "distributed" : "roofline", inputs);
  if (!out.ok()) return out.error();
  const double latency = number(*out, fleet ? "step_latency_total" : "latency");
  const double throughput = number(*out, fleet ? "effective_throughput" : "throughput");
  ScorecardLevel& level = card.levels[1];
  level.verdict = verdict(!s.sla_latency || latency <= s.sla_latency->value());
  level.summary = s.sla_latency ? fmt::format("Latency: {:.2f} ms (Target: {:g} ms)", latency * 1e3,
                                              s.sla_latency->value() * 1e3)
                                : fmt::format("Latency: {:.2f} ms (no target)", latency * 1e3);
  card.figures.set(Name("p_latency"), Value(Seconds::from_value(latency)));
  card.figures.set(Name("p_throughput"), Value(Frequency::from_value(throughput)));
  if (fleet) card.figures.set(Name("p_scaling_eff"), Value(number(*out, "scaling_efficiency")));
  else card.figures.set(Name("p_bottleneck"), *out->find("bottleneck"));
  card.figures.set(Name("p_sla_latency"), s.sla_latency ? Value(*s.sla_latency) : Value());
  return {};
}

// Level 3: a year of economics on the scenario's fleet (or a one-accelerator one).
Status macro(const Registry& registry, Session& session, const ScenarioSpec& s, Scorecard& card) {
  std::shared_ptr<const FleetSpec> fleet = s.fleet;
  if (!fleet) {
    Result<std::shared_ptr<const FleetSpec>> single = one_accelerator_fleet(registry, s.hardware);
    if (!single.ok()) return single.error();
    fleet = *single;
  }
  Result<Record> cost = run(registry, session, "economics",
                            {{"fleet", Value(SpecRef(fleet))}, {"duration_days", Value(kMacroDays)}});
  if (!cost.ok()) return cost.error();
  const double carbon = number(*cost, "carbon_footprint_kg"), tco = number(*cost, "tco_usd");
  card.levels[2] = {"Macro/Economics", Verdict::kPass,
                    fmt::format("Annual Carbon: {:.1f} kg | TCO: {}", carbon, scenarios::dollars(tco))};
  card.figures.set(Name("m_carbon_kg"), Value(carbon));
  card.figures.set(Name("m_tco_usd"), Value(tco));
  return {};
}

}  // namespace

std::string_view to_string(Verdict v) {
  return v == Verdict::kPass ? "PASS" : v == Verdict::kFail ? "FAIL" : "SKIPPED";
}

bool Scorecard::passed_all() const {
  for (const ScorecardLevel& l : levels)
    if (l.verdict == Verdict::kFail) return false;
  return true;
}

Result<Scorecard> evaluate_scenario(const Registry& registry, const ScenarioSpec& scenario,
                                    const EvaluationOptions& options) {
  Scorecard card;
  card.subject = scenario.name;
  card.levels = {ScorecardLevel{"Feasibility", Verdict::kSkipped, ""}, ScorecardLevel{"Performance", Verdict::kSkipped, ""},
                 ScorecardLevel{"Macro/Economics", Verdict::kSkipped, ""}};
  Session session(registry);
  if (Status s = feasibility(registry, session, scenario, options, card); !s.ok()) return s.error();
  if (Status s = performance(registry, session, scenario, options, card); !s.ok()) return s.error();
  if (Status s = macro(registry, session, scenario, card); !s.ok()) return s.error();
  scenarios::flatten(card);
  card.warnings = session.take_warnings();
  card.notes = session.take_notes();
  return card;
}

Result<double> validate_scenario(const Registry& registry, const ScenarioSpec& s, const EvaluationOptions& o) {
  const double bpp = workload::bytes_per_element(o.precision);
  double needed = workload::weight_bytes(*s.workload, bpp).value();
  if (s.workload->family == ModelFamily::kTransformer)
    needed += workload::kv_cache_bytes(*s.workload, kValidationSeqLen, 1, bpp).value();
  const HardwareSpec& chip = s.accelerator();
  const double capacity = chip.memory_capacity.value();
  if (needed > capacity)
    return Error::infeasible("workload", fmt::format("{} needs {} GB (weights + KV cache of {} tokens) but {} has {} GB",
                                                     s.workload->name, needed / 1e9, kValidationSeqLen, chip.name,
                                                     capacity / 1e9));
  Scorecard card;
  Session session(registry);
  if (Status st = performance(registry, session, s, o, card); !st.ok()) return st.error();
  const double latency = card.figures.find("p_latency")->if_quantity()->value;
  if (s.sla_latency && latency > s.sla_latency->value())
    return Error::infeasible("sla_latency", fmt::format("latency {:.4g} ms exceeds the SLA of {:g} ms", latency * 1e3,
                                                        s.sla_latency->value() * 1e3));
  return needed / capacity;
}

}  // namespace mlsysim
