// `mlsysim simulate SCENARIO [--persona P] [--region R] [--days D]`:
// MLSys·im's ResourceSimulation — the scenario at the persona's scale —
// as its system ledger: performance, sustainability, economics and
// reliability (registry/scenarios/ledger.hpp). `-o json` is one object,
// `-o csv` one row per figure.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/ledger.hpp"

namespace mlsysim::cli {
namespace {

struct SimulateArgs {
  std::string scenario;
  std::string persona = "cloud";
  LedgerChoice choice;
};

template <class S>
Result<std::shared_ptr<const S>> find(const Registry& registry, const SpecKind& kind, const std::string& id) {
  Result<SpecRef> spec = registry.spec(kind, id);
  if (!spec.ok()) return spec.error();
  return std::static_pointer_cast<const S>(*spec);
}

void print_ledger(Environment& env, const SystemLedger& l) {
  const std::pair<const char*, const Record*> sections[] = {{"performance", &l.performance},
                                                            {"sustainability", &l.sustainability},
                                                            {"economics", &l.economics},
                                                            {"reliability", &l.reliability}};
  if (env.json()) {
    Json doc = {{"mission", l.mission}, {"track", l.track}, {"choice_summary", l.choice_summary}};
    for (const auto& [name, record] : sections) doc[name] = to_json(*record);
    doc["summary"] = to_json(l.summary());
    doc["warnings"] = l.warnings;
    fmt::print("{}\n", doc.dump(2));
    return;
  }
  note(fmt::format("{} x {} ({})\n", l.mission, l.track, l.choice_summary));
  Table t({"section", "figure", "value"});
  for (const auto& [name, record] : sections) {
    bool first = true;
    for (const Record::Field& f : *record) {
      t.add({first || Table::machine_readable() ? name : "", f.name.str(), f.value});
      first = false;
    }
  }
  fmt::print("{}", t.render());
}

int simulate_scenario(Environment& env, const SimulateArgs& args) {
  const Registry& registry = env.registry();
  auto scenario = find<ScenarioSpec>(registry, scenario_kind(), args.scenario);
  if (!scenario.ok()) return env.fail(scenario.error());
  auto persona = find<PersonaSpec>(registry, persona_kind(), args.persona);
  if (!persona.ok()) return env.fail(persona.error());
  Result<SystemLedger> ledger = simulate(registry, **scenario, **persona, args.choice);
  if (!ledger.ok()) return env.fail(ledger.error());
  for (const std::string& w : ledger->warnings) env.warn(w);
  print_ledger(env, *ledger);
  return kOk;
}

}  // namespace

void add_simulate_command(CLI::App& app, Environment& env, int& exit_code) {
  auto args = std::make_shared<SimulateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "simulate", "MLSys·im's ResourceSimulation: a scenario at a persona's scale as a system ledger (performance, "
                  "sustainability, economics, reliability)");
  cmd->add_option("scenario", args->scenario, "Scenario id (`mlsysim zoo scenarios`)")->required();
  cmd->add_option("--persona", args->persona, "cloud, edge, mobile, tiny or a persona id (default cloud)");
  cmd->add_option("--region", args->choice.region, "Grid id (default US_Avg; an unknown one is US_Avg, as in 0.1.0)");
  cmd->add_option("--days", args->choice.duration_days, "Duration in days (default 365)")->check(CLI::NonNegativeNumber);
  cmd->callback([args, &env, &exit_code] { exit_code = simulate_scenario(env, *args); });
}

}  // namespace mlsysim::cli
