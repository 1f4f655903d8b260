// `mlsysim plugins list|show|check`: plugins, the contracts they implement
// and their variants, one solver's ports, and the conformance check.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "mlsysim/framework/walls.hpp"
#include "human.hpp"
#include "terminal_text.hpp"
#include "mlsysim/framework/json.hpp"
#include "mlsysim/registry/conformance.hpp"
#include "mlsysim/registry/describe.hpp"
#include "mlsysim/registry/known_contracts.hpp"
#include "mlsysim/registry/search_path.hpp"

namespace mlsysim::cli {
namespace {

std::string port_type(const PortInfo& p) {
  if (p.kind == ValueKind::kQuantity)
    return fmt::format("{} [{}]", p.dimension.description(), p.dimension.unit_symbol());
  return std::string(kind_name(p));
}

std::string default_text(const PortInfo& p) {
  if (p.required) return "(required)";
  if (p.optional) return "(optional)";
  return human(p.default_value);
}

void list_plugins(Environment& env) {
  const Registry& registry = env.registry();
  const auto& reports = registry.reports();
  if (env.json()) {
    Json list = Json::array();
    for (const PluginReport& r : reports) list.push_back(plugin_json(r));
    fmt::print("{}\n", Json{{"plugins", list}, {"contracts", contracts_json(registry)}}.dump(2));
    return;
  }
  Table contracts({"contract", "version", "variants (* = default)", "summary"});
  for (const auto& [name, entry] : registry.contracts()) {
    std::vector<std::string> variants;
    for (const SolverHandle* v : entry.variants)
      variants.push_back(v->info().variant + (v == entry.default_variant ? "*" : ""));
    contracts.add({name, entry.version, join(variants), entry.summary});
  }
  for (const Contract* known : known_contracts())
    if (!registry.contracts().count(known->name()))
      contracts.add({known->name(), known->version(), "(none loaded)", known->summary()});
  Table t({"status", "plugin", "version", "provides / reason", "path"});
  for (const PluginReport& r : reports) {
    std::vector<std::string> provides;
    for (const auto& s : r.solvers) provides.push_back("solver " + s);
    for (const auto& s : r.hardware_providers) provides.push_back("hardware " + s);
    for (const auto& s : r.model_providers) provides.push_back("models " + s);
    for (const auto& s : r.spec_providers) provides.push_back("fleet specs " + s);
    t.add({r.loaded ? "loaded" : "REJECTED", r.name.empty() ? "-" : r.name,
           r.version.empty() ? "-" : r.version, r.loaded ? join(provides) : r.reason,
           r.path.string()});
  }
  // As data (csv, jsonl, markdown), one table: the plugins; -o json has both.
  if (Table::machine_readable()) return (void)fmt::print("{}", t.render());
  fmt::print("{}\n{}", contracts.render(), t.render());
}

std::string accepts(const PortInfo& p) {
  return p.constraint.empty() ? "" : p.constraint.describe().substr(std::string("must be ").size());
}

// Every port and variant parameter of `info` in one table, for -o csv,
// jsonl and markdown.
void print_ports_as_data(const SolverInfo& info) {
  Table t({"port", "direction", "type", "default", "accepts", "doc"});
  for (const PortInfo& p : info.inputs())
    t.add({p.name.str(), p.parameter ? "parameter" : "input", port_type(p),
           p.required || p.optional ? Cell(Value()) : Cell(p.default_value), accepts(p), p.doc});
  for (const PortInfo& p : info.outputs())
    t.add({p.name.str(), "output", port_type(p) + (p.nullable ? " or null" : ""), Value(), "", p.doc});
  fmt::print("{}", t.render());
}

// The contract's tier, its walls and the misconceptions it corrects.
void print_taxonomy(const ContractInfo& contract) {
  std::vector<std::string> walls;
  for (int n : contract.walls)
    if (const Wall* w = find_wall(n)) walls.push_back(fmt::format("{} {} ({})", w->number, w->name, w->domain));
  note(wrap(fmt::format("tier: {}; walls: {}", to_string(contract.tier), walls.empty() ? "none" : join(walls))) +
       "\n");
  for (const Fallacy& f : contract.fallacies)
    note(wrap(fmt::format("fallacy: {} Reality: {}", f.misconception, f.reality)) + "\n");
  note("\n");
}

int show_solver(Environment& env, const std::string& name) {
  const Registry& registry = env.registry();
  const SolverHandle* solver = registry.find_solver(name);
  if (solver == nullptr) return env.fail(registry.unknown_solver(name));
  const SolverInfo& info = solver->info();
  std::vector<std::string> variants;
  for (const SolverHandle* v : registry.contracts().at(info.contract_name()).variants)
    variants.push_back(v->full_name());
  if (env.json()) {
    fmt::print("{}\n", solver_json(registry, *solver).dump(2));
    return kOk;
  }
  note(fmt::format("{}\n{}\n{}\n\n{}\n\n",
                   wrap(fmt::format("{} (contract {} v{}, implementation {}) - {}", solver->full_name(),
                                    info.contract_name(), info.contract_version(), info.version, info.summary())),
                   wrap("library: " + solver->library().string()), wrap("variants: " + join(variants)),
                   wrap(info.doc)));
  if (Table::machine_readable()) {
    print_ports_as_data(info);
    return kOk;
  }
  print_taxonomy(info.contract());
  Table in({"input", "type", "default", "accepts", "doc"});
  Table params({"parameter", "type", "value", "accepts", "doc"});
  for (const PortInfo& p : info.inputs())
    (p.parameter ? params : in).add({p.name.str(), port_type(p), default_text(p), accepts(p), p.doc});
  Table out({"output", "type", "doc"});
  for (const PortInfo& p : info.outputs())
    out.add({p.name.str(), port_type(p) + (p.nullable ? " or null" : ""), p.doc});
  fmt::print("{}\n{}", in.render(), out.render());
  if (!info.parameters.empty()) {
    const std::string from = info.parameter_file.empty() ? "declared defaults" : info.parameter_file;
    note(fmt::format("\nparameters of this variant (values from {}; set any per call like an input):\n", from));
    fmt::print("{}", params.render());
  }
  return kOk;
}

}  // namespace

int check_plugins(Environment& env, const std::vector<std::string>& paths);  // cmd_plugins_check.cpp

void add_plugins_command(CLI::App& app, Environment& env, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("plugins", "Inspect plugins, contracts and their variants");
  cmd->require_subcommand(1);
  CLI::App* list = cmd->add_subcommand(
      "list", "Contracts with their variants, and every plugin candidate: loaded, or rejected and why");
  list->callback([&env] { list_plugins(env); });
  auto name = std::make_shared<std::string>();
  CLI::App* show = cmd->add_subcommand(
      "show", "A solver's ports: kinds, units, defaults, constraints, docs (NAME or CONTRACT:VARIANT)");
  show->add_option("name", *name, "Solver name")->required();
  show->callback([name, &env, &exit_code] { exit_code = show_solver(env, *name); });
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* check = cmd->add_subcommand(
      "check", "Conformance test: solve each implementation on inputs derived from its contract "
               "and report every broken promise (exit 1 on any)");
  check->add_option("path", *paths, "Plugin libraries or directories to check (default: all loaded)");
  check->callback([paths, &env, &exit_code] { exit_code = check_plugins(env, *paths); });
}

}  // namespace mlsysim::cli
