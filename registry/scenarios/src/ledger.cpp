#include "mlsysim/registry/ledger.hpp"

#include <fmt/format.h>

#include "system_runs.hpp"

namespace mlsysim {
namespace {

using scenarios::number;
using scenarios::run;

constexpr double kRecoverySeconds = 15 * 60;  // 0.1.0 fixes the recovery time at 15 minutes
constexpr double kHoursPerDay = 24, kSecondsPerDay = 86400;

std::shared_ptr<const GridSpec> region_grid(const Registry& registry, const std::string& region,
                                            std::vector<std::string>& warnings) {
  Result<SpecRef> grid = registry.spec(grid_kind(), region);
  if (!grid.ok()) {
    warnings.push_back(fmt::format("region '{}' is not a grid; using US_Avg, as 0.1.0 does", region));
    grid = registry.spec(grid_kind(), "US_Avg");
  }
  return grid.ok() ? std::static_pointer_cast<const GridSpec>(*grid) : nullptr;
}

Result<std::shared_ptr<const FleetSpec>> deployed_fleet(const Registry& registry, const ScenarioSpec& s,
                                                        const PersonaSpec& p) {
  if (s.fleet) return s.fleet;
  return scenarios::one_accelerator_fleet(registry, s.hardware, p.scale_factor);
}

Status check(const SystemLedger& l) {
  const double mfu = number(l.performance, "mfu"), latency = number(l.performance, "latency");
  if (!(mfu >= 0 && mfu <= 1))
    return Error::infeasible("mfu", fmt::format("ledger: mfu {} is outside [0, 1]", mfu));
  if (!(latency >= 0)) return Error::infeasible("latency", fmt::format("ledger: latency {} s is negative", latency));
  if (!(number(l.sustainability, "carbon_kg") >= 0))
    return Error::infeasible("carbon_kg", "ledger: carbon is negative");
  return {};
}

}  // namespace

Record SystemLedger::summary() const {
  return {{"latency_ms", *performance.find("latency")},
          {"throughput_sps", *performance.find("throughput")},
          {"mfu_pct", Value(number(performance, "mfu") * 100)},
          {"carbon_kg", *sustainability.find("carbon_kg")},
          {"tco_usd", *economics.find("tco_usd")},
          {"goodput_pct", Value(number(reliability, "goodput") * 100)}};
}

Result<SystemLedger> simulate(const Registry& registry, const ScenarioSpec& s, const PersonaSpec& p,
                              const LedgerChoice& choice) {
  SystemLedger l;
  l.mission = s.name;
  l.track = p.name;
  Session session(registry);
  std::shared_ptr<const GridSpec> grid = region_grid(registry, choice.region, l.warnings);
  if (!grid) return Error::unknown_name("region", "no grid US_Avg in the zoo");
  Result<std::shared_ptr<const FleetSpec>> fleet = deployed_fleet(registry, s, p);
  if (!fleet.ok()) return fleet.error();
  l.choice_summary = fmt::format("Region: {}, Duration: {:.1f} days", grid->name, choice.duration_days);

  const HardwareRef chip = (*fleet)->node->accelerator;
  Result<Record> step = run(registry, session, "roofline", {{"model", Value(s.workload)}, {"hardware", Value(chip)}});
  if (!step.ok()) return step.error();
  const double devices = static_cast<double>((*fleet)->total_accelerators());
  l.performance = {{"latency", *step->find("latency")},
                   {"throughput", Value(Frequency::from_value(number(*step, "throughput") * devices))},
                   {"mfu", *step->find("mfu")}, {"hfu", *step->find("hfu")}, {"bottleneck", *step->find("bottleneck")}};

  Result<Record> cost = run(registry, session, "economics",
                            {{"fleet", Value(SpecRef(*fleet))}, {"duration_days", Value(choice.duration_days)},
                             {"grid", Value(SpecRef(grid))}});
  if (!cost.ok()) return cost.error();
  l.sustainability = {{"energy", *cost->find("total_energy_kwh")}, {"carbon_kg", *cost->find("carbon_footprint_kg")},
                      {"pue", *cost->find("pue")}, {"water_liters", *cost->find("water_usage_liters")}};
  const double samples = number(l.performance, "throughput") * choice.duration_days * kSecondsPerDay;
  l.economics = {{"capex_usd", *cost->find("capex_usd")}, {"opex_usd", *cost->find("total_opex_usd")},
                 {"tco_usd", *cost->find("tco_usd")},
                 {"cost_per_million_samples_usd", Value(number(*cost, "total_opex_usd") / samples * 1e6)}};

  Result<Record> faults = run(registry, session, "reliability",
                              {{"fleet", Value(SpecRef(*fleet))},
                               {"job_duration_hours", Value(choice.duration_days * kHoursPerDay)}});
  if (!faults.ok()) return faults.error();
  l.reliability = {{"fleet_mtbf", *faults->find("fleet_mtbf")},
                   {"goodput", Value(1 - number(*faults, "failure_probability"))},
                   {"recovery_time", Value(Seconds::from_value(kRecoverySeconds))}};
  if (Status st = check(l); !st.ok()) return st.error();
  for (std::string& w : session.take_warnings()) l.warnings.push_back(std::move(w));
  return l;
}

}  // namespace mlsysim
