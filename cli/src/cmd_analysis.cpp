// `mlsysim elasticity` and `mlsysim inverse`: the generalised sensitivity and
// inverse design, for any contract (see mlsysim/registry/elasticity.hpp and
// inverse_design.hpp). Front ends only: parse, call the library, print.
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "input_args.hpp"
#include "number_flags.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/elasticity.hpp"
#include "mlsysim/registry/inverse_design.hpp"
#include "mlsysim/registry/knob.hpp"
#include "solve_printer.hpp"

namespace mlsysim::cli {
namespace {

// A base-unit number as a Value of its dimension (a plain number when dimensionless).
Value quantity_value(double base_value, Dimension dimension) {
  if (dimension == Dimension{}) return Value(base_value);
  return Value(Quantity{base_value, dimension});
}

// Each distinct warning once: perturbed runs repeat the baseline's.
void report_warnings(Environment& env, const Session& session) {
  std::set<std::string> seen;
  for (const std::string& w : session.warnings())
    if (seen.insert(w).second) env.warn(w);
  for (const std::string& n : session.notes()) env.note(n);
}

// "1%" -> 0.01, "0.01" -> 0.01
Result<double> parse_step(const std::string& text) {
  std::string number = text;
  double scale = 1.0;
  if (!number.empty() && number.back() == '%') {
    number.pop_back();
    scale = 0.01;
  }
  try {
    std::size_t used = 0;
    const double v = std::stod(number, &used);
    if (used == number.size()) return v * scale;
  } catch (const std::exception&) {
  }
  return Error::bad_input("--step", fmt::format("--step: got '{}', expected a fraction such as "
                                                "0.01 or a percentage such as 1%", text));
}

// The named solver and the inputs given on the command line.
struct Case {
  const SolverHandle* solver = nullptr;
  Record inputs;
};
Result<Case> case_of(const Registry& registry, const std::string& name, const InputArgs& args) {
  const SolverHandle* solver = registry.find_solver(name);
  if (solver == nullptr) return registry.unknown_solver(name);
  Result<Record> inputs = args.build(registry, solver->info());
  if (!inputs.ok()) return inputs.error();
  return Case{solver, std::move(inputs).value()};
}

struct ElasticityArgs {
  std::string solver, of, wrt, step = "1%";
  InputArgs inputs;
};

int run_elasticity(Environment& env, const ElasticityArgs& args) {
  const Registry& registry = env.registry();
  Result<Case> given = case_of(registry, args.solver, args.inputs);
  if (!given.ok()) return env.fail(given.error());
  const SolverHandle* solver = given->solver;
  ElasticityRequest req;
  req.solver = args.solver;
  req.inputs = std::move(given->inputs);
  req.outputs = split_list(args.of);
  req.parameters = split_list(args.wrt);
  Result<double> step = parse_step(args.step);
  if (!step.ok()) return env.fail(step.error());
  req.step = *step;

  Session session(registry);
  Result<std::vector<Elasticity>> rows = elasticities(registry, req, session);
  report_warnings(env, session);
  if (!rows.ok()) return env.fail(rows.error());
  if (env.json()) {
    Json list = Json::array();
    for (const Elasticity& e : *rows)
      list.push_back({{"output", e.output}, {"parameter", e.parameter}, {"elasticity", e.elasticity},
                      {"x", e.x}, {"y", e.y}, {"x_low", e.x_low}, {"x_high", e.x_high},
                      {"one_sided", e.one_sided}});
    fmt::print("{}\n", Json{{"solver", solver->full_name()}, {"step", req.step},
                            {"elasticities", list}}.dump(2));
    return kOk;
  }
  Table t({"output", "with respect to", "elasticity", "at", "output there", "note"});
  for (const Elasticity& e : *rows) {
    const PortInfo* port = solver->info().find_output(e.output);
    const Knob knob = *Knob::resolve(solver->info(), e.parameter);
    const Dimension y_dim = port ? port->dimension : Dimension{};
    t.add({e.output, e.parameter, Cell(Value(e.elasticity), fmt::format("{:+.4f}", e.elasticity)),
           Cell(quantity_value(e.x, knob.dimension()), human_quantity(e.x, knob.dimension())),
           Cell(quantity_value(e.y, y_dim), human_quantity(e.y, y_dim)), e.one_sided ? "one-sided" : ""});
  }
  fmt::print("{}", t.render());
  note(fmt::format("elasticity = (dy/y)/(dx/x) by {} differences of {:g}%, {}\n", "central",
                   req.step * 100, solver->full_name()));
  return kOk;
}

struct InverseArgs {
  std::string solver, vary, from, to, target;
  bool largest = false;
  double tolerance = 1e-6;
  std::int64_t samples = 16;
  InputArgs inputs;
};

int run_inverse(Environment& env, const InverseArgs& args) {
  const Registry& registry = env.registry();
  Result<Case> given = case_of(registry, args.solver, args.inputs);
  if (!given.ok()) return env.fail(given.error());
  const SolverHandle* solver = given->solver;
  InverseRequest req;
  req.solver = args.solver;
  req.parameter = args.vary;
  req.inputs = std::move(given->inputs);
  Result<Knob> knob = Knob::resolve(solver->info(), args.vary);
  if (!knob.ok()) return env.fail(knob.error());
  Result<double> low = knob->parse(args.from), high = knob->parse(args.to);
  if (!low.ok()) return env.fail(low.error());
  if (!high.ok()) return env.fail(high.error());
  req.low = *low;
  req.high = *high;
  Result<Target> target = parse_target(args.target, solver->info());
  if (!target.ok()) return env.fail(target.error());
  req.target = *target;
  req.seek = args.largest ? InverseRequest::kLargest : InverseRequest::kSmallest;
  req.tolerance = args.tolerance;
  req.samples = args.samples;

  Session session(registry);
  Result<InverseResult> result = inverse_design(registry, req, session);
  report_warnings(env, session);
  if (!result.ok()) return env.fail(result.error());
  if (env.json()) {
    fmt::print("{}\n", Json{{"solver", solver->full_name()},
                            {"parameter", req.parameter},
                            {"seek", args.largest ? "largest" : "smallest"},
                            {"target", req.target.text},
                            {"value", result->value},
                            {"unit", knob->dimension().unit_symbol()},
                            {"missed", result->missed},
                            {"at_bound", result->at_bound},
                            {"evaluations", result->evaluations},
                            {"outputs", to_json(result->outputs)}}.dump(2));
    return kOk;
  }
  note(fmt::format("{} {} = {} ({}) meets {} ({}; {} evaluations)\n",
                   args.largest ? "largest" : "smallest", req.parameter,
                   human_quantity(result->value, knob->dimension()), knob->format(result->value),
                   req.target.text,
                   result->at_bound ? "met at the end of the range"
                                    : "the nearest value that misses: " + knob->format(result->missed),
                   result->evaluations));
  Table t({"output", "value at the answer"});
  for (const Record::Field& f : result->outputs) t.add({f.name.str(), f.value});
  fmt::print("{}", t.render());
  return kOk;
}

}  // namespace

void add_analysis_commands(CLI::App& app, Environment& env, int& exit_code) {
  auto e = std::make_shared<ElasticityArgs>();
  CLI::App* el = app.add_subcommand(
      "elasticity", "Elasticities (d ln y / d ln x) of any outputs of any solver with respect to "
                    "any numeric inputs or spec fields (generalised sensitivity)");
  el->add_option("solver", e->solver, "Solver (contract or contract:variant)")->required();
  e->inputs.add_options(*el);
  el->add_option("--of", e->of, "Outputs, comma-separated, e.g. latency,energy")->required();
  el->add_option("--wrt", e->wrt,
                 "Parameters, comma-separated: inputs or spec fields, e.g. "
                 "batch_size,hardware.memory.bandwidth,hardware.peak_flops")
      ->required();
  el->add_option("--step", e->step, "Relative perturbation, e.g. 1% or 0.01 (default 1%)");
  el->callback([e, &env, &exit_code] { exit_code = run_elasticity(env, *e); });

  auto v = std::make_shared<InverseArgs>();
  CLI::App* inv = app.add_subcommand(
      "inverse", "Inverse design: the smallest (or largest) value of one input or spec field for "
                 "which an output meets a target, by bracketing and bisection");
  inv->add_option("solver", v->solver, "Solver (contract or contract:variant)")->required();
  v->inputs.add_options(*inv);
  inv->add_option("--vary", v->vary, "Input or spec field to search, e.g. hardware.memory.bandwidth")
      ->required();
  inv->add_option("--from", v->from, "Low end of the range, e.g. '100 GB/s'")->required();
  inv->add_option("--to", v->to, "High end of the range, e.g. '20 TB/s'")->required();
  inv->add_option("--target", v->target, "What must hold, e.g. 'latency<=50 ms' or feasible==true")
      ->required();
  inv->add_flag("--largest", v->largest, "Find the largest value that meets it (default: smallest)");
  add_real(*inv, "--tolerance", v->tolerance, 1e-15, 0.5, "Relative width of the final bracket (default 1e-6)");
  add_count(*inv, "--samples", v->samples, 2, 100'000, "Points checked for monotonicity first (default 16)");
  inv->callback([v, &env, &exit_code] { exit_code = run_inverse(env, *v); });
}

}  // namespace mlsysim::cli
