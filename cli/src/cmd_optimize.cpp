// `mlsysim optimize parallelism --model M --fleet F --batch-size B [...]`:
// the parallelism optimizer (MLSys·im's ParallelismOptimizer) as a report:
// the best TP x PP x DP split, then the top candidates. Its options are the
// parallelism contract's inputs, derived from the ports; `-o json` prints
// the same payload as `solve parallelism`.
#include <fmt/format.h>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/contracts/parallelism.hpp"
#include "port_options.hpp"
#include "solve_printer.hpp"

namespace mlsysim::cli {
namespace {

struct OptimizeArgs {
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

}  // namespace

void add_optimize_command(CLI::App& app, Environment& env, int& exit_code) {
  CLI::App* optimize = app.add_subcommand("optimize", "Search a design space for the best configuration");
  optimize->require_subcommand(1);
  auto args = std::make_shared<OptimizeArgs>();
  CLI::App* parallelism = optimize->add_subcommand(
      "parallelism", "Best TP x PP x DP split of a fleet for training a model (MLSys·im's ParallelismOptimizer)");
  const auto& c = contract<contracts::Parallelism>();
  args->ports.add(*parallelism, c.inputs(), {{c.in.batch_size.name(), "-b"}});
  parallelism->add_option("--solver", args->solver, "Parallelism variant (default: parallelism)");
  parallelism->add_option("--require", args->checks.requires_,
                          "Exit 3 unless OUTPUT<op>VALUE holds, e.g. 'best_mfu>=0.4' (repeatable)");
  parallelism->callback([args, &env, &exit_code] {
    exit_code = solve_from_options(env, args->solver, args->ports, args->checks, print_parallelism);
  });
}

}  // namespace mlsysim::cli
