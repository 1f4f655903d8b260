// `mlsysim sweep SOLVER --over name=v1,v2 ... [--set name=value] [--columns a,b]`:
// the cartesian product of the --over lists, one solve per combination.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/session.hpp"
#include "solve_printer.hpp"

namespace mlsysim::cli {
namespace {

struct SweepArgs {
  std::string solver;
  std::vector<std::string> overs, sets;
  std::string columns;
};

int run_sweep(Environment& env, const SweepArgs& args) {
  const Registry& registry = env.registry();
  const SolverHandle* solver = registry.find_solver(args.solver);
  if (solver == nullptr) return env.fail(registry.unknown_solver(args.solver));
  const SolverInfo& info = solver->info();

  Record fixed;
  for (const std::string& s : args.sets) {
    auto kv = split_assignment(s, "--set");
    if (!kv.ok()) return env.fail(kv.error());
    if (Status st = set_input(registry, info, kv->first, kv->second, fixed); !st.ok())
      return env.fail(st.error());
  }
  // Decode every swept value up front, so a typo fails before any solving.
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, Value>>>> axes;
  for (const std::string& s : args.overs) {
    auto kv = split_assignment(s, "--over");
    if (!kv.ok()) return env.fail(kv.error());
    auto& axis = axes.emplace_back(kv->first, std::vector<std::pair<std::string, Value>>{});
    for (const std::string& text : split_list(kv->second)) {
      Record scratch;
      if (Status st = set_input(registry, info, kv->first, text, scratch); !st.ok())
        return env.fail(st.error());
      axis.second.emplace_back(text, scratch.begin()->value);
    }
  }
  std::vector<std::string> columns;
  if (!args.columns.empty()) {
    columns = split_list(args.columns);
    for (const std::string& c : columns)
      if (!info.find_output(c))
        return env.fail(Error::bad_input("--columns", fmt::format("solver '{}' has no output '{}'",
                                                                  info.name, c)));
  } else {
    for (const PortInfo& p : info.outputs) columns.push_back(p.name.str());
  }

  std::vector<std::string> header;
  for (const auto& axis : axes) header.push_back(axis.first);
  header.insert(header.end(), columns.begin(), columns.end());
  Table table(header);
  Json runs = Json::array();
  int code = kOk;

  std::vector<std::size_t> index(axes.size(), 0);
  Record outputs;  // reused by every point
  while (true) {
    Record inputs = fixed;
    std::vector<std::string> row;
    Json given = Json::object();
    for (std::size_t a = 0; a < axes.size(); ++a) {
      const auto& [text, value] = axes[a].second[index[a]];
      inputs.set(axes[a].first, value);
      row.push_back(text);
      given[axes[a].first] = to_json(value);
    }
    Session session(registry);
    const Status status = solver->solve(inputs, outputs, session);
    Json run = {{"inputs", given}};
    if (status.ok()) {
      for (const std::string& c : columns) row.push_back(human(*outputs.find(c)));
      run["outputs"] = to_json(outputs);
    } else {
      row.push_back("error: " + status.error().message);
      run["error"] = {{"code", to_string(status.error().code)},
                      {"field", status.error().field},
                      {"message", status.error().message}};
      code = exit_code_for(status.error());
    }
    if (!session.warnings().empty()) run["warnings"] = session.warnings();
    table.add(std::move(row));
    runs.push_back(std::move(run));
    // Odometer over the axes, last axis fastest.
    std::size_t a = axes.size();
    while (a > 0 && ++index[a - 1] == axes[a - 1].second.size()) index[--a] = 0;
    if (a == 0) break;
  }
  if (env.json()) fmt::print("{}\n", runs.dump(2));
  else fmt::print("{}", table.render());
  return code;
}

}  // namespace

void add_sweep_command(CLI::App& app, Environment& env, int& exit_code) {
  auto args = std::make_shared<SweepArgs>();
  CLI::App* cmd = app.add_subcommand("sweep", "Solve every combination of the --over values");
  cmd->add_option("solver", args->solver, "Solver name")->required();
  cmd->add_option("--over", args->overs, "name=v1,v2,... (repeatable; cartesian product)");
  cmd->add_option("--set", args->sets, "Fixed input name=value (repeatable)");
  cmd->add_option("--columns", args->columns, "Outputs to show, comma-separated (default: all)");
  cmd->callback([args, &env, &exit_code] { exit_code = run_sweep(env, *args); });
}

}  // namespace mlsysim::cli
