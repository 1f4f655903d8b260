// `mlsysim optimize parallelism --model M --fleet F --batch-size B [...]`,
// `mlsysim optimize placement --fleet F --duration-days D [...]` and
// `mlsysim optimize batching --model M --hardware H --seq-len S ...`:
// MLSys·im's optimizers (Parallelism, Placement, BatchingOptimizer) as
// reports: the best configuration, then the ranked candidates. Options are
// the contract's inputs, derived from its ports; a plan file (MLSys·im's
// `optimize X PLAN.yaml`) gives them instead, options overriding it, and
// 0.1.0's `--sla-ms`, `--qps` and `--carbon-tax` are accepted. `-o json`
// prints the same payload as `solve <contract>`.
#include <functional>

#include <fmt/format.h>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/contracts/batching.hpp"
#include "mlsysim/contracts/parallelism.hpp"
#include "mlsysim/contracts/placement.hpp"
#include "mlsysim/registry/plan.hpp"
#include "port_options.hpp"
#include "solve_printer.hpp"

namespace mlsysim::cli {
namespace {

struct OptimizeArgs {
  std::string plan;
  std::string solver = "parallelism";
  PortOptions ports;
  ResultChecks checks;
};

const Value& field(const Record& r, std::string_view name) {
  static const Value null;
  const Value* v = r.find(name);
  return v ? *v : null;
}

void print_parallelism(const SolverHandle& solver, const Record& inputs, const Record& out) {
  const auto& c = contract<contracts::Parallelism>();
  auto given = [&](const auto& port) {
    const Value* v = inputs.find(port.name());
    return v ? human(*v) : std::string("-");
  };
  note(fmt::format("{} on {}, global batch {} ({}): {} splits searched\n", given(c.in.model), given(c.in.fleet),
                   given(c.in.batch_size), solver.full_name(), human(field(out, c.out.total_searched.name().view()))));
  Table best({"best split", "tp", "pp", "dp", "mfu", "throughput", "step time"});
  best.add({"", field(out, c.out.best_tp.name().view()), field(out, c.out.best_pp.name().view()),
            field(out, c.out.best_dp.name().view()), field(out, c.out.best_mfu.name().view()),
            field(out, c.out.best_throughput.name().view()), field(out, c.out.best_step_time.name().view())});
  fmt::print("{}\n", best.render());
  Table top({"rank", "tp", "pp", "dp", "mfu", "throughput", "step time"});
  if (const RecordList* list = field(out, c.out.top_candidates.name().view()).if_records()) {
    int rank = 0;
    for (const Record& r : *list)
      top.add({Value(std::int64_t{++rank}), field(r, "config.tp"), field(r, "config.pp"), field(r, "config.dp"),
               field(r, "mfu"), field(r, "throughput"), field(r, "step_time")});
  }
  fmt::print("{}", top.render());
}

void print_placement(const SolverHandle& solver, const Record& inputs, const Record& out) {
  const auto& c = contract<contracts::Placement>();
  auto given = [&](const auto& port) {  // as given, else the variant's default
    const Value* v = inputs.find(port.name());
    const PortInfo* info = solver.info().find_input(port.name().view());
    return v ? human(*v) : info ? human(info->default_value) : std::string("-");
  };
  note(fmt::format("{} for {} days, carbon at {} USD/t ({}): {} region(s) found\n", given(c.in.fleet),
                   given(c.in.duration_days), given(c.in.carbon_tax_per_ton), solver.full_name(),
                   human(field(out, c.out.total_searched.name().view()))));
  Table best({"best region", "objective (USD)", "tco (USD)", "carbon (t)", "pue"});
  best.add({field(out, c.out.best_region.name().view()), field(out, c.out.objective_value.name().view()),
            field(out, c.out.lowest_tco.name().view()), field(out, c.out.carbon_footprint.name().view()),
            field(out, c.out.pue.name().view())});
  fmt::print("{}\n", best.render());
  Table ranking({"rank", "region", "objective (USD)", "tco (USD)", "carbon (t)", "pue"});
  if (const RecordList* list = field(out, c.out.top_candidates.name().view()).if_records()) {
    int rank = 0;
    for (const Record& r : *list)
      ranking.add({Value(std::int64_t{++rank}), field(r, "region"), field(r, "objective"), field(r, "tco"),
                   field(r, "carbon"), field(r, "pue")});
  }
  fmt::print("{}", ranking.render());
}

void print_batching(const SolverHandle& solver, const Record& inputs, const Record& out) {
  const auto& c = contract<contracts::Batching>();
  auto given = [&](const auto& port) {
    const Value* v = inputs.find(port.name());
    const PortInfo* info = solver.info().find_input(port.name().view());
    return v ? human(*v) : info ? human(info->default_value) : std::string("-");
  };
  note(fmt::format("{} on {}, {} tokens, P99 <= {} ms at {} requests/s on {} replica(s) ({}): batch sizes 1..{}\n",
                   given(c.in.model), given(c.in.hardware), given(c.in.seq_len), given(c.in.sla_latency_ms),
                   given(c.in.arrival_rate_qps), given(c.in.num_replicas), solver.full_name(),
                   human(field(out, c.out.total_searched.name().view()))));
  const Value& feasible = field(out, c.out.is_feasible.name().view());
  if (feasible.if_boolean() && !*feasible.if_boolean()) {
    fmt::print("no batch size meets the SLA (none fits in memory with a stable queue and P99 within it)\n");
    return;
  }
  Table best({"best batch", "p99 latency", "p99 wait / 5 x service", "max throughput (tokens/s)"});
  best.add({field(out, c.out.best_batch_size.name().view()), field(out, c.out.p99_latency.name().view()),
            field(out, c.out.slo_violation_probability.name().view()),
            field(out, c.out.max_throughput.name().view())});
  fmt::print("{}", best.render());
}

// The inputs an optimizer takes from a plan file (python-and-cli.md §5.1).
using PlanInputs = std::function<Record(const Plan&)>;

Record parallelism_inputs(const Plan& p) {
  return {{"model", Value(p.model)}, {"fleet", Value(SpecRef(p.deployed_fleet()))},
          {"batch_size", Value(p.batch_size)}, {"precision", Value(p.options.precision)},
          {"efficiency", Value(p.options.efficiency)}};
}
Record batching_inputs(const Plan& p) {
  return {{"model", Value(p.model)}, {"hardware", Value(p.hardware)}, {"seq_len", Value(p.seq_len)},
          {"precision", Value(p.options.precision)}, {"efficiency", Value(p.options.efficiency)}};
}
Record placement_inputs(const Plan& p) {
  return {{"fleet", Value(SpecRef(p.deployed_fleet()))}, {"duration_days", Value(p.duration_days)}};
}

// Inputs from the plan file if one is given, then the options over them.
int optimize(Environment& env, const OptimizeArgs& args, const PlanInputs& from_plan, const ReportPrinter& print) {
  const Registry& registry = env.registry();
  const SolverHandle* solver = registry.find_solver(args.solver);
  if (solver == nullptr) return env.fail(registry.unknown_solver(args.solver));
  Record inputs;
  if (!args.plan.empty()) {
    Result<Plan> plan = read_plan(args.plan, registry);
    if (!plan.ok()) return env.fail(plan.error());
    inputs = from_plan(*plan);
  }
  if (Status s = args.ports.apply(registry, solver->info(), inputs); !s.ok()) return env.fail(s.error());
  return solve_and_print(env, *solver, inputs, args.checks, print);
}

// `optimize <name> [PLAN.yaml]`: contract C's inputs as options (required
// unless a plan gives them), `--solver` for another variant, `--require`
// checks, and `print` for the report.
template <class C>
void add_optimizer(CLI::App& optimize_cmd, Environment& env, int& exit_code, const std::string& name,
                   const std::string& description, const std::string& require_example, const ReportPrinter& print,
                   PlanInputs from_plan, const std::vector<PortOptions::Alias>& short_names = {}) {
  auto args = std::make_shared<OptimizeArgs>();
  args->solver = name;
  CLI::App* cmd = optimize_cmd.add_subcommand(name, description);
  cmd->add_option("plan", args->plan, "A plan file (.yaml) giving the inputs; options override it");
  args->ports.add(*cmd, contract<C>().inputs(), short_names, /*enforce_required=*/false);
  cmd->add_option("--solver", args->solver, fmt::format("{} variant (default: {})", name, name));
  cmd->add_option("--require", args->checks.requires_,
                  fmt::format("Exit 3 unless OUTPUT<op>VALUE holds, e.g. '{}' (repeatable)", require_example));
  cmd->callback([args, &env, &exit_code, print, from_plan] { exit_code = optimize(env, *args, from_plan, print); });
}

}  // namespace

void add_optimize_command(CLI::App& app, Environment& env, int& exit_code) {
  CLI::App* optimize = app.add_subcommand("optimize", "Search a design space for the best configuration");
  optimize->require_subcommand(1);
  const auto& p = contract<contracts::Parallelism>();
  add_optimizer<contracts::Parallelism>(
      *optimize, env, exit_code, "parallelism",
      "Best TP x PP x DP split of a fleet for training a model (MLSys·im's ParallelismOptimizer)", "best_mfu>=0.4",
      print_parallelism, parallelism_inputs, {{p.in.batch_size.name(), "-b"}});
  add_optimizer<contracts::Placement>(
      *optimize, env, exit_code, "placement",
      "Grid region with the lowest TCO plus carbon price for a fleet (MLSys·im's PlacementOptimizer)",
      "lowest_tco<=3e5", print_placement, placement_inputs,
      {{contract<contracts::Placement>().in.carbon_tax_per_ton.name(), "--carbon-tax"}});
  const auto& b = contract<contracts::Batching>();
  add_optimizer<contracts::Batching>(
      *optimize, env, exit_code, "batching",
      "Largest batch size that meets a P99 latency SLA at an arrival rate (MLSys·im's BatchingOptimizer)",
      "is_feasible==true", print_batching, batching_inputs,
      {{b.in.sla_latency_ms.name(), "--sla-ms"}, {b.in.arrival_rate_qps.name(), "--qps"}});
}

}  // namespace mlsysim::cli
