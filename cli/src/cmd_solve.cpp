// `mlsysim solve SOLVER --set name=value ...`, the shared input and result
// handling of every command bound to a contract.
#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/framework/suggest.hpp"
#include "mlsysim/registry/session.hpp"
#include "input_args.hpp"
#include "mlsysim/sdk/workload/precision.hpp"
#include "port_options.hpp"
#include "solve_printer.hpp"

namespace mlsysim::cli {

Result<std::pair<std::string, std::string>> split_assignment(std::string_view text,
                                                            std::string_view option) {
  std::size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return Error::bad_input(std::string(option),
                            fmt::format("{} '{}': expected name=value", option, text));
  return std::pair<std::string, std::string>(text.substr(0, eq), text.substr(eq + 1));
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (true) {
    std::size_t comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

Status set_input(const Registry& registry, const SolverInfo& info, std::string_view name,
                 std::string_view text, Record& record) {
  const PortInfo* port = info.find_input(name);
  if (port == nullptr) return unknown_input(info, name);
  // "FP16" as MLSys·im's command line takes it: precisions match without case.
  static const std::vector<std::string> kPrecisions(workload::kPrecisions.begin(), workload::kPrecisions.end());
  std::optional<std::string> precision;
  if (name == "precision") {
    precision = unique_case_insensitive(text, kPrecisions);
    // Any other string is allowed (0.1.0 counts it as 2 bytes and warns), but a typo deserves a hint.
    if (!precision && !did_you_mean(text, kPrecisions).empty())
      fmt::print(stderr, "mlsysim: note: precision '{}' is not one of {}{}\n", text, join(kPrecisions),
                 did_you_mean(text, kPrecisions));
  }
  Result<Value> value = decode_text(precision ? std::string_view(*precision) : text, *port, registry);
  if (!value.ok()) return value.error();
  record.set(port->name, std::move(value).value());
  return {};
}

Result<Record> inputs_from_sets(const Registry& registry, const SolverInfo& info,
                                const std::vector<std::string>& sets) {
  Record record;
  for (const std::string& s : sets) {
    auto kv = split_assignment(s, "--set");
    if (!kv.ok()) return kv.error();
    if (Status st = set_input(registry, info, kv->first, kv->second, record); !st.ok()) return st.error();
  }
  return record;
}

namespace {

struct Requirement {
  std::string output;
  std::string op;
  std::string value;
};

Result<Requirement> parse_requirement(std::string_view text) {
  static constexpr std::string_view kOps[] = {"<=", ">=", "==", "!=", "<", ">"};
  for (std::string_view op : kOps) {
    std::size_t at = text.find(op);
    if (at != std::string_view::npos && at > 0) {
      auto trim = [](std::string_view s) {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
        return std::string(s);
      };
      return Requirement{trim(text.substr(0, at)), std::string(op), trim(text.substr(at + op.size()))};
    }
  }
  return Error::bad_input("--require", fmt::format("--require '{}': expected OUTPUT<op>VALUE with "
                                                   "op one of <= >= < > == !=", text));
}

bool compare(double a, const std::string& op, double b) {
  if (op == "<=") return a <= b;
  if (op == ">=") return a >= b;
  if (op == "<") return a < b;
  if (op == ">") return a > b;
  if (op == "==") return a == b;
  return a != b;
}

// Ok(true) if satisfied, Ok(false) if violated, error if malformed.
Result<bool> check(const Registry& registry, const SolverInfo& info, const Record& outputs,
                   const Requirement& req) {
  const PortInfo* port = info.find_output(req.output);
  const Value* actual = outputs.find(req.output);
  if (port == nullptr || actual == nullptr)
    return Error::bad_input("--require", fmt::format("solver '{}' has no output '{}'", info.contract_name(),
                                                     req.output));
  Result<Value> wanted = decode_text(req.value, *port, registry);
  if (!wanted.ok()) return wanted.error();
  if (actual->is_null()) return false;
  if (const Quantity* q = actual->if_quantity())
    return compare(q->value, req.op, wanted->if_quantity()->value);
  if (const double* d = actual->if_number()) return compare(*d, req.op, *wanted->if_number());
  if (const std::int64_t* i = actual->if_integer())
    return compare(static_cast<double>(*i), req.op, static_cast<double>(*wanted->if_integer()));
  bool equal = actual->describe() == wanted->describe();
  if (req.op == "==") return equal;
  if (req.op == "!=") return !equal;
  return Error::bad_input("--require", fmt::format("output '{}' can only be compared with == or !=",
                                                   req.output));
}

}  // namespace

// The outputs --columns names, in its order (all of them when it is empty).
Result<Record> selected_outputs(const SolverInfo& info, const Record& outputs, const std::vector<std::string>& columns) {
  if (columns.empty()) return outputs;
  Record out;
  std::vector<std::string> names;
  for (const PortInfo& p : info.outputs()) names.push_back(p.name.str());
  for (const std::string& c : columns) {
    const Value* v = outputs.find(c);
    if (v == nullptr)
      return Error::bad_input("--columns", fmt::format("solver '{}' has no output '{}'{} (its outputs: {})", info.contract_name(), c,
                                                       did_you_mean(c, names), join(names)));
    out.set(Name(c), *v);
  }
  return out;
}

int solve_from_options(Environment& env, const std::string& solver_name, const PortOptions& ports,
                       const ResultChecks& checks, const ReportPrinter& report) {
  const Registry& registry = env.registry();
  const SolverHandle* solver = registry.find_solver(solver_name);
  if (solver == nullptr) return env.fail(registry.unknown_solver(solver_name));
  Record inputs;
  if (Status s = ports.apply(registry, solver->info(), inputs); !s.ok()) return env.fail(s.error());
  return solve_and_print(env, *solver, inputs, checks, report);
}

int solve_and_print(Environment& env, const SolverHandle& solver, const Record& inputs,
                    const ResultChecks& checks, const ReportPrinter& report) {
  const Registry& registry = env.registry();
  if (Status s = checks.parse(); !s.ok()) return env.fail(s.error());
  Session session(registry);
  Result<Record> outputs = solver.solve(inputs, session);
  for (const std::string& w : session.warnings()) env.warn(w);
  if (!outputs.ok()) return env.fail(outputs.error());
  Result<Record> shown = selected_outputs(solver.info(), *outputs, env.columns());
  if (!shown.ok()) return env.fail(shown.error());

  if (env.json()) {
    std::string text = "{\"solver\":";
    append_json_string(text, solver.full_name());
    text += ",\"outputs\":";
    append_json(text, *shown);
    text += ",\"warnings\":";
    append_json_strings(text, session.warnings());
    text += ",\"notes\":";
    append_json_strings(text, session.notes());
    text += "}";
    fmt::print("{}\n", Json::parse(text).dump(2));
  } else if (report && env.columns().empty()) {
    report(solver, inputs, *outputs);
  } else {
    Table table({"output", "value", "doc"});
    for (const Record::Field& f : *shown) {
      const PortInfo* port = solver.info().find_output(f.name);
      table.add({f.name.str(), f.value, port ? port->doc : ""});
    }
    fmt::print("{}", table.render());
  }
  // Notes read with the figures, so they follow them.
  std::fflush(stdout);
  for (const std::string& n : session.notes()) env.note(n);
  const SolvedResult solved{&solver.info(), &*outputs};
  return apply_checks(env, {&solved, 1}, checks);
}

Status ResultChecks::parse() const {
  for (const std::string& text : requires_)
    if (Result<Requirement> r = parse_requirement(text); !r.ok()) return r.error();
  return {};
}

int apply_checks(Environment& env, std::span<const SolvedResult> results, const ResultChecks& checks) {
  int code = kOk;
  if (checks.fail_infeasible) {
    for (const SolvedResult& r : results) {
      const Value* feasible = r.outputs->find("feasible");
      if (feasible && feasible->if_boolean() && !*feasible->if_boolean()) {
        fmt::print(stderr, "mlsysim: infeasible: the workload does not fit (feasible = false)\n");
        code = kInfeasible;
        break;
      }
    }
  }
  for (const std::string& text : checks.requires_) {
    Result<Requirement> req = parse_requirement(text);
    if (!req.ok()) return env.fail(req.error());
    // The first result with that output answers (serve --qps: serving, then its load view).
    const auto owner = std::find_if(results.begin(), results.end(),
                                    [&](const SolvedResult& r) { return r.outputs->find(req->output) != nullptr; });
    const SolvedResult& r = owner != results.end() ? *owner : results.front();
    Result<bool> ok = check(env.registry(), *r.info, *r.outputs, *req);
    if (!ok.ok()) return env.fail(ok.error());
    if (!*ok) {
      fmt::print(stderr, "mlsysim: constraint violated: {} = {}, required {} {}\n", req->output,
                 human(*r.outputs->find(req->output)), req->op, req->value);
      if (code == kOk) code = kConstraintViolated;
    }
  }
  return code;
}

void add_solve_commands(CLI::App& app, Environment& env, int& exit_code) {
  struct SolveArgs {
    std::string solver;
    bool help = false;
    InputArgs inputs;
    ResultChecks checks;
  };
  auto args = std::make_shared<SolveArgs>();
  CLI::App* solve = app.add_subcommand(
      "solve", "Solve one case with any solver; every input is an option named after its port "
               "(`mlsysim solve CONTRACT --help` lists them)");
  solve->add_option("solver", args->solver,
                    "Solver: a contract (its default variant) or contract:variant "
                    "(see `mlsysim plugins list`)");
  // --help after a solver name lists that contract's ports as options.
  solve->set_help_flag();
  solve->add_flag("-h,--help", args->help, "Print this help (with a solver: its inputs as options) and exit");
  // Port options (--seq-len 4096) are extras of the whole command line,
  // which main() leaves to solve alone.
  args->inputs.add_options(*solve, /*shorthands=*/false);
  solve->add_flag("--fail-infeasible", args->checks.fail_infeasible,
                  "Exit 2 if the result says feasible = false");
  solve->add_option("--require", args->checks.requires_,
                    "Exit 3 unless OUTPUT<op>VALUE holds, e.g. 'latency<=10 ms' (repeatable)");
  solve->callback([args, solve, &env, &exit_code] {
    if (args->help && args->solver.empty()) {
      fmt::print("{}", solve->help());
      return;
    }
    if (args->solver.empty()) {
      exit_code = env.fail(Error::bad_input("solver", "solve needs a solver: a contract or contract:variant "
                                                      "(see `mlsysim plugins list`)"));
      return;
    }
    const Registry& registry = env.registry();
    const SolverHandle* solver = registry.find_solver(args->solver);
    if (solver == nullptr) {
      exit_code = env.fail(registry.unknown_solver(args->solver));
      return;
    }
    if (args->help) {
      fmt::print("{}\n{}", solve->help(), port_help(solver->info()));
      return;
    }
    Result<Record> inputs = args->inputs.build(registry, solver->info());
    Status extras = inputs.ok() ? inputs_from_extras(registry, solver->info(), solve->get_parent()->remaining(), *inputs)
                                : Status(inputs.error());
    if (!extras.ok()) {
      exit_code = env.fail(extras.error());
      return;
    }
    exit_code = solve_and_print(env, *solver, *inputs, args->checks);
  });
}

}  // namespace mlsysim::cli
