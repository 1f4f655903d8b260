// `mlsysim plugins list` and `mlsysim plugins show NAME`.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "human.hpp"
#include "mlsysim/framework/json.hpp"

namespace mlsysim::cli {
namespace {

std::string port_type(const PortInfo& p) {
  if (p.kind == ValueKind::kQuantity)
    return fmt::format("{} [{}]", p.dimension.description(), p.dimension.unit_symbol());
  return std::string(to_string(p.kind));
}

void list_plugins(Environment& env) {
  const auto& reports = env.registry().reports();
  if (env.json()) {
    Json list = Json::array();
    for (const PluginReport& r : reports)
      list.push_back({{"path", r.path.string()}, {"loaded", r.loaded}, {"name", r.name},
                      {"version", r.version}, {"reason", r.reason}, {"solvers", r.solvers},
                      {"hardware_providers", r.hardware_providers},
                      {"model_providers", r.model_providers}, {"diagnostics", r.diagnostics}});
    fmt::print("{}\n", list.dump(2));
    return;
  }
  Table t({"status", "plugin", "version", "provides / reason", "path"});
  for (const PluginReport& r : reports) {
    std::vector<std::string> provides;
    for (const auto& s : r.solvers) provides.push_back("solver " + s);
    for (const auto& s : r.hardware_providers) provides.push_back("hardware " + s);
    for (const auto& s : r.model_providers) provides.push_back("models " + s);
    t.add({r.loaded ? "loaded" : "REJECTED", r.name.empty() ? "-" : r.name,
           r.version.empty() ? "-" : r.version, r.loaded ? join(provides) : r.reason,
           r.path.string()});
  }
  fmt::print("{}", t.render());
}

int show_solver(Environment& env, const std::string& name) {
  const Registry& registry = env.registry();
  const SolverHandle* solver = registry.find_solver(name);
  if (solver == nullptr) return env.fail(registry.unknown_solver(name));
  const SolverInfo& info = solver->info();
  if (env.json()) {
    auto ports = [](const std::vector<PortInfo>& list, bool inputs) {
      Json out = Json::array();
      for (const PortInfo& p : list) {
        Json j = {{"name", p.name.str()}, {"kind", to_string(p.kind)}, {"doc", p.doc}};
        if (p.kind == ValueKind::kQuantity) j["unit"] = p.dimension.unit_symbol();
        if (inputs) {
          j["required"] = p.required;
          if (!p.required) j["default"] = to_json(p.default_value);
        } else {
          j["nullable"] = p.nullable;
        }
        out.push_back(std::move(j));
      }
      return out;
    };
    Json j = {{"name", info.name}, {"version", info.version}, {"summary", info.summary},
              {"doc", info.doc}, {"library", solver->library().string()},
              {"inputs", ports(info.inputs, true)}, {"outputs", ports(info.outputs, false)}};
    fmt::print("{}\n", j.dump(2));
    return kOk;
  }
  fmt::print("{} {} - {}\nlibrary: {}\n\n{}\n\n", info.name, info.version, info.summary,
             solver->library().string(), info.doc);
  Table in({"input", "type", "default", "doc"});
  for (const PortInfo& p : info.inputs)
    in.add({p.name.str(), port_type(p), p.required ? "(required)" : human(p.default_value), p.doc});
  Table out({"output", "type", "doc"});
  for (const PortInfo& p : info.outputs)
    out.add({p.name.str(), port_type(p) + (p.nullable ? " or null" : ""), p.doc});
  fmt::print("{}\n{}", in.render(), out.render());
  return kOk;
}

}  // namespace

void add_plugins_command(CLI::App& app, Environment& env, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("plugins", "Inspect plugins and their solvers");
  cmd->require_subcommand(1);
  CLI::App* list = cmd->add_subcommand("list", "Every plugin candidate: loaded, or rejected and why");
  list->callback([&env] { list_plugins(env); });
  auto name = std::make_shared<std::string>();
  CLI::App* show = cmd->add_subcommand("show", "A solver's ports: kinds, units, defaults, docs");
  show->add_option("name", *name, "Solver name")->required();
  show->callback([name, &env, &exit_code] { exit_code = show_solver(env, *name); });
}

}  // namespace mlsysim::cli
