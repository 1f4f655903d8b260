// `mlsysim eval SCENARIO`, `mlsysim eval PLAN.yaml` and `mlsysim eval MODEL
// HARDWARE`: MLSys·im's three-level scorecard (feasibility, performance,
// macro) of a named scenario, of a plan file's system (then its
// assertions), or of a model on a device (or a fleet: --fleet, --nodes,
// --duration-days), from registry/scenarios. Exit 2 when feasibility fails,
// 3 when performance or an assertion does; `-o json` prints the flat form.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/contracts/roofline.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/plan.hpp"
#include "mlsysim/registry/scorecard.hpp"
#include "solve_printer.hpp"

namespace mlsysim::cli {
namespace {

struct EvalArgs {
  std::string target, hardware;
  std::string fleet;
  std::int64_t nodes = 1;
  std::optional<double> duration_days;
  EvaluationOptions options;
  bool validate = false;
};

Result<Value> decode_port(const Registry& registry, std::string_view port, const std::string& text) {
  return decode_text(text, *contract<contracts::Roofline>().info().find_input(port), registry);
}

int print_scorecard(Environment& env, const Scorecard& card, const std::string& heading) {
  for (const std::string& w : card.warnings) env.warn(w);
  for (const std::string& n : card.notes) env.note(n);
  if (env.json()) {
    fmt::print("{}\n", to_json(card.figures).dump(2));
  } else {
    note(heading + "\n");
    Table t({"level", "verdict", "detail"});
    int n = 0;
    for (const ScorecardLevel& l : card.levels)
      t.add({fmt::format("{} {}", ++n, l.name), std::string(to_string(l.verdict)), l.summary});
    fmt::print("{}", t.render());
  }
  if (card.levels[0].verdict == Verdict::kFail) return kInfeasible;
  if (card.levels[1].verdict == Verdict::kFail) return kConstraintViolated;
  return kOk;
}

int eval_scenario(Environment& env, const EvalArgs& args) {
  const Registry& registry = env.registry();
  Result<SpecRef> spec = registry.spec(scenario_kind(), args.target);
  if (!spec.ok()) {
    Error e = spec.error();
    e.message += "; or give MODEL HARDWARE, or a plan file (.yaml)";
    return env.fail(e);
  }
  const auto& scenario = static_cast<const ScenarioSpec&>(**spec);
  if (args.validate) {
    Result<double> used = validate_scenario(registry, scenario, args.options);
    if (!used.ok()) {
      env.fail(used.error());
      return used.error().field == "sla_latency" ? kConstraintViolated : kInfeasible;
    }
    fmt::print("{}: Validated (memory utilisation {:.4g})\n", scenario.name, *used);
    return kOk;
  }
  Result<Scorecard> card = evaluate_scenario(registry, scenario, args.options);
  if (!card.ok()) return env.fail(card.error());
  const std::string system = scenario.fleet ? scenario.fleet->id : scenario.hardware->id;
  return print_scorecard(env, *card, fmt::format("{} (scenario {}: {} on {}, batch {}, {}, efficiency {:g})",
                                                 scenario.name, scenario.id, scenario.workload->id, system,
                                                 args.options.batch_size, args.options.precision,
                                                 args.options.efficiency));
}

// A plan file: SystemEvaluator.evaluate on its system, then its assertions (exit 3 on any failing).
int eval_plan(Environment& env, const EvalArgs& args) {
  Result<Plan> plan = read_plan(args.target, env.registry());
  if (!plan.ok()) return env.fail(plan.error());
  Result<Scorecard> card = evaluate_system(env.registry(), plan->system(), plan->options);
  if (!card.ok()) return env.fail(card.error());
  Result<std::vector<std::string>> failed = failed_assertions(*plan, *card);
  if (!failed.ok()) return env.fail(failed.error());
  int code = print_scorecard(env, *card, fmt::format("{} (plan {}: batch {}, {}, efficiency {:g})", card->subject,
                                                     plan->name, plan->options.batch_size, plan->options.precision,
                                                     plan->options.efficiency));
  for (const std::string& f : *failed) fmt::print(stderr, "mlsysim: constraint violated: {}\n", f);
  if (!failed->empty() && code == kOk) code = kConstraintViolated;
  return code;
}

int eval_system(Environment& env, const EvalArgs& args) {
  const Registry& registry = env.registry();
  SystemUnderTest system;
  Result<Value> model = decode_port(registry, "model", args.target);
  if (!model.ok()) return env.fail(model.error());
  Result<Value> hardware = decode_port(registry, "hardware", args.hardware);
  if (!hardware.ok()) return env.fail(hardware.error());
  system.model = *model->if_model();
  system.hardware = *hardware->if_hardware();
  if (!args.fleet.empty()) {
    Result<SpecRef> fleet = registry.spec(fleet_kind(), args.fleet);
    if (!fleet.ok()) return env.fail(fleet.error());
    system.fleet = std::static_pointer_cast<const FleetSpec>(*fleet);
  }
  system.nodes = args.nodes;
  system.duration_days = args.duration_days;
  // 0.1.0's CLI warns in text mode above 0.60, more than tuned kernels usually sustain.
  if (!env.json() && args.options.efficiency > 0.6)
    env.warn(fmt::format("efficiency {:g} is above 0.60: few workloads sustain that fraction of peak",
                         args.options.efficiency));
  Result<Scorecard> card = evaluate_system(registry, system, args.options);
  if (!card.ok()) return env.fail(card.error());
  return print_scorecard(env, *card, fmt::format("{} (batch {}, {}, efficiency {:g})", card->subject,
                                                 args.options.batch_size, args.options.precision,
                                                 args.options.efficiency));
}

}  // namespace

void add_eval_command(CLI::App& app, Environment& env, int& exit_code) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* eval = app.add_subcommand(
      "eval", "MLSys·im's three-level scorecard (feasibility, performance, macro) of a scenario, or of MODEL on "
              "HARDWARE");
  eval->add_option("target", args->target, "A scenario id (`mlsysim zoo scenarios`), a plan file (.yaml), or a model id")
      ->required();
  eval->add_option("hardware", args->hardware, "With a model: the device, e.g. H100");
  eval->add_option("-b,--batch-size", args->options.batch_size, "Samples per step (default 1)")
      ->check(CLI::PositiveNumber);
  eval->add_option("-p,--precision", args->options.precision, "Numeric precision (default fp16)");
  eval->add_option("-e,--efficiency", args->options.efficiency, "Achieved fraction of peak FLOP/s (default 0.5)")
      ->check(CLI::Range(1e-9, 1.0));
  eval->add_option("--fleet", args->fleet, "With MODEL HARDWARE: a fleet to distribute over (0.1.0's plan `nodes`)");
  eval->add_option("--nodes", args->nodes, "With --fleet: accelerators, passed on as the TP degree as 0.1.0 does")
      ->check(CLI::PositiveNumber);
  eval->add_option("--duration-days", args->duration_days, "With --fleet: price this many days (macro level)");
  eval->add_flag("--validate", args->validate,
                 "Scenario only: 0.1.0's validate_scenario (exit 2: weights + 512-token KV do not fit; 3: SLA missed)");
  eval->callback([args, &env, &exit_code] {
    // The precision as `solve` reads it: any case, with a hint for a near miss.
    Record precision;
    const SolverHandle* roofline = env.registry().find_solver("roofline");
    if (roofline == nullptr) {
      exit_code = env.fail(env.registry().unknown_solver("roofline"));
      return;
    }
    if (Status s = set_input(env.registry(), roofline->info(), "precision", args->options.precision, precision);
        !s.ok()) {
      exit_code = env.fail(s.error());
      return;
    }
    args->options.precision = *precision.begin()->value.if_string();
    if (!args->hardware.empty()) exit_code = eval_system(env, *args);
    else exit_code = is_plan_path(args->target) ? eval_plan(env, *args) : eval_scenario(env, *args);
  });
}

}  // namespace mlsysim::cli
